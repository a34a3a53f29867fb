"""Start-page panel for case workers: pilot-light contacts that are due or missed, and basic-help
evaluations that are due (the worker's own; the teamleider's team). A constant number of queries; one access-log row naming the residents shown."""

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from stevig.audit.models import Part
from stevig.core.context import actor_from_request
from stevig.trajectories import selectors

PANEL_SIZE = 5
HORIZON_DAYS = 14


def worklist_context(request: HttpRequest) -> dict[str, Any]:
    from stevig.accounts.models import Role

    actor = actor_from_request(request)
    until = timezone.localdate() + timedelta(days=HORIZON_DAYS)
    # The teamleider is rarely the vast aanspreekpunt: her panel shows the team's (all she may see).
    team = actor.role == Role.TEAM_LEAD
    pilot = list(selectors.pilot_light_due_for(actor.user, until, team=team)[:PANEL_SIZE])
    evaluations = list(selectors.evaluations_due_for(actor.user, until, team=team)[:PANEL_SIZE])
    selectors.log_listed(
        actor=actor,
        part=Part.WORKLIST,
        rows=[p.trajectory for p in pilot] + [e.trajectory for e in evaluations],
        detail={"lijst": "startpagina", "tot": until.isoformat()},
    )
    return {"pilot": pilot, "evaluations": evaluations, "team": team}


def register() -> None:
    try:
        from stevig.web.panels import Panel, register_panel
    except ImportError:  # pragma: no cover - the web shell is always installed
        return
    from stevig.accounts.models import Role

    register_panel(
        Panel(
            key="trajectories-worklist",
            template="trajectories/panels/worklist.html",
            roles=(Role.WORKER, Role.TEAM_LEAD),
            order=20,
            context=worklist_context,
        )
    )
