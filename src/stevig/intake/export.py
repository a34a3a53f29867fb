"""The resident's data export (AVG art. 15): their questions to the team and the first contact."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stevig.audit.export import register_section
from stevig.intake.models import Question
from stevig.people.models import HouseholdMembership, Resident


def questions_section(resident: Resident) -> dict[str, Any]:
    households = HouseholdMembership.objects.filter(resident=resident).values("household_id")
    rows = (
        Question.objects.filter(
            Q(resident=resident) | Q(resident__isnull=True, household_id__in=households),
            municipality_id=resident.municipality_id,
        )
        .select_related("first_contact")
        .order_by("received_at")
    )
    result = []
    for q in rows:
        first = getattr(q, "first_contact", None)
        result.append(
            {
                "ontvangen_op": q.received_at,
                "vraag": q.text,
                "soort_vraag": q.get_kind_display(),
                "kanaal": q.get_channel_display(),
                "status": q.get_status_display(),
                "eerste_contact_uiterlijk": q.first_contact_due,
                "eerste_contact": (
                    {"datum": first.contact_date, "hoe": first.get_channel_display(), "notitie": first.note}
                    if first is not None
                    else None
                ),
            }
        )
    return {"vragen": result}


def register_sections() -> None:
    register_section(
        "vragen",
        questions_section,
        order=45,
        title=_("Uw vragen"),
        description=_("De vragen die u of iemand anders voor u aan het team stelde, en het eerste gesprek."),
        labels={"vragen": _("Vragen")},
    )
