"""The teamleider's dashboard: how the team is doing, in figures, and the team's open trajectories.

* **Caseload per worker**: open trajectories where she is the vast aanspreekpunt and open questions she
  holds, for every active worker and the teamleider of the team.
* **Waiting**: the questions on the team's waiting list now (how many, median and longest wait in days),
  and for the questions of the last 90 days the time until someone picked them up.
* **Deadlines in the coming 5 working days** and **overdue items**: the team's worklist
  (`stevig.web.worklist`, every source), split by due date; never calendar weeks.
* **The team's open trajectories**: last contact, next open plan action and days open, sortable and
  searchable (address, postcode, a member's surname, the vast aanspreekpunt), paginated.

Reads only the teamleider's own team. A constant number of queries whatever the team's size. The figures
name no resident; the worklist part and the trajectory list write their access-log rows (a search naming
the residents shown).
"""

import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from stevig.accounts.models import Role, User
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core.context import Actor
from stevig.core.errors import RoleDenied
from stevig.core.pagination import FIRST_PAGE, Page, PageRequest
from stevig.web.worklist import WorkItem, worklist_for

PICK_UP_PERIOD_DAYS = 90
# Sort keys of the team trajectory list (query value -> ordering); "-" in the value sorts descending.
SORTS = {
    "dagen": ("-opened_at", "-id"),  # days open, fewest first
    "-dagen": ("opened_at", "id"),
    "contact": ("last_contact", "id"),
    "-contact": ("-last_contact", "-id"),
    "actie": ("next_action", "id"),
    "-actie": ("-next_action", "-id"),
    "adres": ("household__street", "household__house_number", "id"),
    "-adres": ("-household__street", "-household__house_number", "-id"),
    "aanspreekpunt": ("contact_person__last_name", "contact_person__first_name", "id"),
    "-aanspreekpunt": ("-contact_person__last_name", "-contact_person__first_name", "-id"),
}
DEFAULT_SORT = "-dagen"


@dataclass(frozen=True)
class WorkerLoad:
    user: User
    trajectories: int
    questions: int

    @property
    def total(self) -> int:
        return self.trajectories + self.questions


@dataclass(frozen=True)
class Waiting:
    count: int
    median_days: float | None
    longest_days: int | None


@dataclass
class TeamDashboard:
    team: Any
    today: date
    soon_until: date
    caseload: list[WorkerLoad]
    waiting_now: Waiting
    pick_up: Waiting  # questions of the last 90 days: days until someone picked them up
    soon: list[WorkItem]
    overdue: list[WorkItem]

    @property
    def max_load(self) -> int:
        return max((w.total for w in self.caseload), default=0)

    @property
    def chart(self) -> "Chart":
        return Chart.of(self.caseload)


@dataclass(frozen=True)
class ChartRow:
    label: str
    y: int
    trajectories: int
    questions: int
    trajectories_width: int
    questions_width: int

    @property
    def questions_x(self) -> int:
        return CHART_BAR_X + self.trajectories_width

    @property
    def total_x(self) -> int:
        return CHART_BAR_X + self.trajectories_width + self.questions_width + 6

    @property
    def text_y(self) -> int:
        return self.y + CHART_BAR_HEIGHT - 6


CHART_WIDTH = 640
CHART_BAR_X = 200
CHART_BAR_SPACE = 340  # the longest bar; room for its numbers to the right
CHART_ROW = 36
CHART_BAR_HEIGHT = 24
CHART_TOP = 8


@dataclass(frozen=True)
class Chart:
    """A horizontal stacked bar per worker (trajectories, then questions), drawn in SVG on the server."""

    rows: list[ChartRow]
    height: int
    width: int = CHART_WIDTH
    bar_x: int = CHART_BAR_X
    bar_height: int = CHART_BAR_HEIGHT

    @classmethod
    def of(cls, caseload: list[WorkerLoad]) -> "Chart":
        most = max((w.total for w in caseload), default=0) or 1
        rows = []
        for n, w in enumerate(caseload):
            name = w.user.get_full_name() or w.user.get_username()
            rows.append(
                ChartRow(
                    label=name if len(name) <= 24 else name[:23] + "…",
                    y=CHART_TOP + n * CHART_ROW,
                    trajectories=w.trajectories,
                    questions=w.questions,
                    trajectories_width=round(CHART_BAR_SPACE * w.trajectories / most),
                    questions_width=round(CHART_BAR_SPACE * w.questions / most),
                )
            )
        return cls(rows=rows, height=CHART_TOP * 2 + CHART_ROW * max(len(rows), 1))


def _require_team_lead(actor: Actor, part: Part) -> Any:
    """The teamleider's own team id; anyone else is refused (and the refusal logged)."""
    user = actor.user
    if actor.role != Role.TEAM_LEAD or not user.team_id:
        log.denied(actor, Action.READ, part, [], object_type="team")
        raise RoleDenied("Alleen de teamleider van een team ziet het teamoverzicht.")
    return user.team_id


def _days(start: datetime, end: datetime) -> int:
    return max((timezone.localdate(end) - timezone.localdate(start)).days, 0)


def _waiting(days: list[int]) -> Waiting:
    if not days:
        return Waiting(0, None, None)
    return Waiting(len(days), statistics.median(days), max(days))


def team_dashboard(*, actor: Actor, now: datetime | None = None) -> TeamDashboard:
    """The figures of the teamleider's own team (see the module docstring). Six queries plus the
    worklist's: team members, two caseload counts, waiting now, pick-up times."""
    from stevig.intake.models import Question, Status
    from stevig.people.selectors import FILE_ROLES
    from stevig.trajectories.models import Phase, Trajectory

    team_id = _require_team_lead(actor, Part.WORKLIST)
    team = actor.user.team
    now = now or timezone.now()
    members = list(
        User.objects.filter(
            municipality_id=actor.municipality_id, team_id=team_id, is_active=True, role__in=list(FILE_ROLES)
        ).order_by("last_name", "first_name", "username")
    )
    trajectories = dict(
        Trajectory.objects.filter(municipality_id=actor.municipality_id, contact_person__in=members)
        .exclude(phase=Phase.CLOSED)
        .values_list("contact_person_id")
        .annotate(n=Count("id"))
        .values_list("contact_person_id", "n")
    )
    questions = dict(
        Question.objects.filter(municipality_id=actor.municipality_id, contact_person__in=members)
        .exclude(status=Status.CLOSED)
        .values_list("contact_person_id")
        .annotate(n=Count("id"))
        .values_list("contact_person_id", "n")
    )
    caseload = [WorkerLoad(u, trajectories.get(u.id, 0), questions.get(u.id, 0)) for u in members]
    team_questions = Question.objects.filter(municipality_id=actor.municipality_id, team_id=team_id)
    waiting_since = team_questions.filter(contact_person__isnull=True).exclude(status=Status.CLOSED)
    waiting_now = _waiting([_days(r, now) for r in waiting_since.values_list("received_at", flat=True)])
    picked = (
        team_questions.filter(received_at__gte=now - timedelta(days=PICK_UP_PERIOD_DAYS))
        .annotate(first_assigned=Min("assignments__started_at"))
        .filter(first_assigned__isnull=False)
        .values_list("received_at", "first_assigned")
    )
    pick_up = _waiting([_days(received, assigned) for received, assigned in picked])
    work = worklist_for(actor=actor, scope="team", sort="due", limit=200)
    soon = [i for i in work.items if i.due is not None and work.today <= i.due <= work.soon_until]
    soon.sort(key=lambda i: (i.due, i.kind_label, i.title))
    overdue = [i for i in work.items if work.is_overdue(i)]
    overdue.sort(key=lambda i: (i.due, i.kind_label, i.title))
    return TeamDashboard(
        team=team,
        today=work.today,
        soon_until=work.soon_until,
        caseload=caseload,
        waiting_now=waiting_now,
        pick_up=pick_up,
        soon=soon,
        overdue=overdue,
    )


def team_trajectories(
    *, actor: Actor, search: str = "", sort: str = DEFAULT_SORT, page: PageRequest = FIRST_PAGE
) -> Page[Any]:
    """The team's open trajectories with last contact, next open plan action and days open.

    Sortable (`SORTS`) and searchable on address, postcode, a current member's surname and the vast
    aanspreekpunt. Offset pages (a team's open trajectories are a bounded list); constant queries: the
    page, the members of its households, the access-log row."""
    from stevig.people.models import HouseholdMembership
    from stevig.people.validators import search_key
    from stevig.plans.models import PlanAction
    from stevig.trajectories.models import Phase
    from stevig.trajectories.selectors import log_listed, trajectories_visible_to

    team_id = _require_team_lead(actor, Part.TRAJECTORIES)
    next_action = (
        PlanAction.objects.filter(goal__plan__trajectory=OuterRef("pk"), done_on__isnull=True)
        .order_by("due_date")
        .values("due_date")[:1]
    )
    qs: QuerySet[Any] = (
        trajectories_visible_to(actor.user)
        .filter(team_id=team_id)
        .exclude(phase=Phase.CLOSED)
        .annotate(last_contact=Max("contacts__contact_date"), next_action=Subquery(next_action))
        .select_related("household", "contact_person")
    )
    search = (search or "").strip()
    if search:
        key = search_key(search)
        member = HouseholdMembership.objects.filter(
            household_id=OuterRef("household_id"), end_date__isnull=True, resident__surname_key__contains=key
        )
        qs = qs.filter(
            Q(household__street__icontains=search)
            | Q(household__postcode__icontains=search.replace(" ", "").upper())
            | Q(contact_person__first_name__icontains=search)
            | Q(contact_person__last_name__icontains=search)
            | Q(contact_person__username__icontains=search)
            | Exists(member)
        )
    qs = qs.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))
    result: Page[Any] = page.page(qs)
    today = timezone.localdate()
    for row in result.rows:
        row.days_open = (today - timezone.localdate(row.opened_at)).days
    log_listed(
        actor=actor, part=Part.TRAJECTORIES, rows=result.rows, detail={"lijst": "team", "zoek": bool(search)}
    )
    return result
