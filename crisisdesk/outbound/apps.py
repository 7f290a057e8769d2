from django.apps import AppConfig


class OutboundConfig(AppConfig):
    name = "crisisdesk.outbound"
    label = "outbound"
    verbose_name = "Outbound updates to the CAD"
