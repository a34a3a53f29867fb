"""The resident's data export (AVG art. 15) for the safety track, only where the law allows it.

The notes of a Meldcode track, who raised the signal and the risk assessment of other household members
stay out: showing them can put the resident or someone else in danger, and the AVG allows that
restriction (AVG art. 23 lid 1 onder i; UAVG art. 41 lid 1 onder i: protection of the data subject or the
rights and freedoms of others). A track that still runs is left out entirely until it is closed; a
closed track shows that it existed, when, and what was decided."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from stevig.audit.export import register_section
from stevig.people.models import HouseholdMembership, Resident
from stevig.safety.models import SafetyTrack, Status


def safety_section(resident: Resident) -> dict[str, Any]:
    households = HouseholdMembership.objects.filter(resident=resident).values("household_id")
    closed = SafetyTrack.objects.filter(
        household_id__in=households, municipality_id=resident.municipality_id, status=Status.CLOSED
    ).order_by("opened_at")
    return {
        "veiligheid": [
            {
                "gestart_op": t.opened_at,
                "besluit": t.get_outcome_display() if t.outcome else "",
                "besloten_op": t.decided_on,
                "gemeld_bij_veilig_thuis_op": t.reported_on,
            }
            for t in closed
        ]
    }


def register_sections() -> None:
    register_section(
        "veiligheid",
        safety_section,
        order=80,
        title=_("Veiligheid thuis"),
        description=_(
            "Soms zijn we bezorgd over de veiligheid thuis. Dan volgen we de Meldcode. Hier staat wat we "
            "besloten. Aantekeningen laten we weg als ze iemand in gevaar kunnen brengen. Zolang we nog "
            "bezig zijn, staat het hier niet."
        ),
        labels={"veiligheid": _("Meldcode")},
    )
