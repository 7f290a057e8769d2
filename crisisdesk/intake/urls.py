from django.urls import path

from crisisdesk.intake import views

app_name = "intake"

urlpatterns = [
    path("", views.integrations, name="integrations"),
    path("tokens/new/", views.token_create, name="token_create"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("quarantine/", views.quarantine_list, name="quarantine_list"),
    path("quarantine/<int:document_id>/", views.quarantine_detail, name="quarantine_detail"),
    path("quarantine/<int:document_id>/replay/", views.quarantine_replay, name="quarantine_replay"),
    path(
        "quarantine/<int:document_id>/discard/",
        views.quarantine_discard,
        name="quarantine_discard",
    ),
]
