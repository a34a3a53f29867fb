"""The resident's data export (AVG art. 15): the trajectories of their households, with the contacts they
were part of, basic help and consultations."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from stevig.audit.export import register_section
from stevig.people.models import HouseholdMembership, Resident
from stevig.trajectories.models import BasicHelp, Consultation, Contact, Trajectory


def trajectories_section(resident: Resident) -> dict[str, Any]:
    households = HouseholdMembership.objects.filter(resident=resident).values("household_id")
    trajectories = list(
        Trajectory.objects.filter(household_id__in=households, municipality_id=resident.municipality_id)
        .select_related("team")
        .order_by("opened_at")
    )
    contacts = Contact.objects.filter(trajectory__in=trajectories, residents=resident).order_by(
        "contact_date"
    )
    help_rows = BasicHelp.objects.filter(trajectory__in=trajectories).order_by("start_date")
    consultations = Consultation.objects.filter(trajectory__in=trajectories).order_by("consultation_date")
    return {
        "trajecten": [
            {
                "team": t.team.name,
                "geopend_op": t.opened_at,
                "fase": t.get_phase_display(),
                "afgesloten_op": t.closed_at,
                "reden_van_afsluiten": t.close_reason,
            }
            for t in trajectories
        ],
        "contacten": [
            {"datum": c.contact_date, "soort": c.get_kind_display(), "samenvatting": c.summary}
            for c in contacts
        ],
        "basishulp": [
            {
                "soort": h.get_kind_display(),
                "wat": h.description,
                "start": h.start_date,
                "evalueren_op": h.evaluation_date,
                "uitkomst_evaluatie": h.evaluation_note,
            }
            for h in help_rows
        ],
        "consultaties": [
            {
                "datum": c.consultation_date,
                "soort": c.get_kind_display(),
                "wie": c.consulted,
                "vraag": c.question,
                "advies": c.advice,
            }
            for c in consultations
        ],
    }


def register_sections() -> None:
    register_section(
        "trajecten",
        trajectories_section,
        order=50,
        title=_("Uw traject met het team"),
        description=_(
            "Hoe het team u helpt: de gesprekken waar u bij was, de hulp van het team zelf en de keren dat "
            "het team een deskundige om raad vroeg."
        ),
        labels={
            "trajecten": _("Trajecten"),
            "contacten": _("Gesprekken"),
            "basishulp": _("Hulp van het team"),
            "consultaties": _("Raad van een deskundige"),
        },
    )
