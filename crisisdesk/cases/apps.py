from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "crisisdesk.cases"
    label = "cases"
    verbose_name = "Short-term case management"
