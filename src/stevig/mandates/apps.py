from typing import Any

from django.apps import AppConfig


def all_years(summaries: Any, period: Any) -> list[Any]:
    """The municipality's mandate shares on the figures page: still counted from the raw rows, over all
    years like the figures per department (`/mandaat/cijfers/`), whatever the period asked; a per-period
    count beside them could give a hidden department or quarter away by difference. Not yet on the summary
    tables (docs/leren-en-verbeteren.md)."""
    from dataclasses import replace

    from django.utils.translation import gettext as _

    from stevig.mandates.figures import mandate_figures

    return [
        replace(f, label=f"{f.label}, {_('alle jaren')}")
        for f in mandate_figures(summaries.municipality_id, None, None)
    ]


class MandatesConfig(AppConfig):
    name = "stevig.mandates"
    verbose_name = "Mandaatverzoeken"

    def ready(self) -> None:
        from stevig.legalcalendar import recompute
        from stevig.mandates import export, panels, timeline_sources
        from stevig.mandates.recompute import recompute_mandate_terms
        from stevig.trajectories import figures

        recompute.register("mandates", recompute_mandate_terms)

        timeline_sources.register_sources()
        figures.register("mandates", all_years)
        export.register_sections()
        panels.register()
