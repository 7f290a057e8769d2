"""The guided screening in the incident workspace, under /triage/screenings/."""

from django.urls import URLPattern, path

from crisisdesk.triage import screening_views

urlpatterns: list[URLPattern] = [
    path(
        "start/<int:incident_id>/",
        screening_views.start_screening,
        name="start_screening",
    ),
    path("<int:screening_id>/", screening_views.screening_page, name="screening"),
    path("<int:screening_id>/answer/", screening_views.answer_screening, name="answer_screening"),
    path("<int:screening_id>/decide/", screening_views.decide_screening, name="decide_screening"),
]
