from django.apps import AppConfig


class SocialmapConfig(AppConfig):
    name = "stevig.socialmap"
    verbose_name = "Sociale kaart"

    def ready(self) -> None:
        # One place hooks the analysis, plan and social-map apps into the shell (timeline, menu, start page).
        from stevig.socialmap.integration import register_shell, register_timeline_sources

        register_timeline_sources()
        register_shell()
