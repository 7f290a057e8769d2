from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "crisisdesk.notices"
    label = "notices"
    verbose_name = "In-app notices"
