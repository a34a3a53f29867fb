from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "stevig.intake"
    verbose_name = "Vragen en intake"
