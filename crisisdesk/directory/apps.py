from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "crisisdesk.directory"
    label = "directory"
    verbose_name = "Community resource directory (Open Referral HSDS 3.0)"
