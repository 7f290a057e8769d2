from django.urls import include, path

urlpatterns = [
    path("", include("crisisdesk.core.urls")),
    path("accounts/", include("crisisdesk.accounts.urls")),
    path("centers/", include("crisisdesk.centers.urls")),
    path("audit/", include("crisisdesk.audit.urls")),
    path("incidents/", include("crisisdesk.incidents.urls")),
    path("transfers/", include("crisisdesk.transfers.urls")),
    path("triage/", include("crisisdesk.triage.urls")),
    path("outbound/", include("crisisdesk.outbound.urls")),
    path("intake/", include("crisisdesk.intake.urls")),
    path("care/", include("crisisdesk.care.urls")),
    path("follow-ups/", include("crisisdesk.followups.urls")),
    path("cases/", include("crisisdesk.cases.urls")),
    path("referrals/", include("crisisdesk.referrals.urls")),
    path("plans/", include("crisisdesk.plans.urls")),
    path("consent/", include("crisisdesk.consent.urls")),
    path("people/", include("crisisdesk.people.urls")),
    path("notices/", include("crisisdesk.notices.urls")),
    path("directory/", include("crisisdesk.directory.urls")),
    path("review/", include("crisisdesk.review.urls")),
    path("api/v1/", include("crisisdesk.api.urls")),
]

handler403 = "crisisdesk.core.views.permission_denied"
handler404 = "crisisdesk.core.views.not_found"
handler500 = "crisisdesk.core.views.server_error"
