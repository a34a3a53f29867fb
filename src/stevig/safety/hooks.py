"""How the safety track plugs into the rest: the trajectory guards (the team stays involved), the menu,
the start-page panel and the one worklist (`web.worklist`: everyone named on an open track)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stevig.trajectories.guards import GuardAction
from stevig.trajectories.models import Trajectory
from stevig.web.worklist import WorkItem, WorkQuery

PANEL_SIZE = 10

GUARD_MESSAGES = {
    GuardAction.CLOSE: (
        "to_phase",
        _(
            "Er loopt nog een veiligheidsspoor (Meldcode). Het team blijft betrokken: sluit het traject pas "
            "af als het spoor is afgerond."
        ),
    ),
    GuardAction.PILOT_LIGHT: (
        "to_phase",
        _(
            "Er loopt nog een veiligheidsspoor (Meldcode). Zet het traject pas op waakvlam als het spoor is "
            "afgerond."
        ),
    ),
    GuardAction.HAND_OVER: (
        "contact_person",
        _(
            "Er loopt nog een veiligheidsspoor (Meldcode). Het team draagt niet over zolang het spoor loopt. "
            "Betrek een collega op het spoor in plaats daarvan."
        ),
    ),
}


def open_track_blocks(trajectory: Trajectory, action: GuardAction) -> None:
    """Kader principle 12: when safety is at stake the local team does not hand over; it stays involved
    until the Meldcode track is done (decided, and Veilig Thuis' follow-up recorded after a report)."""
    from stevig.safety.selectors import has_open_track

    if has_open_track(trajectory.id):
        field, message = GUARD_MESSAGES[action]
        raise ValidationError({field: str(message)})


def panel_context(request: HttpRequest) -> dict[str, Any]:
    from stevig.core.context import actor_from_request
    from stevig.safety import selectors

    actor = actor_from_request(request)
    rows = list(selectors.open_tracks_for(actor.user)[:PANEL_SIZE])
    if rows:
        selectors.log_listed(actor=actor, rows=rows)
    return {"tracks": rows}


def worklist_items(query: WorkQuery) -> list[WorkItem]:
    """Source of the one worklist: every open track for everyone named on it, until it is decided, and
    after a report until Veilig Thuis' follow-up is recorded (due: Veilig Thuis' 5 working days). No
    notes: only the address and the next step. One query."""
    from stevig.safety.meldcode import Step
    from stevig.safety.models import Status
    from stevig.safety.selectors import worklist_tracks

    items = []
    for track in worklist_tracks(user=query.user, households=query.households)[: query.limit]:
        if track.status == Status.REPORTED:
            status = str(_("gemeld, wacht op Veilig Thuis"))
        else:
            number = min((track.last_step or 0) + 1, Step.DECIDE)  # type: ignore[attr-defined]
            status = str(_("volgende stap: %(n)d %(label)s")) % {"n": number, "label": Step(number).label}
        items.append(
            WorkItem(
                kind="veiligheid",
                kind_label=str(_("Veiligheidsspoor (Meldcode)")),
                title=track.household.address_line,
                due=track.veilig_thuis_due,
                url=reverse("safety:detail", args=[track.id]),
                urgent=bool(track.acute or track.q2_unsafe),  # type: ignore[attr-defined]
                status=status,
                household_id=track.household_id,
            )
        )
    return items


def register() -> None:
    from stevig.safety.figures import register_figures

    register_figures()
    from stevig.safety.export import register_sections

    register_sections()
    from stevig.trajectories.guards import register_guard
    from stevig.web.navigation import CASE_ROLES, NavItem, register_nav_item
    from stevig.web.panels import Panel, register_panel
    from stevig.web.worklist import register_source

    register_guard("safety", open_track_blocks)
    register_source("veiligheid", worklist_items, roles=tuple(CASE_ROLES))
    register_nav_item(NavItem(_("Veiligheid"), url_name="safety:list", roles=CASE_ROLES, order=25))
    register_panel(
        Panel(
            key="safety-open",
            template="safety/panels/open.html",
            roles=tuple(CASE_ROLES),
            order=15,
            context=panel_context,
        )
    )
