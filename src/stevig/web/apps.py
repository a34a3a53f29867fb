from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "stevig.web"
    verbose_name = "Werkplek"
