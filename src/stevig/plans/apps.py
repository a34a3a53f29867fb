from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "stevig.plans"
    verbose_name = "Gezinsplannen"
