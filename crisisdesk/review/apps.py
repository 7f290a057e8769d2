from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "crisisdesk.review"
    label = "review"
    verbose_name = "Queue review: behavioral-health calls hidden in the queue"
