"""URLs of the triage app.

The JSON API route (`POST /api/v1/protocols/<name>/evaluate`) is registered with the other
API routes in `crisisdesk/api/urls.py`. The screening pages of the incident workspace will be
added here (issue 4, item 7).
"""

from django.urls import URLPattern

app_name = "triage"

urlpatterns: list[URLPattern] = []
