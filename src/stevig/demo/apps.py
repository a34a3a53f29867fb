from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "stevig.demo"
    verbose_name = "Demogemeente"
