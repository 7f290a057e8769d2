from django.urls import URLPattern, path

from crisisdesk.notices import views

app_name = "notices"

urlpatterns: list[URLPattern] = [
    path("", views.notice_list, name="list"),
    path("<int:notice_id>/read/", views.notice_read, name="read"),
    path("read-all/", views.notice_read_all, name="read_all"),
]
