from django.apps import AppConfig


class MandatesConfig(AppConfig):
    name = "stevig.mandates"
    verbose_name = "Mandaatverzoeken"

    def ready(self) -> None:
        from stevig.legalcalendar import recompute
        from stevig.mandates import export, figures, panels, timeline_sources
        from stevig.mandates.recompute import recompute_mandate_terms

        recompute.register("mandates", recompute_mandate_terms)

        timeline_sources.register_sources()
        figures.register_figures()
        export.register_sections()
        panels.register()
