"""The resident's data export (AVG art. 15): their applications, decisions, planned contacts and the
lifelong-limitation flag, with choice values as readable Dutch labels."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from stevig.audit.export import register_section
from stevig.decisions.models import Application, Decision, LifelongLimitation, PeriodicContact
from stevig.people.models import Resident


def decisions_section(resident: Resident) -> dict[str, Any]:
    applications = (
        Application.objects.filter(resident=resident).select_related("category").order_by("received_on")
    )
    decisions = Decision.objects.filter(resident=resident).select_related("category").order_by("decided_on")
    contacts = PeriodicContact.objects.filter(decision__resident=resident).select_related(
        "decision__category"
    )
    flags = LifelongLimitation.objects.filter(resident=resident).order_by("since")
    return {
        "aanvragen": [
            {
                "datum": a.received_on,
                "wet": a.get_law_display(),
                "wat": a.category.name if a.category else "",
                "vraag": a.description,
                "uiterlijk_besluit_op": a.due_on,
                "status": a.get_status_display(),
            }
            for a in applications
        ],
        "beschikkingen": [
            {
                "datum_besluit": d.decided_on,
                "wat": d.category.name,
                "wet": d.get_law_display(),
                "vorm": d.get_form_display(),
                "waarom_pgb": d.pgb_motivation,
                "van": d.start_date,
                "tot_en_met": d.end_date,
                "reden": d.reason,
                "zorgaanbieder": d.provider,
            }
            for d in decisions
        ],
        "contactmomenten": [
            {
                "wat": f"{c.label} ({c.decision.category.name})",
                "gepland_op": c.due_on,
                "gedaan_op": c.done_on,
            }
            for c in contacts.order_by("due_on")
        ],
        "levenslange_beperking": [
            {"beschrijving": f.description, "sinds": f.since, "beeindigd_op": f.ended_at} for f in flags
        ],
    }


def register_sections() -> None:
    register_section(
        "beschikkingen",
        decisions_section,
        order=70,
        title=_("Aanvragen en beschikkingen"),
        description=_(
            "Wat u bij de gemeente aanvroeg, wat we besloten en waarom, en wanneer we contact met u opnemen."
        ),
        labels={
            "aanvragen": _("Aanvragen"),
            "beschikkingen": _("Beschikkingen"),
            "contactmomenten": _("Contactmomenten (geen herindicatie)"),
            "levenslange_beperking": _("Levenslange of levensbrede beperking"),
        },
    )
