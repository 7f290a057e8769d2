from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "crisisdesk.consent"
    label = "consent"
    verbose_name = "Consent and disclosures"
