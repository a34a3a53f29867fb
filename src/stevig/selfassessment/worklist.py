"""Improvement actions of the self-assessment on their owner's worklist (`stevig.web.worklist`)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from stevig.selfassessment.models import ActionStatus, ImprovementAction
from stevig.web.worklist import WorkItem, WorkQuery


def improvement_actions(query: WorkQuery) -> list[WorkItem]:
    """Open actions owned by the user ("mine"), or by the user and their team members ("team"); one
    query. No household: no resident data."""
    owned = Q(owner=query.user)
    if query.scope == "team" and query.user.team_id:
        owned |= Q(owner__team_id=query.user.team_id)
    rows = (
        ImprovementAction.objects.filter(owned, municipality_id=query.user.municipality_id)
        .exclude(status=ActionStatus.DONE)
        .select_related("principle")
        .order_by("due_on", "id")[: query.limit]
    )
    return [
        WorkItem(
            kind="verbeteractie",
            kind_label=_("Verbeteractie"),
            title=f"{row.principle.number}. {row.principle.short}: {row.description[:80]}",
            due=row.due_on,
            url=reverse("selfassessment:index") + f"#actie-{row.id}",
            status=row.get_status_display(),
        )
        for row in rows
    ]


def panel_context(request):  # type: ignore[no-untyped-def]
    """Start-page panel for policy (which has no worklist): my open improvement actions."""
    from stevig.core.context import actor_from_request
    from stevig.selfassessment.selectors import open_actions_of

    return {"actions": list(open_actions_of(actor_from_request(request)).select_related("principle")[:10])}
