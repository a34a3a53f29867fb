"""Received requests from providers (315 verzoek om toewijzing, 317 verzoek om wijziging) on the worklist
until a worker answers them. Due: 5 working days after arrival (Stevig's work agreement, see
docs/koppelingen.md)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.accounts.models import Role
from stevig.legalcalendar.calendar import add_working_days
from stevig.web.worklist import WorkItem, WorkQuery, register_source

ANSWER_WORKING_DAYS = 5


def requests(query: WorkQuery) -> list[WorkItem]:
    from stevig.istandaarden.selectors import open_requests

    rows = open_requests(query.households)
    if query.scope == "mine":
        rows = rows.filter(decision__decided_by=query.user)
    items = []
    for row in rows.select_related("provider").order_by("created_at")[: query.limit]:
        label = _("Verzoek om toewijzing") if row.code == "315" else _("Verzoek om wijziging")
        items.append(
            WorkItem(
                kind="ibericht",
                kind_label=_("Bericht van aanbieder"),
                title=f"{label} ({row.code}) van {row.provider.name if row.provider else row.sender}",
                due=add_working_days(timezone.localtime(row.created_at).date(), ANSWER_WORKING_DAYS),
                url=reverse("istandaarden:message", args=[row.id]),
                household_id=row.household_id,
            )
        )
    return items


def register() -> None:
    register_source("iberichten", requests, roles=(Role.WORKER, Role.TEAM_LEAD, Role.COORDINATOR))
