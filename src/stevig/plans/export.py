"""The resident's data export (AVG art. 15): the goals of the household plan that are about them, with
their actions and the agreed versions."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from stevig.audit.export import register_section
from stevig.people.models import Resident
from stevig.plans.models import Goal


def plans_section(resident: Resident) -> dict[str, Any]:
    goals = (
        Goal.objects.filter(members=resident)
        .select_related("plan")
        .prefetch_related("actions")
        .order_by("plan__start_date", "position")
    )
    return {
        "doelen": [
            {
                "plan_gestart_op": g.plan.start_date,
                "doel": g.text,
                "acties": [
                    {
                        "wat": a.description,
                        "wie": a.get_owner_type_display(),
                        "klaar_op": a.due_date,
                        "gedaan_op": a.done_on,
                    }
                    for a in g.actions.all()
                ],
            }
            for g in goals
        ]
    }


def register_sections() -> None:
    register_section(
        "huishoudplan",
        plans_section,
        order=60,
        title=_("Uw plan"),
        description=_("De doelen die u samen met het team afsprak, en wie wat doet."),
        labels={"doelen": _("Doelen"), "acties": _("Wat er gebeurt")},
    )
