"""The resident's data export (AVG art. 15): the places they were referred to, and how it went."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from stevig.audit.export import register_section
from stevig.people.models import Resident
from stevig.socialmap.models import Referral


def referrals_section(resident: Resident) -> dict[str, Any]:
    rows = Referral.objects.filter(residents=resident).select_related("facility").order_by("referred_on")
    return {
        "verwijzingen": [
            {
                "datum": r.referred_on,
                "naar": r.facility.name if r.facility else "",
                "waarvoor": r.note,
                "uitkomst": r.get_outcome_display() if r.outcome else "",
                "waarom_niet_gestart": r.outcome_reason,
            }
            for r in rows
        ]
    }


def register_sections() -> None:
    register_section(
        "verwijzingen",
        referrals_section,
        order=65,
        title=_("Waar we u naartoe verwezen"),
        description=_("Plekken in de buurt waar het team u naartoe verwees, en of u daar bent begonnen."),
        labels={"verwijzingen": _("Verwijzingen")},
    )
