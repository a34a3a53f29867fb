from django.apps import AppConfig


class MandatesConfig(AppConfig):
    name = "stevig.mandates"
    verbose_name = "Mandaatverzoeken"

    def ready(self) -> None:
        from stevig.legalcalendar import recompute
        from stevig.mandates import export, panels, timeline_sources
        from stevig.mandates.figures import mandate_figures
        from stevig.mandates.recompute import recompute_mandate_terms
        from stevig.trajectories import figures

        recompute.register("mandates", recompute_mandate_terms)

        timeline_sources.register_sources()
        figures.register("mandates", mandate_figures)
        export.register_sections()
        panels.register()
