from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "stevig.audit"
    verbose_name = "Toegangslog"
