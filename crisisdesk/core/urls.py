from django.urls import path

from crisisdesk.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("health", views.health, name="health"),
]
