from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "crisisdesk.places"
    label = "places"
    verbose_name = "Places"
