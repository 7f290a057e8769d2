from django.apps import AppConfig


class CentersConfig(AppConfig):
    name = "crisisdesk.centers"
    label = "centers"
    verbose_name = "Centers"
