from django.urls import path

from crisisdesk.outbound import views

app_name = "outbound"

urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("messages/<int:message_id>/retry/", views.message_retry, name="message_retry"),
    path("webhook/", views.webhook, name="webhook"),
    path("webhook/rotate-secret/", views.webhook_rotate_secret, name="webhook_rotate_secret"),
]
