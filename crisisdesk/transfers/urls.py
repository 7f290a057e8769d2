from django.urls import path

from crisisdesk.transfers import views

app_name = "transfers"

urlpatterns = [
    path("incidents/<int:incident_id>/offer/", views.offer, name="offer"),
    path("incidents/<int:incident_id>/pull/", views.request_pull, name="request_pull"),
    path("incidents/<int:incident_id>/origin-988/", views.mark_origin_988, name="origin_988"),
    path("<int:transfer_id>/accept/", views.accept, name="accept"),
    path("<int:transfer_id>/decline/", views.decline, name="decline"),
    path("<int:transfer_id>/cancel/", views.cancel, name="cancel"),
    path("<int:transfer_id>/conference/", views.conference, name="conference"),
    path("<int:transfer_id>/outcome/", views.outcome, name="outcome"),
    path("pulls/<int:pull_id>/decide/", views.decide_pull, name="decide_pull"),
]
