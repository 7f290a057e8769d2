"""The versioned JSON API for CAD and other systems: /api/v1/..."""

from django.urls import include, path

from crisisdesk.api.openapi import openapi_schema
from crisisdesk.directory import capacity_views
from crisisdesk.intake import api as intake_api
from crisisdesk.triage import api as triage_api

app_name = "api"

urlpatterns = [
    path("openapi.json", openapi_schema, name="openapi"),
    path("incidents/eido", intake_api.receive_eido, name="incidents_eido"),
    path("protocols/<str:name>/evaluate", triage_api.evaluate_protocol, name="protocol_evaluate"),
    # Open Referral HSDS 3.0, read-only, for 211s and other directories.
    path("hsds/", include("crisisdesk.directory.api_urls")),
    path("directory/capacity", capacity_views.capacity_api, name="directory_capacity"),
]
