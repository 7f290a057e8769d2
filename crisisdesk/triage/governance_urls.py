"""Protocol governance, under `/triage/protocols/` (namespace `triage`).

Every route but a protocol's own page has two segments, so no protocol name can shadow it.
"""

from django.urls import URLPattern, path

from crisisdesk.triage import governance_views as views

urlpatterns: list[URLPattern] = [
    path("", views.protocol_list, name="protocol_list"),
    path("drafts/new/", views.protocol_draft, name="protocol_draft"),
    path("versions/<int:version_id>/", views.protocol_version, name="protocol_version"),
    path("versions/<int:version_id>/sign-off/", views.protocol_sign_off, name="protocol_sign_off"),
    path("versions/<int:version_id>/withdraw/", views.protocol_withdraw, name="protocol_withdraw"),
    path("<slug:name>/", views.protocol_detail, name="protocol_detail"),
]
