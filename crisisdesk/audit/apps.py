from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "crisisdesk.audit"
    label = "audit"
    verbose_name = "Audit trail"
