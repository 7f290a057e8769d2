from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "crisisdesk.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"
