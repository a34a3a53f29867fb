from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "stevig.audit"
    verbose_name = "Toegangslog"

    def ready(self) -> None:
        from stevig.audit import checks  # noqa: F401  (registers the deploy check)
        from stevig.audit.export import register_builtin_sections

        register_builtin_sections()
