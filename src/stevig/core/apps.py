from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "stevig.core"
    verbose_name = "Kern"
