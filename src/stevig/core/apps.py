from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "stevig.core"
    verbose_name = "Kern"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from stevig.core import schema  # noqa: F401  (registers the OpenAPI extension)
        from stevig.core.db import register_fast_timestamp_loader

        connection_created.connect(register_fast_timestamp_loader, dispatch_uid="stevig-fast-timestamps")
