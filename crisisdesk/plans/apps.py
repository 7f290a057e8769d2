from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "crisisdesk.plans"
    label = "plans"
    verbose_name = "High utilizers and response plans"
