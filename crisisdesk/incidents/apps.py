from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "crisisdesk.incidents"
    label = "incidents"
    verbose_name = "Incidents"
