from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "crisisdesk.care"
    label = "care"
    verbose_name = "Clinical encounters"
