from django.apps import AppConfig


class TrajectoriesConfig(AppConfig):
    name = "stevig.trajectories"
    verbose_name = "Ondersteuningstrajecten"

    def ready(self) -> None:
        from stevig.trajectories.timeline_sources import register_sources

        register_sources()
