from django.urls import path  # noqa: F401

app_name = "followups"

urlpatterns: list[object] = []
