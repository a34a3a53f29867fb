from django.apps import AppConfig


class MandatesConfig(AppConfig):
    name = "stevig.mandates"
    verbose_name = "Mandaatverzoeken"

    def ready(self) -> None:
        from stevig.mandates import export, panels, timeline_sources
        from stevig.mandates.figures import mandate_figures
        from stevig.trajectories import figures

        timeline_sources.register_sources()
        figures.register("mandates", mandate_figures)
        export.register_sections()
        panels.register()
