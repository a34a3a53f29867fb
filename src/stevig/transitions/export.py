"""The resident's data export (AVG art. 15): their toekomstplan (16-27) and perspectiefplan."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from stevig.audit.export import register_section
from stevig.people.models import Resident
from stevig.transitions.models import FuturePlan, PerspectivePlan


def transitions_section(resident: Resident) -> dict[str, Any]:
    future = FuturePlan.objects.filter(resident=resident).prefetch_related("domains")
    perspective = PerspectivePlan.objects.filter(resident=resident).prefetch_related("goals")
    return {
        "toekomstplan": [
            {
                "afgesproken_op": p.agreed_on,
                "onderwerpen": [
                    {
                        "onderwerp": d.get_domain_display(),
                        "stand": d.get_status_display(),
                        "volgende_stap": d.next_step,
                    }
                    for d in p.domains.all()
                ],
            }
            for p in future
        ],
        "perspectiefplan": [
            {
                "bijgewerkt_op": p.reviewed_on,
                "volgende_keer_samen_kijken": p.next_review,
                "doelen": [
                    {"levensfase": g.get_phase_display(), "doel": g.goal, "wat_is_nodig": g.support}
                    for g in p.goals.all()
                ],
            }
            for p in perspective
        ],
    }


def register_sections() -> None:
    register_section(
        "toekomst",
        transitions_section,
        order=75,
        title=_("Uw plannen voor later"),
        description=_("Wat u met het team afsprak over later: wonen, school of werk, geld, gezondheid."),
        labels={"toekomstplan": _("Toekomstplan"), "perspectiefplan": _("Perspectiefplan")},
    )
