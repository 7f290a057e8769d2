"""Open Referral HSDS 3.0, read-only, mounted at /api/v1/hsds/ (names `api:hsds_...`)."""

from django.urls import path

from crisisdesk.directory import api

urlpatterns = [
    path("", api.api_root, name="hsds_root"),
    path("services", api.service_list, name="hsds_services"),
    path("services/<str:hsds_id>", api.service_detail, name="hsds_service"),
    path("organizations", api.organization_list, name="hsds_organizations"),
    path("organizations/<str:hsds_id>", api.organization_detail, name="hsds_organization"),
    path("service_at_locations", api.service_at_location_list, name="hsds_service_at_locations"),
    path(
        "service_at_locations/<str:hsds_id>",
        api.service_at_location_detail,
        name="hsds_service_at_location",
    ),
    path("taxonomies", api.taxonomy_list, name="hsds_taxonomies"),
    path("taxonomies/<str:hsds_id>", api.taxonomy_detail, name="hsds_taxonomy"),
    path("taxonomy_terms", api.taxonomy_term_list, name="hsds_taxonomy_terms"),
    path("taxonomy_terms/<str:hsds_id>", api.taxonomy_term_detail, name="hsds_taxonomy_term"),
]
