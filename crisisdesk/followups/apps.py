from django.apps import AppConfig


class FollowUpsConfig(AppConfig):
    name = "crisisdesk.followups"
    label = "followups"
    verbose_name = "Follow-ups"
