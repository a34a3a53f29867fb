from django.apps import AppConfig


class BrpConfig(AppConfig):
    name = "stevig.brp"
    verbose_name = "BRP"
