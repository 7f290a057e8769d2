"""Queue review, under `/review/` (namespace `review`)."""

from django.urls import URLPattern, path

from crisisdesk.review import config_views, views

app_name = "review"

urlpatterns: list[URLPattern] = [
    path("stats", views.stats, name="stats"),
    path("config/", config_views.config_home, name="config"),
    path("config/drafts/new/", config_views.config_draft, name="config_draft"),
    path("config/versions/<int:version_id>/", config_views.config_version, name="config_version"),
    path(
        "config/versions/<int:version_id>/sign-off/",
        config_views.config_sign_off,
        name="config_sign_off",
    ),
    path("incidents/<int:incident_id>/pull/", views.flag_pull, name="flag_pull"),
    path("incidents/<int:incident_id>/dismiss/", views.flag_dismiss, name="flag_dismiss"),
]
