"""URLs of the triage app: protocol governance and screening in the incident workspace.

The JSON API route (`POST /api/v1/protocols/<name>/evaluate`) is registered with the other API
routes in `crisisdesk/api/urls.py`.
"""

from django.urls import URLPattern, URLResolver, include, path

app_name = "triage"

urlpatterns: list[URLPattern | URLResolver] = [
    path("protocols/", include("crisisdesk.triage.governance_urls")),
    path("screenings/", include("crisisdesk.triage.screening_urls")),
    path("safety-plans/", include("crisisdesk.triage.safety_plan_urls")),
]
