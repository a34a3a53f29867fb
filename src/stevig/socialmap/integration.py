"""Hooks into the shared shell: timeline sources (analysis, plan versions, referrals), the menu item
for the social map, and the start-page panel with referral follow-ups that are due.

Called from the AppConfigs' `ready()`; each hook is skipped when the extension point is not there."""

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from stevig.audit import log
from stevig.audit.models import Part
from stevig.core.context import Actor, actor_from_request
from stevig.people.models import Household

PANEL_SIZE = 5
HORIZON_DAYS = 7


def analysis_items(household: Household, actor: Actor) -> list[Any]:
    from stevig.analysis.models import Analysis
    from stevig.trajectories.timeline import TimelineItem

    rows = Analysis.objects.filter(trajectory__household=household).select_related("resident")
    return [
        TimelineItem(
            a.analysed_on,
            "analyse",
            _("Brede analyse: %(name)s") % {"name": a.resident.full_name},
            Truncator(a.wishes).words(20),
            reverse("analysis:household", args=[a.trajectory_id]),
        )
        for a in rows
    ]


def plan_version_items(household: Household, actor: Actor) -> list[Any]:
    from stevig.plans.models import PlanVersion
    from stevig.trajectories.timeline import TimelineItem

    rows = PlanVersion.objects.filter(plan__trajectory__household=household)
    return [
        TimelineItem(
            v.agreed_on,
            "plan",
            _("Gezinsplan afgesproken (versie %(n)s)") % {"n": v.number},
            str(v.get_agreed_how_display()),
            reverse("plans:version", args=[v.id]),
        )
        for v in rows
    ]


def referral_items(household: Household, actor: Actor) -> list[Any]:
    from stevig.socialmap.models import Referral
    from stevig.trajectories.timeline import TimelineItem

    rows = Referral.objects.filter(trajectory__household=household).select_related("facility")
    items = []
    for r in rows:
        summary = (
            str(r.get_outcome_display())
            if r.outcome
            else _("nabellen op %(date)s") % {"date": date_format(r.follow_up_on, "j F Y")}
        )
        items.append(
            TimelineItem(
                r.referred_on,
                "verwijzing",
                _("Warme verwijzing: %(name)s") % {"name": r.facility.name},
                summary,
                reverse("socialmap:referrals", args=[r.trajectory_id]),
            )
        )
    return items


def register_timeline_sources() -> None:
    try:
        from stevig.trajectories import timeline
    except ImportError:  # pragma: no cover
        return
    timeline.register("analysis", analysis_items)
    timeline.register("plan_versions", plan_version_items)
    timeline.register("referrals", referral_items)


def follow_ups_context(request: HttpRequest) -> dict[str, Any]:
    """Referral follow-ups due within a week, for the start page. Logged with the residents shown."""
    from stevig.socialmap.selectors import referral_follow_ups_due

    actor = actor_from_request(request)
    until = timezone.localdate() + timedelta(days=HORIZON_DAYS)
    rows = list(referral_follow_ups_due(user=actor.user, until=until)[:PANEL_SIZE])
    if rows:
        log.listed(
            actor,
            Part.WORKLIST,
            {p.id for r in rows for p in r.residents.all()},
            object_type="referral",
            detail={"lijst": "nabellen", "tot": until.isoformat()},
        )
    return {"follow_ups": rows, "today": timezone.localdate()}


def register_shell() -> None:
    try:
        from stevig.web.navigation import NavItem, register_nav_item
        from stevig.web.panels import Panel, register_panel
    except ImportError:  # pragma: no cover
        return
    from django.utils.translation import gettext_lazy

    from stevig.accounts.models import Role

    register_nav_item(NavItem(gettext_lazy("Sociale kaart"), url_name="socialmap:search", order=30))
    register_panel(
        Panel(
            key="socialmap-follow-ups",
            template="socialmap/panels/follow_ups.html",
            roles=(Role.WORKER, Role.TEAM_LEAD),
            order=25,
            context=follow_ups_context,
        )
    )
