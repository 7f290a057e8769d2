from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "crisisdesk.intake"
    label = "intake"
    verbose_name = "CAD intake"
