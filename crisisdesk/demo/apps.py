from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "crisisdesk.demo"
    label = "demo"
    verbose_name = "Demo city"
