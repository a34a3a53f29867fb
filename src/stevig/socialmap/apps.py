from django.apps import AppConfig


class SocialmapConfig(AppConfig):
    name = "stevig.socialmap"
    verbose_name = "Sociale kaart"
