from django.urls import path

from crisisdesk.centers import views

app_name = "centers"

urlpatterns = [
    path("", views.center_list, name="list"),
    path("new/", views.center_create, name="create"),
    path("<int:center_id>/", views.center_edit, name="edit"),
]
