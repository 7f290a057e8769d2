from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "crisisdesk.triage"
    label = "triage"
    verbose_name = "Triage protocols and risk instruments"
