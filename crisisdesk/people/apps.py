from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "crisisdesk.people"
    label = "people"
    verbose_name = "People"
