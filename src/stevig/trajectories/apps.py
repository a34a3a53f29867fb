from django.apps import AppConfig


class TrajectoriesConfig(AppConfig):
    name = "stevig.trajectories"
    verbose_name = "Ondersteuningstrajecten"
