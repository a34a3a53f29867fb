"""Bezwaar, klacht and beroep on the one worklist (`stevig.web.worklist`): an open remedy with its own clock
(Awb 7:10 for a bezwaar, 9:11 for a klacht) is work with a due date. A beroep runs at the court (no
municipal term) and is shown without a date, so the file keeps track of it."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from stevig.decisions.models import LegalRemedy, RemedyStatus
from stevig.web.worklist import WorkItem, WorkQuery


def remedies(query: WorkQuery) -> list[WorkItem]:
    rows = LegalRemedy.objects.filter(household__in=query.households, status=RemedyStatus.OPEN)
    if query.scope == "mine":
        rows = rows.filter(Q(recorded_by=query.user) | Q(decision__trajectory__contact_person=query.user))
    else:
        rows = rows.filter(household__team_id=query.user.team_id)
    return [
        WorkItem(
            kind=r.kind,
            kind_label=_("%(kind)s: beslissen") % {"kind": r.get_kind_display().capitalize()},
            title=f"{r.decision.category.name}: {r.summary[:60]} ({r.household.address_line})",
            due=r.due_on,
            url=reverse("decisions:remedy_decide", args=[r.id]),
            household_id=r.household_id,
        )
        for r in rows.select_related("household", "decision__category").order_by("due_on")[: query.limit]
    ]
