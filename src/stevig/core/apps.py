from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "stevig.core"
    verbose_name = "Kern"

    def ready(self) -> None:
        from stevig.core import schema  # noqa: F401  (registers the OpenAPI extension)
