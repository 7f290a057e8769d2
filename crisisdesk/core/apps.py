from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "crisisdesk.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from crisisdesk.core import checks  # noqa: F401  (registers the checks)
