from django.urls import path

from crisisdesk.incidents import board_views, views

app_name = "incidents"

urlpatterns = [
    path("", views.incident_list, name="list"),
    path("<int:incident_id>/", views.incident_detail, name="detail"),
    path("<int:incident_id>/live", views.incident_live, name="live"),
    path("<int:incident_id>/notes/", views.add_note, name="add_note"),
    path("queue/", board_views.queue_page, name="queue"),
    path("queue/board", board_views.queue_board, name="queue_board"),
]
