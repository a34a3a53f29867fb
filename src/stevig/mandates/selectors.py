"""Scoped reads of mandate requests.

`mandate_requests_visible_to(user)` is the one visibility rule:

* vakafdeling: the requests sent to the user's own department, nothing else (and never the file);
* medewerker / teamleider: the requests they sent, and the requests of households they may see
  (`people.selectors.households_visible_to`);
* coördinator: what reached the coordinator function — escalated, overdue or rejected requests — plus
  the requests they sent and those of households they may see. Not every request in the municipality
  (name, date of birth and address of residents who never needed the coordinator; issue 13). It sees the
  same shared snapshot as the department, never more: the household file stays behind the people
  selector (escalated households only).
* beleid, beheer, privacy: none (policy gets aggregated figures only).

Functions that return requests to a person write the access log; the part is `mandaatverzoek` for one
request and `mandaatverzoeken` for a list. The residents in the row are the members the request concerns.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from stevig.accounts.models import Role, User
from stevig.analysis.models import Analysis, DomainScore
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.db_router import reporting
from stevig.core.errors import AccessDenied, RoleDenied
from stevig.core.pagination import FIRST_PAGE, Page, PageRequest
from stevig.core.suppression import Period
from stevig.mandates import figures
from stevig.mandates.figures import DepartmentFigures
from stevig.mandates.models import (
    OPEN_STATUSES,
    CoordinatorOutcome,
    EventKind,
    MandateEvent,
    MandateRequest,
    MandateRequestResident,
    Status,
    Urgency,
)
from stevig.patterns.figures import Summaries
from stevig.people.models import Household, HouseholdMembership, Resident
from stevig.people.selectors import households_visible_to
from stevig.plans.models import Goal, PlanAction
from stevig.tenancy.models import Department
from stevig.trajectories.models import Phase, Trajectory
from stevig.trajectories.selectors import TRAJECTORY

WORKER_ROLES = (Role.WORKER, Role.TEAM_LEAD, Role.COORDINATOR)
# A domain counts as a need when its latest score is at most this (1 acute … 3 beperkt zelfredzaam).
NEED_SCORE = 3


def mandate_requests_visible_to(user: User) -> QuerySet[MandateRequest]:
    if not user.is_authenticated or not user.is_staff_member:
        return MandateRequest.objects.none()
    base = MandateRequest.objects.filter(municipality_id=user.municipality_id)
    if user.role == Role.DEPARTMENT:
        return base.filter(department_id=user.department_id) if user.department_id else base.none()
    if user.role == Role.COORDINATOR:
        return base.filter(
            Q(escalated_at__isnull=False)
            | overdue_q()
            | Q(status=Status.REJECTED)
            | Q(requested_by=user)
            | Q(household__in=households_visible_to(user))
        )
    if user.role in (Role.WORKER, Role.TEAM_LEAD):
        return base.filter(Q(requested_by=user) | Q(household__in=households_visible_to(user)))
    return base.none()


def _request_resident_ids(request_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        MandateRequestResident.objects.filter(mandaterequest_id=request_id).values_list(
            "resident_id", flat=True
        )
    )


MANDATE_REQUEST = access.Kind(
    MandateRequest,
    "mandate_request",
    visible=mandate_requests_visible_to,
    residents=_request_resident_ids,
    url_kwarg="request_id",
    related=("department", "household", "requested_by", "trajectory"),
)


def overdue_q(today: date | None = None) -> Q:
    """Open and past its due date (the due date itself is still on time)."""
    return Q(status__in=OPEN_STATUSES, due_on__lt=today or timezone.localdate())


def with_flags(qs: QuerySet[MandateRequest], today: date | None = None) -> QuerySet[MandateRequest]:
    """Annotate `overdue` (bool) and `attention` (0 overdue, 1 spoed, 2 rest) for ordering."""
    today = today or timezone.localdate()
    return qs.annotate(
        overdue=Case(
            When(overdue_q(today), then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
        attention=Case(
            When(overdue_q(today), then=Value(0)),
            When(urgency__in=(Urgency.URGENT, Urgency.WGS_URGENT), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
    )


def _list_related(qs: QuerySet[MandateRequest]) -> QuerySet[MandateRequest]:
    return qs.select_related("department", "requested_by", "household").prefetch_related(
        Prefetch("residents", queryset=Resident.objects.order_by("date_of_birth"))
    )


def log_listed(
    *, actor: Actor, rows: Iterable[MandateRequest], part: Part = Part.MANDATE_REQUESTS, detail=None
) -> None:  # type: ignore[no-untyped-def]
    """One 'search' row naming the residents of the listed requests (prefetched)."""
    residents = {r.id for row in rows for r in row.residents.all()}
    log.listed(actor, part, residents, object_type="mandate_request", detail=detail or {})


def deny_request(
    *, actor: Actor, request_id: uuid.UUID, action: Action, part: Part = Part.MANDATE_REQUEST
) -> AccessDenied:
    """Log a denied attempt on a request (naming its residents when it is in the actor's municipality)."""
    in_municipality = MandateRequest.objects.filter(
        id=request_id, municipality_id=actor.municipality_id
    ).exists()
    residents = (
        list(
            MandateRequestResident.objects.filter(mandaterequest_id=request_id).values_list(
                "resident_id", flat=True
            )
        )
        if in_municipality
        else []
    )
    log.denied(actor, action, part, residents, object_type="mandate_request", object_id=request_id)
    return AccessDenied()


def request_in_scope(
    *,
    actor: Actor,
    request_id: uuid.UUID,
    action: Action,
    part: Part = Part.MANDATE_REQUEST,
    for_update: bool = False,
) -> MandateRequest:
    """The request if the actor may see it; otherwise the denial is logged and raised. No 'allowed' row."""
    qs = mandate_requests_visible_to(actor.user)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    request = (
        qs.select_related("department", "household", "requested_by", "trajectory")
        .filter(id=request_id)
        .first()
    )
    if request is None:
        raise access.deny(MANDATE_REQUEST, actor=actor, pk=request_id, action=action, part=part)
    return request


def resident_ids_of(request: MandateRequest) -> list[uuid.UUID]:
    return list(request.residents.values_list("id", flat=True))


@dataclass
class RequestDetail:
    request: MandateRequest
    events: list[MandateEvent]
    overdue: bool
    days_left: int
    # Only for those who may see the household file (never the department): a link back to the trajectory.
    may_open_file: bool = False

    @property
    def days_late(self) -> int:
        return max(0, -self.days_left)

    @property
    def conversation(self) -> list[MandateEvent]:
        """The messages between department, worker and coordinator, in full (the history shortens them)."""
        return [e for e in self.events if e.kind in CONVERSATION_KINDS]


CONVERSATION_KINDS = (
    EventKind.ASKED,
    EventKind.ANSWERED,
    EventKind.REJECTED,
    EventKind.CONFIRMED,
    EventKind.SENT_BACK,
    EventKind.DECIDED,
    EventKind.RESENT,
)


def request_detail(*, actor: Actor, request_id: uuid.UUID) -> RequestDetail:
    """One request with its history; logged as a read of `mandaatverzoek` (department reads too)."""
    from stevig.legalcalendar.clocks import days_left

    request = access.scoped_get(
        MANDATE_REQUEST, actor=actor, pk=request_id, action=Action.READ, part=Part.MANDATE_REQUEST
    )
    events = list(request.events.select_related("by").order_by("at", "created_at"))
    may_open_file = (
        actor.role in (Role.WORKER, Role.TEAM_LEAD, Role.COORDINATOR)
        and households_visible_to(actor.user).filter(id=request.household_id).exists()
    )
    log.allowed(
        actor,
        Action.READ,
        Part.MANDATE_REQUEST,
        resident_ids_of(request),
        object_type="mandate_request",
        object_id=request.id,
    )
    return RequestDetail(request, events, request.is_overdue, days_left(request.due_on), may_open_file)


# Keyset orders (issue 14 point 3): deep pages by cursor, never OFFSET, never COUNT(*). The first
# columns are computed per row (overdue first); they are ints, so the cursor carries them as is.
INBOX_KEYSET = ("attention", "due_on", "sent_on", "id")
MINE_KEYSET = ("rank", "due_on", "-sent_on", "id")


STATUS_FILTERS = ("open", "all", *Status.values)


def _filter_status(qs: QuerySet[MandateRequest], status: str) -> QuerySet[MandateRequest]:
    if status == "open":
        return qs.filter(status__in=OPEN_STATUSES)
    if status in Status.values:
        return qs.filter(status=status)
    return qs


def inbox(*, actor: Actor, status: str = "open", page: PageRequest = FIRST_PAGE) -> Page[MandateRequest]:
    """The department's inbox: overdue first, then urgent, then by due date. Vakafdeling only."""
    if actor.role != Role.DEPARTMENT:
        log.denied(actor, Action.SEARCH, Part.MANDATE_REQUESTS, object_type="mandate_request")
        raise RoleDenied("Alleen een vakafdeling heeft een inbox met verzoeken.")
    qs = _filter_status(with_flags(mandate_requests_visible_to(actor.user)), status)
    result: Page[MandateRequest] = page.page(_list_related(qs), keyset=INBOX_KEYSET)
    log_listed(actor=actor, rows=result.rows, detail={"lijst": "inbox", "status": status})
    return result


def my_requests(*, actor: Actor, status: str = "all", page: PageRequest = FIRST_PAGE) -> Page[MandateRequest]:
    """The requests the actor sent: overdue first, then rejected, then the rest by due date."""
    if actor.role not in WORKER_ROLES:
        log.denied(actor, Action.SEARCH, Part.MANDATE_REQUESTS, object_type="mandate_request")
        raise RoleDenied("Deze rol verstuurt geen mandaatverzoeken.")
    qs = with_flags(mandate_requests_visible_to(actor.user).filter(requested_by=actor.user))
    qs = _filter_status(qs, status).annotate(
        rank=Case(
            When(overdue_q(), then=Value(0)),
            When(status=Status.REJECTED, then=Value(1)),
            When(status__in=OPEN_STATUSES, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    )
    result: Page[MandateRequest] = page.page(_list_related(qs), keyset=MINE_KEYSET)
    log_listed(actor=actor, rows=result.rows, detail={"lijst": "mijn verzoeken", "status": status})
    return result


def needing_attention_for(user: User) -> QuerySet[MandateRequest]:
    """For the worker's worklist: requests the user sent that are overdue, rejected (until the coordinator
    confirmed the rejection), or that wait for her answer to the department's question. A plain queryset
    (the caller logs what it shows)."""
    return _list_related(
        with_flags(mandate_requests_visible_to(user).filter(requested_by=user)).filter(
            overdue_q()
            | (Q(status=Status.REJECTED) & ~Q(coordinator_outcome=CoordinatorOutcome.CONFIRMED))
            | Q(status__in=OPEN_STATUSES, question_asked_at__isnull=False)
        )
    ).order_by("due_on", "id")


def requests_of_household(*, actor: Actor, household_id: uuid.UUID) -> list[MandateRequest]:
    """The household's requests the actor may see (for a trajectory page); logged as a list."""
    rows = list(
        _list_related(
            with_flags(mandate_requests_visible_to(actor.user).filter(household_id=household_id))
        ).order_by("-sent_on", "id")[:50]
    )
    log_listed(actor=actor, rows=rows, detail={"huishouden": str(household_id)})
    return rows


# --- Coordinator ---------------------------------------------------------------------------------------


@dataclass
class CoordinatorHousehold:
    household: Household
    domains: int
    departments: int
    department_names: list[str]
    members: list[HouseholdMembership]
    may_open_file: bool


@dataclass
class Dashboard:
    escalated: list[MandateRequest]
    households: list[CoordinatorHousehold] = field(default_factory=list)


def _require_coordinator(actor: Actor, part: Part) -> None:
    if actor.role != Role.COORDINATOR:
        log.denied(actor, Action.SEARCH, part, object_type="mandate_request")
        raise RoleDenied("Alleen de coördinator ziet dit overzicht.")


def escalated_requests(user: User) -> QuerySet[MandateRequest]:
    """Overdue, or rejected and not yet answered (doorgezet, bevestigd, teruggestuurd): what the coordinator
    must look at, overdue first."""
    return _list_related(
        with_flags(mandate_requests_visible_to(user)).filter(
            overdue_q() | Q(status=Status.REJECTED, coordinator_outcome="")
        )
    ).order_by("attention", "due_on", "id")


def multi_domain_households(user: User, limit: int = 50) -> list[CoordinatorHousehold]:
    """Households with needs (latest score 1 to 3) in two or more life domains, or two or more departments
    involved. Only households that entered the mandate process (at least one request) or that the
    coordinator may already see. Constant queries: the households, their departments, their members."""
    newer = Analysis.objects.filter(
        trajectory_id=OuterRef("analysis__trajectory_id"),
        resident_id=OuterRef("analysis__resident_id"),
        analysed_on__gt=OuterRef("analysis__analysed_on"),
    )
    needs = (
        DomainScore.objects.filter(analysis__trajectory__household_id=OuterRef("pk"), score__lte=NEED_SCORE)
        .exclude(analysis__trajectory__phase=Phase.CLOSED)
        .filter(~Exists(newer))
        .order_by()
        .values("analysis__trajectory__household_id")
        .annotate(n=Count("domain", distinct=True))
        .values("n")[:1]
    )
    departments = (
        MandateRequest.objects.filter(household_id=OuterRef("pk"))
        .order_by()
        .values("household_id")
        .annotate(n=Count("department", distinct=True))
        .values("n")[:1]
    )
    with_requests = MandateRequest.objects.filter(household_id=OuterRef("pk"))
    visible = households_visible_to(user).values("id")
    households = list(
        Household.objects.filter(municipality_id=user.municipality_id)
        .filter(Q(Exists(with_requests)) | Q(id__in=visible))
        .annotate(
            domain_count=Coalesce(Subquery(needs, output_field=IntegerField()), 0),
            department_count=Coalesce(Subquery(departments, output_field=IntegerField()), 0),
        )
        .filter(Q(domain_count__gte=2) | Q(department_count__gte=2))
        .select_related("team")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=HouseholdMembership.objects.filter(end_date__isnull=True)
                .select_related("resident")
                .order_by("start_date"),
                to_attr="current_members",
            )
        )
        .order_by("-department_count", "-domain_count", "postcode", "id")[:limit]
    )
    ids = [h.id for h in households]
    names: dict[uuid.UUID, list[str]] = {}
    for household_id, name in (
        MandateRequest.objects.filter(household_id__in=ids)
        .values_list("household_id", "department__name")
        .distinct()
        .order_by("department__name")
    ):
        names.setdefault(household_id, []).append(name)
    visible_ids = set(households_visible_to(user).filter(id__in=ids).values_list("id", flat=True))
    return [
        CoordinatorHousehold(
            h,
            h.domain_count,  # type: ignore[attr-defined]
            h.department_count,  # type: ignore[attr-defined]
            names.get(h.id, []),
            h.current_members,  # type: ignore[attr-defined]
            h.id in visible_ids,
        )
        for h in households
    ]


def coordinator_dashboard(*, actor: Actor, limit: int = 50) -> Dashboard:
    _require_coordinator(actor, Part.COORDINATION)
    escalated = list(escalated_requests(actor.user)[:limit])
    households = multi_domain_households(actor.user, limit=limit)
    residents = {r.id for row in escalated for r in row.residents.all()}
    residents |= {m.resident_id for h in households for m in h.members}
    log.listed(actor, Part.COORDINATION, residents, object_type="mandate_request")
    return Dashboard(escalated, households)


# --- Helpers for the forms -----------------------------------------------------------------------------


def departments_of(municipality_id: uuid.UUID) -> QuerySet[Department]:
    return Department.objects.filter(municipality_id=municipality_id).order_by("name")


@dataclass
class ShareablePart:
    id: uuid.UUID
    label: str


@dataclass
class Shareable:
    members: list[HouseholdMembership]
    scores: list[DomainScore]
    goals: list[Goal]


def request_form(*, actor: Actor, trajectory_id: uuid.UUID, action: Action) -> tuple[Trajectory, Shareable]:
    """The trajectory a request is sent from and what may be shared from it; showing the form is logged as a
    read of the members (a sent request is logged by `services.send_request`)."""
    trajectory = access.scoped_get(
        TRAJECTORY, actor=actor, pk=trajectory_id, action=action, part=Part.MANDATE_REQUEST
    )
    parts = shareable_parts(trajectory.id, trajectory.household_id)
    if action == Action.READ:
        log.allowed(
            actor,
            Action.READ,
            Part.MANDATE_REQUEST,
            [m.resident_id for m in parts.members],
            object_type="trajectory",
            object_id=trajectory.id,
        )
    return trajectory, parts


@dataclass(frozen=True)
class DepartmentFigureTable:
    """The figures per department of one quarter or year, and when the summary tables were refreshed."""

    period: Period
    refreshed_at: datetime | None
    rows: list[DepartmentFigures]


def department_figures(*, actor: Actor, period: Period | None = None) -> DepartmentFigureTable:
    """Figures per department for one quarter or year (this year by default), read from the summary
    tables; for the policy role only (refusal logged, 403)."""
    if actor.role != Role.POLICY:
        log.denied(actor, Action.READ, Part.FIGURES, object_type="figures")
        raise RoleDenied("Alleen beleid ziet deze cijfers.")
    period = period or Period(timezone.localdate().year)
    with reporting():
        summaries = Summaries.load(actor.municipality_id, period.year)
        rows = figures.department_figures(summaries, period)
    log.allowed(actor, Action.READ, Part.FIGURES, object_type="figures", detail={"periode": str(period)})
    return DepartmentFigureTable(period, summaries.refreshed_at, rows)


def shareable_parts(trajectory_id: uuid.UUID, household_id: uuid.UUID) -> Shareable:
    """What the professional can choose to share: the latest analysis per member (its scores) and the goals
    of the household plan with their actions. The caller has checked scope and logs the read."""
    members = list(
        HouseholdMembership.objects.filter(household_id=household_id, end_date__isnull=True)
        .select_related("resident")
        .order_by("start_date", "resident__date_of_birth")
    )
    newer = Analysis.objects.filter(
        trajectory_id=OuterRef("trajectory_id"),
        resident_id=OuterRef("resident_id"),
        analysed_on__gt=OuterRef("analysed_on"),
    )
    latest = Analysis.objects.filter(trajectory_id=trajectory_id).filter(~Exists(newer))
    scores = list(
        DomainScore.objects.filter(analysis__in=latest)
        .select_related("analysis__resident")
        .order_by("analysis__resident__date_of_birth", "domain")
    )
    goals = list(
        Goal.objects.filter(plan__trajectory_id=trajectory_id)
        .prefetch_related(
            Prefetch("actions", queryset=PlanAction.objects.order_by("due_date", "created_at")),
            Prefetch("members", queryset=Resident.objects.order_by("date_of_birth")),
        )
        .order_by("position", "created_at")
    )
    return Shareable(members, scores, goals)
