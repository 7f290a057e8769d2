from django.urls import path

from crisisdesk.consent import views

app_name = "consent"

urlpatterns = [
    # The person's consents and "Shared with" (the disclosure log).
    path("people/<int:person_id>/", views.person_consents, name="person"),
    path("people/<int:person_id>/consents/new/", views.consent_new, name="consent_new"),
    path("people/<int:person_id>/disclosures/new/", views.disclosure_new, name="disclosure_new"),
    path("<int:consent_id>/", views.consent_detail, name="consent"),
    path("<int:consent_id>/revoke/", views.consent_revoke, name="consent_revoke"),
    path("<int:consent_id>/expiry-event/", views.consent_expiry_event, name="consent_expiry_event"),
    path("disclosures/<int:disclosure_id>/", views.disclosure_detail, name="disclosure"),
    path("disclosures/<int:disclosure_id>/print/", views.disclosure_print, name="disclosure_print"),
]
