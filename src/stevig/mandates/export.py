"""Mandate requests in the resident's data export: what was asked of which department, and what happened."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from stevig.audit.export import register_section
from stevig.mandates.models import MandateRequest
from stevig.people.models import Resident


def requests_section(resident: Resident) -> dict[str, Any]:
    rows = (
        MandateRequest.objects.filter(residents=resident)
        .select_related("department")
        .order_by("sent_on", "created_at")
    )
    return {
        "mandaatverzoeken": [
            {
                "verstuurd_op": r.sent_on,
                "afdeling": r.department.name,
                "wat_is_er_nodig": r.ask,
                "waarom": r.reason,
                "status": r.get_status_display(),
                "uiterlijk_klaar_op": r.due_on,
                "wat_is_er_gedaan": r.outcome,
                "reden_van_afwijzen": r.rejection_reason,
                "besluit_coordinator": r.coordinator_decision,
            }
            for r in rows
        ]
    }


def register_sections() -> None:
    register_section(
        "mandaatverzoeken",
        requests_section,
        order=55,
        title=_("Verzoeken aan afdelingen van de gemeente"),
        description=_(
            "Soms vraagt het team een andere afdeling van de gemeente om iets voor u te regelen. "
            "Hier staat wat we vroegen en wat er gebeurde."
        ),
        labels={"mandaatverzoeken": _("Verzoeken"), "besluit_coordinator": _("Besluit van de coördinator")},
    )
