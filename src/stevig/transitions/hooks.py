"""Menu, start-page panel and the one worklist (`web.worklist`): who turns 18 soon with youth help."""

from typing import Any

from dateutil.relativedelta import relativedelta
from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from stevig.web.worklist import WorkItem, WorkQuery

PANEL_SIZE = 10


def panel_context(request: HttpRequest) -> dict[str, Any]:
    from stevig.audit.models import Part
    from stevig.core.context import actor_from_request
    from stevig.transitions import selectors

    actor = actor_from_request(request)
    rows = list(selectors.turning_18_for(actor.user)[:PANEL_SIZE])
    if rows:
        selectors.log_listed(actor=actor, part=Part.TRANSITIONS, residents=rows)
    return {"young": rows}


def worklist_items(query: WorkQuery) -> list[WorkItem]:
    """Source of the one worklist (issue 9 point 4): a young person with youth help who turns 18 within
    STEVIG_TRANSITION_MONTHS (at least 6) and has no agreed toekomstplan yet; due on the 18th birthday,
    when support must not stop. "mine": households I am involved in; "team": my team's. One query."""
    from stevig.transitions.rules import ADULT_AGE
    from stevig.transitions.selectors import worklist_residents

    rows = worklist_residents(
        user=query.user, households=query.households, mine=query.scope == "mine", today=query.today
    )
    items = []
    for resident in rows[: query.limit]:
        birthday = resident.date_of_birth + relativedelta(years=ADULT_AGE)
        items.append(
            WorkItem(
                kind="18worden",
                kind_label=str(_("Wordt 18: toekomstplan")),
                title=str(_("%(name)s wordt 18 op %(date)s"))
                % {"name": resident.full_name, "date": date_format(birthday, "j F Y")},
                due=birthday,
                url=reverse("transitions:plan", args=[resident.id]),
                status=str(
                    _("toekomstplan nog niet afgesproken")
                    if resident.has_plan  # type: ignore[attr-defined]
                    else _("nog geen toekomstplan")
                ),
                household_id=resident.household_id,  # type: ignore[attr-defined]
            )
        )
    return items


def register() -> None:
    from stevig.transitions.figures import register_figures

    register_figures()
    from stevig.transitions.export import register_sections

    register_sections()
    from stevig.web.navigation import CASE_ROLES, NavItem, register_nav_item
    from stevig.web.panels import Panel, register_panel
    from stevig.web.worklist import register_source

    register_source("18worden", worklist_items, roles=tuple(CASE_ROLES))
    register_nav_item(NavItem(_("16-27"), url_name="transitions:overview", roles=CASE_ROLES, order=26))
    register_panel(
        Panel(
            key="transitions-18",
            template="transitions/panels/turning_18.html",
            roles=tuple(CASE_ROLES),
            order=16,
            context=panel_context,
        )
    )
