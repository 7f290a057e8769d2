from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "crisisdesk.referrals"
    label = "referrals"
    verbose_name = "Referrals"
