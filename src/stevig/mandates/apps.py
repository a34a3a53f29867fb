from django.apps import AppConfig


class MandatesConfig(AppConfig):
    name = "stevig.mandates"
    verbose_name = "Mandaatverzoeken"
