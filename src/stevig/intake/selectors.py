"""Scoped reads of questions, worklists, the waiting list, duplicate checks and the intake figures.

Need-to-know for a question (`questions_visible_to`): the worker or teamleider of the question's team,
the assigned contact person, or — when the question is linked to a household — anyone who may see that
household (`people.selectors.households_visible_to`, which covers the coordinator too). Beleid,
vakafdeling, beheer and privacy see no question; beleid gets aggregated figures only.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.accounts.models import Role, User
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.db_router import reporting
from stevig.core.errors import AccessDenied, RateLimited, RoleDenied
from stevig.core.pagination import FIRST_PAGE, Page, PageRequest
from stevig.core.suppression import (
    Period,
    suppress_line,
)
from stevig.intake import ratelimit
from stevig.intake.models import (
    ContactPersonAssignment,
    FirstContact,
    LegalDeadline,
    Question,
    Status,
    Triage,
)
from stevig.legalcalendar.clocks import Clock, days_left
from stevig.patterns import services as pattern_groups
from stevig.patterns.figures import Summaries
from stevig.patterns.models import MUNICIPALITY, Breakdown, FigureMeasure, Measure, SummaryCount, SummaryValue
from stevig.people.models import HouseholdMembership, Resident
from stevig.people.selectors import FILE_ROLES, households_visible_to, residents_visible_to
from stevig.people.validators import normalise_bsn, normalise_postcode, search_key
from stevig.tenancy.models import Location, Municipality, Neighbourhood, OpeningHours

CLOCK_LABELS = {
    "WMO_RECEIPT": "Wmo: ontvangst melding bevestigen",
    "WMO_ONDERZOEK": "Wmo: onderzoek klaar (6 weken)",
    "WMO_PERSOONLIJK_PLAN": "Wmo: de inwoner mag een persoonlijk plan inleveren (7 dagen)",
    "WMO_BESCHIKKING": "Wmo: beschikking (2 weken)",
    "WGS_EERSTE_GESPREK": "Wgs: eerste gesprek (4 weken)",
    "WGS_EERSTE_GESPREK_SPOED": "Wgs: eerste gesprek bij spoed (3 werkdagen)",
}


def clock_label(name: str) -> str:
    if name in CLOCK_LABELS:
        return _(CLOCK_LABELS[name])
    clock = getattr(Clock, name, None)
    return str(getattr(clock, "label", name))


def questions_visible_to(user: User) -> QuerySet[Question]:
    if not user.is_authenticated or not user.is_staff_member or user.role not in FILE_ROLES:
        return Question.objects.none()
    # EXISTS per question, not `household IN (visible households)`: inside an OR, PostgreSQL cannot turn
    # the IN into a join and materialised every visible household (144 000 for one team at 400 000
    # households, 1.4 s per list page); the correlated probe goes by the household's primary key.
    visible = households_visible_to(user).filter(pk=OuterRef("household_id"))
    scope = Q(contact_person_id=user.id) | Q(Exists(visible))
    if user.role in (Role.WORKER, Role.TEAM_LEAD) and user.team_id:
        scope |= Q(team_id=user.team_id)
    return Question.objects.filter(municipality_id=user.municipality_id).filter(scope)


def _household_members(household_ids: set[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
    members: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    if household_ids:
        for household_id, resident_id in HouseholdMembership.objects.filter(
            household_id__in=household_ids, end_date__isnull=True
        ).values_list("household_id", "resident_id"):
            members[household_id].append(resident_id)
    return members


def residents_of(questions: list[Question]) -> list[uuid.UUID]:
    """The residents a set of questions concerns (for the access log), in one query."""
    members = _household_members({q.household_id for q in questions if q.household_id})
    ids: set[uuid.UUID] = set()
    for q in questions:
        if q.resident_id:
            ids.add(q.resident_id)
        if q.household_id:
            ids.update(members[q.household_id])
    return sorted(ids)


def question_by_idempotency_key(*, municipality: Any, key: str) -> Question | None:
    """The question an earlier public request with this key created (its receipt is sent again)."""
    return Question.objects.filter(municipality=municipality, idempotency_key=key).first()


def question_residents(question: Question) -> list[uuid.UUID]:
    return residents_of([question])


QUESTION = access.Kind(
    Question,
    "question",
    visible=questions_visible_to,
    residents=lambda pk: question_residents(Question.objects.get(pk=pk)),
    url_kwarg="question_id",
    roles=FILE_ROLES,
    part=Part.QUESTION,
)
# A legal deadline of a question: visible with its question (the role answer on `deadline_id` URLs).
DEADLINE = access.child_kind(
    QUESTION, LegalDeadline, "legal_deadline", via="question", url_kwarg="deadline_id", part=Part.DEADLINE
)


# Wmo 2015 art. 2.3.2 lid 2: the resident may hand in a personal plan within 7 days of the melding. That
# is the resident's window, not work for the team: it never shows as overdue and is not on the worklist.
RESIDENT_WINDOWS = frozenset({"WMO_PERSOONLIJK_PLAN"})


@dataclass
class DeadlineRow:
    deadline: LegalDeadline
    label: str
    days_left: int

    @property
    def resident_window(self) -> bool:
        return self.deadline.clock in RESIDENT_WINDOWS

    @property
    def overdue(self) -> bool:
        return self.days_left < 0 and not self.resident_window


@dataclass
class QuestionFile:
    question: Question
    deadlines: list[DeadlineRow]
    triages: list[Triage]
    assignments: list[ContactPersonAssignment]
    first_contact: FirstContact | None
    # The trajectories opened from this question (the link back; `Trajectory.opened_from_question`).
    trajectories: list[Any] = field(default_factory=list)


def _deadline_rows(rows: list[LegalDeadline], today: date) -> list[DeadlineRow]:
    return [DeadlineRow(d, clock_label(d.clock), days_left(d.due_date, today=today)) for d in rows]


def question_detail(*, actor: Actor, question_id: uuid.UUID, part: Part = Part.QUESTION) -> QuestionFile:
    question = (
        questions_visible_to(actor.user)
        .select_related(
            "team", "contact_person", "household", "resident", "location", "neighbourhood", "registered_by"
        )
        .filter(id=question_id)
        .first()
    )
    if question is None:
        raise access.deny(QUESTION, actor=actor, pk=question_id, action=Action.READ, part=part)
    today = timezone.localdate()
    deadlines = _deadline_rows(
        list(LegalDeadline.objects.filter(question=question).order_by("due_date", "clock")), today
    )
    triages = list(Triage.objects.filter(question=question).select_related("by").order_by("-at"))
    assignments = list(
        ContactPersonAssignment.objects.filter(question=question)
        .select_related("user", "assigned_by")
        .order_by("-started_at")
    )
    first_contact = FirstContact.objects.filter(question=question).select_related("by").first()
    trajectories = list(question.trajectories.order_by("-opened_at"))  # type: ignore[attr-defined]
    log.allowed(
        actor, Action.READ, part, question_residents(question), object_type="question", object_id=question.id
    )
    return QuestionFile(question, deadlines, triages, assignments, first_contact, trajectories)


QUESTION_FILTERS = {
    "status": "status",
    "kind": "kind",
    "channel": "channel",
    "team": "team_id",
    "contact_person": "contact_person_id",
    "received_from": "received_at__date__gte",
    "received_until": "received_at__date__lte",
    "reference": "reference__iexact",
}


# Newest first; deep pages by cursor (keyset), never OFFSET, never COUNT(*).
QUESTION_KEYSET = ("-received_at", "-id")


def questions_page(
    *, actor: Actor, page: PageRequest = FIRST_PAGE, filters: dict[str, Any] | None = None
) -> Page[Question]:
    """One page of the questions the actor may see, newest first; `filters` by the names of
    QUESTION_FILTERS (e.g. `reference` finds one question by its kenmerk, case-insensitive)."""
    wanted = {
        QUESTION_FILTERS[name]: value for name, value in (filters or {}).items() if value not in (None, "")
    }
    qs = questions_visible_to(actor.user).filter(**wanted).select_related("team", "contact_person")
    result: Page[Question] = page.page(qs, keyset=QUESTION_KEYSET)
    log.listed(actor, Part.QUESTIONS, residents_of(result.rows), object_type="question")
    return result


# ----------------------------------------------------------------------------------------------------
# Worklist


@dataclass
class DueQuestion:
    question: Question
    days_left: int | None


@dataclass
class Worklist:
    scope: str
    today: date
    week_end: date
    new_questions: list[Question]
    first_contacts_due: list[DueQuestion]
    deadlines_due: list[DeadlineRow]  # overdue and due this week
    deadlines_later: list[DeadlineRow]

    @property
    def overdue(self) -> list[DeadlineRow]:
        return [row for row in self.deadlines_due if row.overdue]


WORKLIST_SCOPES = ("me", "team")


def _scoped_questions(actor: Actor, scope: str) -> QuerySet[Question]:
    if scope not in WORKLIST_SCOPES:
        raise ValidationError({"scope": _("Kies 'me' of 'team'.")})
    visible = questions_visible_to(actor.user)
    if scope == "me":
        return visible.filter(contact_person_id=actor.user.id)
    if not actor.user.team_id or actor.role not in (Role.WORKER, Role.TEAM_LEAD):
        raise ValidationError({"scope": _("U hoort niet bij een team.")})
    return visible.filter(team_id=actor.user.team_id)


def worklist(*, actor: Actor, scope: str = "me", today: date | None = None, limit: int = 25) -> Worklist:
    """New questions, first contacts due and legal deadlines (overdue, this week, later), each with days
    left. A fixed number of queries whatever the size: four lists, one for residents, the access log."""
    if actor.role not in FILE_ROLES:
        log.denied(actor, Action.SEARCH, Part.WORKLIST, object_type="question")
        raise AccessDenied("Deze rol heeft geen werklijst.")
    today = today or timezone.localdate()
    week_end = today + timedelta(days=6 - today.weekday())
    base = _scoped_questions(actor, scope)
    related = ("team", "contact_person")
    new_questions = list(
        base.filter(status=Status.NEW, priority="")
        .select_related(*related)
        .order_by("received_at", "id")[:limit]
    )
    first_due = list(
        base.filter(status=Status.NEW, first_contact_due__isnull=False)
        .select_related(*related)
        .order_by("first_contact_due", "received_at", "id")[:limit]
    )
    open_deadlines = (
        LegalDeadline.objects.filter(
            municipality_id=actor.municipality_id,
            met_at__isnull=True,
            cancelled_at__isnull=True,
            question__in=base.values("id"),
        )
        .exclude(clock__in=RESIDENT_WINDOWS)
        .select_related("question", "question__contact_person")
    )
    due = list(open_deadlines.filter(due_date__lte=week_end).order_by("due_date", "clock", "id")[:limit])
    later = list(open_deadlines.filter(due_date__gt=week_end).order_by("due_date", "clock", "id")[:limit])
    shown: dict[uuid.UUID, Question] = {q.id: q for q in [*new_questions, *first_due]}
    for d in [*due, *later]:
        shown.setdefault(d.question.id, d.question)
    log.listed(
        actor,
        Part.WORKLIST,
        residents_of(list(shown.values())),
        object_type="question",
        detail={"scope": scope},
    )
    return Worklist(
        scope=scope,
        today=today,
        week_end=week_end,
        new_questions=new_questions,
        first_contacts_due=[
            DueQuestion(q, days_left(q.first_contact_due, today=today) if q.first_contact_due else None)
            for q in first_due
        ],
        deadlines_due=_deadline_rows(due, today),
        deadlines_later=_deadline_rows(later, today),
    )


def waiting_list(
    *, actor: Actor, team_id: uuid.UUID | None = None, offset: int = 0, limit: int = 25
) -> tuple[list[Question], bool]:
    """The team's open questions without a vast aanspreekpunt, by priority then waiting time."""
    team_id = team_id or actor.user.team_id
    if actor.role not in (Role.WORKER, Role.TEAM_LEAD) or not team_id or team_id != actor.user.team_id:
        log.denied(
            actor,
            Action.SEARCH,
            Part.WAITING_LIST,
            object_type="question",
            detail={"team": str(team_id or "")},
        )
        raise AccessDenied("Alleen het eigen team ziet de wachtlijst.")
    rows = list(
        questions_visible_to(actor.user)
        .filter(team_id=team_id, contact_person__isnull=True)
        .exclude(status=Status.CLOSED)
        .select_related("team")
        .order_by("priority_rank", "received_at", "id")[offset : offset + limit + 1]
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    log.listed(actor, Part.WAITING_LIST, residents_of(rows), object_type="question")
    return rows, has_more


def assignable_users(*, actor: Actor) -> QuerySet[User]:
    """Colleagues the teamleider can make vast aanspreekpunt: active file roles in the own team."""
    return User.objects.filter(
        municipality_id=actor.municipality_id,
        team_id=actor.user.team_id,
        is_active=True,
        role__in=[Role.WORKER, Role.TEAM_LEAD],
    ).order_by("first_name", "last_name", "username")


# ----------------------------------------------------------------------------------------------------
# Duplicate check before registering


@dataclass(frozen=True)
class DuplicateCriteria:
    given_names: str = ""
    surname: str = ""
    date_of_birth: date | None = None
    bsn: str = ""
    postcode: str = ""
    house_number: int | None = None

    def is_empty(self) -> bool:
        return not (
            (self.surname and self.date_of_birth) or self.bsn or (self.postcode and self.house_number)
        )


@dataclass
class DuplicateMatch:
    resident: Resident
    household_id: uuid.UUID | None
    address: str
    reasons: list[str]


@dataclass
class DuplicateCheck:
    matches: list[DuplicateMatch] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.matches)


# At most this many duplicate checks per user in this many seconds (a shared cache when configured).
DUPLICATE_CHECK_RATE = (60, 3600)


def duplicate_candidates(*, actor: Actor, criteria: DuplicateCriteria, limit: int = 10) -> DuplicateCheck:
    """Likely duplicates by name + date of birth, by BSN, or by address. Only residents the actor may
    see are found, nothing is said about anyone else. The search is logged with the residents it
    matched; a role outside the files is refused (logged, 403); more than DUPLICATE_CHECK_RATE checks
    raise RateLimited (logged, 429)."""
    if actor.role not in FILE_ROLES:
        log.denied(actor, Action.SEARCH, Part.FOUR_EYES, object_type="resident")
        raise RoleDenied("Deze rol zoekt geen inwoners.")
    if criteria.is_empty():
        return DuplicateCheck()
    if not ratelimit.hit(str(actor.user.pk), scope="duplicate_check", rate=DUPLICATE_CHECK_RATE):
        log.denied(actor, Action.SEARCH, Part.FOUR_EYES, object_type="resident", detail={"te_vaak": True})
        raise RateLimited(
            _("U heeft de dubbelcontrole te vaak gebruikt. Probeer het over een uur opnieuw."),
            wait=DUPLICATE_CHECK_RATE[1],
        )
    conditions = Q(pk__in=[])
    if criteria.surname and criteria.date_of_birth:
        conditions |= Q(surname_key=search_key(criteria.surname), date_of_birth=criteria.date_of_birth)
    bsn = normalise_bsn(criteria.bsn)
    if bsn:
        conditions |= Q(bsn=bsn)
    if criteria.postcode and criteria.house_number:
        conditions |= Q(
            memberships__end_date__isnull=True,
            memberships__household__postcode=normalise_postcode(criteria.postcode),
            memberships__household__house_number=criteria.house_number,
        )
    # Only residents in the actor's scope: a check never tells whether someone has a file elsewhere
    # (issue 13: `elsewhere: true/false` for any BSN was a membership oracle).
    visible = list(
        residents_visible_to(actor.user)
        .filter(conditions)
        .distinct()
        .order_by("surname_key", "given_key", "id")[:limit]
    )
    current = {
        m.resident_id: m
        for m in HouseholdMembership.objects.filter(
            resident__in=visible, end_date__isnull=True
        ).select_related("household")
    }
    matches = []
    for resident in visible:
        membership = current.get(resident.id)
        household = membership.household if membership else None
        reasons = []
        if (
            criteria.surname
            and criteria.date_of_birth
            and resident.date_of_birth == criteria.date_of_birth
            and (resident.surname_key == search_key(criteria.surname))
        ):
            reasons.append(_("zelfde naam en geboortedatum"))
        if bsn and resident.bsn == bsn:
            reasons.append(_("zelfde BSN"))
        if (
            household
            and criteria.postcode
            and household.postcode == normalise_postcode(criteria.postcode)
            and (household.house_number == criteria.house_number)
        ):
            reasons.append(_("zelfde adres"))
        matches.append(
            DuplicateMatch(
                resident,
                household.id if household else None,
                household.address_line if household else "",
                reasons,
            )
        )
    log.listed(
        actor,
        Part.FOUR_EYES,
        [m.resident.id for m in matches],
        object_type="resident",
        detail={
            "naam": criteria.surname,
            "geboortedatum": criteria.date_of_birth.isoformat() if criteria.date_of_birth else "",
            "bsn": bool(bsn),
            "postcode": criteria.postcode,
            "huisnummer": criteria.house_number,
        },
    )
    return DuplicateCheck(matches)


# ----------------------------------------------------------------------------------------------------
# Figures for policy (aggregated only)


@dataclass
class GroupFigure:
    group: str
    questions: int | None  # None when suppressed
    median_days: float | None  # None for a group under MIN_CELL questions
    suppressed: bool
    display: str  # "<5", "x" (hidden so a small group cannot be computed back) or the number


@dataclass
class ClockFigure:
    clock: str
    label: str
    overdue: int | None  # None when suppressed
    display: str


@dataclass
class Figures:
    start: date
    end: date
    team: str | None
    first_contact_by_channel: list[GroupFigure]
    first_contact_by_neighbourhood: list[GroupFigure]
    first_contacts: int | None  # None when hidden so no small group can be computed back
    first_contacts_display: str
    clientondersteuning_offered_share: float | None
    clientondersteuning_accepted_share: float | None
    overdue_deadlines: list[ClockFigure]
    overdue_total: int | None
    overdue_total_display: str
    period: Period | None = None
    refreshed_at: datetime | None = None


FIGURE_ROLES = (Role.POLICY, Role.TEAM_LEAD)


def _group_figures(
    summaries: Summaries, breakdown: str, period: Period, medians: dict[tuple[str, str], float]
) -> list[GroupFigure]:
    """Per group: the published count of the period (a quarter's cell or the year's total of the year's
    table) and the median waiting days the job stored (only for a group of at least MIN_CELL)."""
    table = summaries.tables(Measure.FIRST_CONTACTS).get(breakdown)
    figures = []
    for group in [str(g) for g in table.rows] if table else []:
        cell = summaries.cell(Measure.FIRST_CONTACTS, breakdown, group, period)
        figures.append(
            GroupFigure(group, cell.value, medians.get((breakdown, group)), cell.suppressed, cell.display)
        )
    return figures


def intake_figures(
    *, actor: Actor, start: date | None = None, end: date | None = None, period: Period | None = None
) -> Figures:
    """Median days from question to first contact per channel and per neighbourhood, the share of first
    contacts where cliëntondersteuning was offered, and overdue legal deadlines per clock.

    Read from the summary tables the background job fills (`patterns.services`), never from the raw rows:
    beleid sees the municipality (the same suppressed tables as the patterns page's first contacts), a
    teamleider the own team (a population of its own, scope = the team). The period is one calendar quarter
    or year (`Period`; `start`/`end` must be exactly one): the year is suppressed with its quarters as
    columns, so the year minus three quarters gives nothing away. The overdue deadlines are counted when the
    job ran. The export is logged (no residents: none are in it).
    """
    if actor.role not in FIGURE_ROLES or (actor.role == Role.TEAM_LEAD and not actor.user.team_id):
        log.denied(actor, Action.EXPORT, Part.INTAKE_FIGURES)
        raise AccessDenied("Alleen beleid en de teamleider zien de cijfers.")
    if start and end and start > end:
        raise ValidationError({"start": _("De begindatum ligt na de einddatum.")})
    period = period or Period.from_range(start, end, today=timezone.localdate())
    scope, team_name = MUNICIPALITY, None
    if actor.role == Role.TEAM_LEAD:
        scope = str(actor.user.team_id)
        team_name = actor.user.team.name if actor.user.team else None
    mine = {"municipality_id": actor.municipality_id, "scope": scope}
    with reporting():
        summaries = Summaries.load(actor.municipality_id, period.year, scope=scope)
        overdue_counts = dict(
            SummaryCount.objects.filter(**mine, measure=FigureMeasure.OVERDUE, year=0, quarter=0)
            .order_by("group")
            .values_list("group", "count")
        )
        medians = {
            (b, g): v
            for b, g, v in SummaryValue.objects.filter(
                **mine, measure=Measure.FIRST_CONTACTS, year=period.year, quarter=period.quarter or 0
            ).values_list("breakdown", "group", "value")
        }
    clocks, overdue_total = suppress_line(list(overdue_counts.values()))
    overdue = [
        ClockFigure(clock, clock_label(clock), cell.value, cell.display)
        for clock, cell in zip(overdue_counts, clocks, strict=True)
    ]
    shares = [
        summaries.share(
            key, "", measure=Measure.FIRST_CONTACTS, breakdown=key, part=part, rest=rest, period=period
        )
        for key, part, rest in (
            (Breakdown.OFFERED, pattern_groups.OFFERED, pattern_groups.NOT_OFFERED),
            (Breakdown.ACCEPTED, pattern_groups.ACCEPTED, pattern_groups.NOT_ACCEPTED),
        )
    ]
    first_contacts = summaries.total(Measure.FIRST_CONTACTS, period)
    log.allowed(
        actor,
        Action.EXPORT,
        Part.INTAKE_FIGURES,
        detail={"van": period.start.isoformat(), "tot": period.end.isoformat(), "team": team_name or ""},
    )
    return Figures(
        start=period.start,
        end=period.end,
        team=team_name,
        first_contact_by_channel=_group_figures(summaries, Breakdown.CHANNEL, period, medians),
        first_contact_by_neighbourhood=_group_figures(summaries, Breakdown.NEIGHBOURHOOD, period, medians),
        first_contacts=first_contacts.value,
        first_contacts_display=first_contacts.display,
        clientondersteuning_offered_share=None if shares[0].share is None else round(shares[0].share, 3),
        clientondersteuning_accepted_share=None if shares[1].share is None else round(shares[1].share, 3),
        overdue_deadlines=overdue,
        overdue_total=overdue_total.value,
        overdue_total_display=overdue_total.display,
        period=period,
        refreshed_at=summaries.refreshed_at,
    )


# ----------------------------------------------------------------------------------------------------
# Public pages (no resident data)


def municipality_by_code(code: str) -> Municipality | None:
    """The municipality with CBS code `code` (GMxxxx, any case), or None."""
    return Municipality.objects.filter(code=code.strip().upper()).first()


def public_municipality(code: str | None = None) -> Municipality | None:
    """The municipality the public pages serve: `?gemeente=GMxxxx` when given and known, else the
    setting PUBLIC_MUNICIPALITY (env STEVIG_PUBLIC_MUNICIPALITY), else the first municipality by code."""
    if code:
        chosen = municipality_by_code(code)
        if chosen is not None:
            return chosen
    configured = settings.PUBLIC_MUNICIPALITY
    if configured:
        found = Municipality.objects.filter(code=configured).first()
        if found is not None:
            return found
    return Municipality.objects.order_by("code").first()


def neighbourhood_for_postcode(municipality: Municipality, postcode: str) -> Neighbourhood | None:
    area = Neighbourhood.objects.filter(
        municipality=municipality, postcode_areas__postcode_digits=normalise_postcode(postcode)[:4]
    ).first()
    return area


@dataclass
class PublicLocation:
    location: Location
    hours: list[OpeningHours]
    open_today: list[OpeningHours]


def locations_for(*, neighbourhood: Neighbourhood, today: date | None = None) -> list[PublicLocation]:
    """Where the team of this neighbourhood is present; locations open today first, then by name."""
    today = today or timezone.localdate()
    locations = (
        Location.objects.filter(municipality_id=neighbourhood.municipality_id)
        .filter(Q(neighbourhood=neighbourhood) | Q(team__in=neighbourhood.teams.all()))
        .distinct()
        .prefetch_related("opening_hours")
        .order_by("name")
    )
    result = []
    for location in locations:
        hours = list(location.opening_hours.all())
        result.append(PublicLocation(location, hours, [h for h in hours if h.weekday == today.weekday()]))
    result.sort(key=lambda p: (not p.open_today, p.location.name))
    return result


def public_neighbourhoods(municipality: Municipality) -> QuerySet[Neighbourhood]:
    return Neighbourhood.objects.filter(municipality=municipality).order_by("name")


def question_for_confirmation(*, municipality_id: Any, question_id: Any) -> dict[str, Any] | None:
    """What the public confirmation page may show: the code and the dates, never the question itself."""
    row = (
        Question.objects.filter(id=question_id, municipality_id=municipality_id)
        .values("reference", "first_contact_due", "received_at", "kind", "eviction_or_cutoff_threat")
        .first()
    )
    return dict(row) if row else None
