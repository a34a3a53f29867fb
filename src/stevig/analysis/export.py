"""The resident's data export (AVG art. 15): their own broad analyses with the scores per life domain."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from stevig.analysis.models import Analysis
from stevig.audit.export import register_section
from stevig.people.models import Resident


def analyses_section(resident: Resident) -> dict[str, Any]:
    rows = Analysis.objects.filter(resident=resident).prefetch_related("scores").order_by("analysed_on")
    return {
        "analyses": [
            {
                "datum": a.analysed_on,
                "sterke_kanten": a.strengths,
                "wensen": a.wishes,
                "leefgebieden": [
                    {
                        "leefgebied": s.get_domain_display(),
                        "score": s.get_score_display(),
                        "toelichting": s.note,
                    }
                    for s in a.scores.all()
                ],
            }
            for a in rows
        ]
    }


def register_sections() -> None:
    register_section(
        "analyses",
        analyses_section,
        order=55,
        title=_("Hoe het met u gaat"),
        description=_("Samen met u keken we hoe het gaat op elk deel van uw leven. Dit schreven we op."),
        labels={"analyses": _("Gesprekken over hoe het gaat"), "leefgebieden": _("Per onderwerp")},
    )
