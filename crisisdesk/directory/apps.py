from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "crisisdesk.directory"
    label = "directory"
    verbose_name = "Community resource directory (Open Referral HSDS 3.0)"

    def ready(self) -> None:
        # The search, favourite, capacity-link and holiday tables live in their own module so
        # that models.py stays the HSDS tables; importing it registers them with this app.
        from crisisdesk.directory import search_models  # noqa: F401
