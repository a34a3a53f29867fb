"""The one worklist: everything a staff member must act on, by due date, from every app.

A medewerker's start page and `GET /api/v1/worklist/` show the same list. It is built from *sources*: one
function per kind of work, registered here. Apps plug in their own work in `AppConfig.ready()`:

    from stevig.web.worklist import WorkItem, WorkQuery, register_source

    def safety_steps(query: WorkQuery) -> list[WorkItem]:
        rows = SafetyTrack.objects.filter(
            household__in=query.households, next_step_due__isnull=False, closed_at__isnull=True
        )
        if query.scope == "mine":
            rows = rows.filter(owner=query.user)
        return [
            WorkItem(kind="veiligheid", kind_label="Meldcode-stap", title=..., due=row.next_step_due,
                     url=reverse("safety:detail", args=[row.id]), urgent=row.acute)
            for row in rows.select_related("household")[: query.limit]
        ]

    register_source("veiligheid", safety_steps, roles=("medewerker", "teamleider"))

Rules for a source:
* Read only through `query.households` (the need-to-know rule, `households_visible_to`) or rows of the
  user's own team/department; the worklist writes one access-log row for the whole list.
* Run a constant number of queries (one, with `select_related`), and return at most `query.limit` items.
* `due` is the date the item must be done by (None: no date, sorted last); `urgent` puts it on top.

"Komende 5 werkdagen" (`soon`) is counted in Dutch working days with the legal calendar, never calendar
weeks: on a Sunday an item due on Monday or Friday is in the coming five working days.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stevig.audit import log
from stevig.audit.models import Part

SCOPES = ("mine", "team")
SORTS = ("due", "kind")
SOON_WORKING_DAYS = 5


@dataclass(frozen=True)
class WorkItem:
    kind: str
    kind_label: str
    title: str
    due: date | None
    url: str
    urgent: bool = False
    status: str = ""
    # The household the item is about: its current members are named in the worklist's access-log row.
    household_id: Any = None
    # A one-click action on the list itself (POST), e.g. "Ik pak dit op" for a question nobody holds.
    action_url: str = ""
    action_label: str = ""


@dataclass(frozen=True)
class WorkQuery:
    user: Any
    scope: str
    households: QuerySet[Any]
    today: date
    limit: int = 100


@dataclass(frozen=True)
class Source:
    name: str
    collect: Callable[[WorkQuery], Iterable[WorkItem]]
    roles: tuple[str, ...] = field(default_factory=tuple)  # empty: every staff role


_SOURCES: dict[str, Source] = {}


def register_source(
    name: str, collect: Callable[[WorkQuery], Iterable[WorkItem]], *, roles: tuple[str, ...] = ()
) -> None:
    """Add (or replace, by name) a source of work items. See the module docstring."""
    _SOURCES[name] = Source(name=name, collect=collect, roles=roles)


def sources_for(role: str) -> list[Source]:
    return [s for s in sorted(_SOURCES.values(), key=lambda s: s.name) if not s.roles or role in s.roles]


@dataclass
class Worklist:
    items: list[WorkItem]
    scope: str
    sort: str
    today: date
    soon_until: date

    def is_overdue(self, item: WorkItem) -> bool:
        return item.due is not None and item.due < self.today

    @property
    def overdue_count(self) -> int:
        return sum(1 for i in self.items if self.is_overdue(i))

    @property
    def soon_count(self) -> int:
        return sum(1 for i in self.items if i.due is not None and self.today <= i.due <= self.soon_until)


def worklist_for(*, actor: Any, scope: str = "mine", sort: str = "due", limit: int = 100) -> Worklist:
    """Everything the actor's role must act on: mine or my team's, by due date (urgent first) or by kind.

    Writes one access-log row (part "werklijst"): the list names households."""
    from stevig.legalcalendar.calendar import add_working_days
    from stevig.people.models import HouseholdMembership
    from stevig.people.selectors import households_visible_to

    user = actor.user
    scope = {"me": "mine"}.get(scope, scope)
    scope = scope if scope in SCOPES else "mine"
    sort = sort if sort in SORTS else "due"
    today = timezone.localdate()
    query = WorkQuery(
        user=user, scope=scope, households=households_visible_to(user), today=today, limit=limit
    )
    items: list[WorkItem] = []
    for source in sources_for(getattr(user, "role", "")):
        items.extend(source.collect(query))
    far = date.max
    if sort == "kind":
        items.sort(key=lambda i: (i.kind_label, i.due or far, i.title))
    else:
        items.sort(key=lambda i: (not i.urgent, i.due or far, i.kind_label, i.title))
    items = items[:limit]
    shown = {i.household_id for i in items if i.household_id is not None}
    residents = (
        HouseholdMembership.objects.filter(household_id__in=shown, end_date__isnull=True)
        .values_list("resident_id", flat=True)
        .distinct()
        if shown
        else []
    )
    # NEN 7513: a list of households is a search result; its row names everyone on it.
    log.listed(actor, Part.WORKLIST, list(residents), detail={"scope": scope, "items": len(items)})
    return Worklist(
        items=items,
        scope=scope,
        sort=sort,
        today=today,
        soon_until=add_working_days(today, SOON_WORKING_DAYS),
    )


# --- The sources of the apps that existed when the worklist was made ------------------------------------


def _questions(query: WorkQuery) -> list[WorkItem]:
    """Questions of the team not picked up yet (legal clock as due date), or my open questions."""
    from stevig.intake.models import Question, Status

    rows = Question.objects.filter(municipality_id=query.user.municipality_id).exclude(status=Status.CLOSED)
    if query.scope == "mine":
        rows = rows.filter(contact_person=query.user)
    else:
        rows = rows.filter(team_id=query.user.team_id, contact_person__isnull=True)
    rows = rows.filter(status=Status.NEW) if query.scope == "team" else rows
    return [
        WorkItem(
            kind="vraag",
            kind_label=str(_("Vraag")),
            title=f"{q.reference}: {q.text[:80]}",
            due=q.first_contact_due,
            url=reverse("intake:question", args=[q.id]),
            urgent=q.eviction_or_cutoff_threat or q.priority == "spoed",
            status=q.get_status_display(),
            household_id=q.household_id,
            action_url=reverse("intake:pick_up", args=[q.id]) if q.contact_person_id is None else "",
            action_label=str(_("Ik pak dit op")) if q.contact_person_id is None else "",
        )
        for q in rows.order_by("first_contact_due")[: query.limit]
    ]


def _trajectory_filter(query: WorkQuery, prefix: str) -> dict[str, Any]:
    if query.scope == "mine":
        return {f"{prefix}contact_person": query.user}
    return {f"{prefix}team_id": query.user.team_id}


def _plan_actions(query: WorkQuery) -> list[WorkItem]:
    from stevig.plans.models import PlanAction

    rows = (
        PlanAction.objects.filter(
            done_on__isnull=True,
            goal__plan__trajectory__household__in=query.households,
            goal__plan__trajectory__closed_at__isnull=True,
            **_trajectory_filter(query, "goal__plan__trajectory__"),
        )
        .select_related("goal__plan__trajectory__household")
        .order_by("due_date")
    )
    return [
        WorkItem(
            kind="planactie",
            kind_label=str(_("Actie uit het plan")),
            title=f"{a.description[:80]} ({a.goal.plan.trajectory.household.address_line})",
            due=a.due_date,
            url=reverse("plans:plan", args=[a.goal.plan.trajectory_id]),
            status=a.get_owner_type_display(),
            household_id=a.goal.plan.trajectory.household_id,
        )
        for a in rows[: query.limit]
    ]


def _evaluations(query: WorkQuery) -> list[WorkItem]:
    from stevig.trajectories.models import BasicHelp

    rows = (
        BasicHelp.objects.filter(
            evaluated_at__isnull=True,
            trajectory__household__in=query.households,
            trajectory__closed_at__isnull=True,
            **_trajectory_filter(query, "trajectory__"),
        )
        .select_related("trajectory__household")
        .order_by("evaluation_date")
    )
    return [
        WorkItem(
            kind="evaluatie",
            kind_label=str(_("Basishulp evalueren")),
            title=f"{h.get_kind_display()} ({h.trajectory.household.address_line})",
            due=h.evaluation_date,
            url=reverse("trajectories:detail", args=[h.trajectory_id]),
            household_id=h.trajectory.household_id,
        )
        for h in rows[: query.limit]
    ]


def _pilot_lights(query: WorkQuery) -> list[WorkItem]:
    from stevig.trajectories.models import PilotLight

    rows = (
        PilotLight.objects.filter(
            ended_at__isnull=True,
            trajectory__household__in=query.households,
            **_trajectory_filter(query, "trajectory__"),
        )
        .select_related("trajectory__household")
        .order_by("next_due")
    )
    return [
        WorkItem(
            kind="waakvlam",
            kind_label=str(_("Waakvlamcontact")),
            title=p.trajectory.household.address_line,
            due=p.next_due,
            url=reverse("trajectories:detail", args=[p.trajectory_id]),
            household_id=p.trajectory.household_id,
        )
        for p in rows[: query.limit]
    ]


def _mandate_requests(query: WorkQuery) -> list[WorkItem]:
    """For the worker: her requests that came back (afgewezen, uitgevoerd) or are overdue."""
    from stevig.mandates.models import OPEN_STATUSES, CoordinatorOutcome, MandateRequest, Status

    rows = MandateRequest.objects.filter(household__in=query.households)
    if query.scope == "mine":
        rows = rows.filter(requested_by=query.user)
    else:
        rows = rows.filter(trajectory__team_id=query.user.team_id)
    from django.db.models import Q

    rows = rows.filter(
        Q(status=Status.REJECTED, decided_at__isnull=True)
        | Q(status=Status.REJECTED, coordinator_outcome=CoordinatorOutcome.SENT_BACK)
        | Q(status__in=OPEN_STATUSES, due_on__lt=query.today)
        | Q(status__in=OPEN_STATUSES, question_asked_at__isnull=False)
        | Q(status=Status.DONE, handled_on__gte=query.today.replace(day=1))
    ).select_related("department", "household")
    return [
        WorkItem(
            kind="mandaatverzoek",
            kind_label=str(_("Mandaatverzoek")),
            title=f"{r.department.name}: {r.ask[:60]} ({r.household.address_line})",
            due=r.question_asked_at.date() if r.question_asked_at and r.status in OPEN_STATUSES else r.due_on,
            url=reverse("mandates:detail", args=[r.id]),
            urgent=r.status == Status.REJECTED
            or (r.question_asked_at is not None and r.status in OPEN_STATUSES),
            status=_mandate_status(r, OPEN_STATUSES, CoordinatorOutcome),
            household_id=r.household_id,
        )
        for r in rows.order_by("due_on")[: query.limit]
    ]


def _mandate_status(r: Any, open_statuses: tuple[str, ...], outcome: Any) -> str:
    if r.question_asked_at is not None and r.status in open_statuses:
        return str(_("vraag van de afdeling"))
    if r.coordinator_outcome == outcome.SENT_BACK and r.status not in open_statuses:
        return str(_("teruggestuurd: pas aan"))
    return str(_("te laat")) if r.status in open_statuses else r.get_status_display()


def _applications(query: WorkQuery) -> list[WorkItem]:
    from stevig.decisions.models import Application

    rows = Application.objects.filter(household__in=query.households, status="open")
    if query.scope == "mine":
        rows = rows.filter(trajectory__contact_person=query.user)
    else:
        rows = rows.filter(household__team_id=query.user.team_id)
    return [
        WorkItem(
            kind="aanvraag",
            kind_label=str(_("Aanvraag: besluiten")),
            title=f"{a.get_law_display()}: {a.description[:60]} ({a.household.address_line})",
            due=a.due_on,
            url=reverse("decisions:household", args=[a.household_id]),
            household_id=a.household_id,
        )
        for a in rows.select_related("household").order_by("due_on")[: query.limit]
    ]


CASE_ROLES = ("medewerker", "teamleider", "coordinator")
register_source("vragen", _questions, roles=CASE_ROLES)
register_source("planacties", _plan_actions, roles=CASE_ROLES)
register_source("evaluaties", _evaluations, roles=CASE_ROLES)
register_source("waakvlam", _pilot_lights, roles=CASE_ROLES)
register_source("mandaatverzoeken", _mandate_requests, roles=CASE_ROLES)
register_source("aanvragen", _applications, roles=CASE_ROLES)
