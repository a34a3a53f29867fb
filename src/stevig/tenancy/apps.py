from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "stevig.tenancy"
    verbose_name = "Gemeente-inrichting"
