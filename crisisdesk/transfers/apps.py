from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "crisisdesk.transfers"
    label = "transfers"
    verbose_name = "Transfers to clinicians"
