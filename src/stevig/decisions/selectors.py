"""Scoped reads of decisions. Visibility follows the household (`households_visible_to`): whoever may open
the household file may see its applications and decisions; a department, policy, beheer and privacy
see none (policy gets aggregated figures only).

The plain helpers (`decisions_visible_to`, `decisions_due_for`) do not log; the functions that return
data to a person (`household_decisions`, `decision_detail`, `letter_for`, `due_worklist`) write the
access log themselves.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.accounts.models import Role, User
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.errors import RoleDenied
from stevig.core.suppression import Period
from stevig.decisions.models import (
    WARNING_MONTHS,
    Application,
    ApplicationStatus,
    Decision,
    DecisionRevision,
    LegalRemedy,
    LifelongLimitation,
    PeriodicContact,
    ProductCategory,
    RemedyStatus,
    Signatory,
)
from stevig.legalcalendar.clocks import days_left, objection_term_end
from stevig.people.models import Household, HouseholdMembership
from stevig.people.selectors import FILE_ROLES, HOUSEHOLD, households_visible_to
from stevig.tenancy.models import Municipality

if TYPE_CHECKING:
    from stevig.trajectories.figures import Figures

# Periodic contacts show on the worklist this many days ahead.
CONTACT_LOOKAHEAD_DAYS = 30


def decisions_visible_to(user: User) -> QuerySet[Decision]:
    return Decision.objects.filter(
        municipality_id=user.municipality_id, household__in=households_visible_to(user)
    )


def applications_visible_to(user: User) -> QuerySet[Application]:
    return Application.objects.filter(
        municipality_id=user.municipality_id, household__in=households_visible_to(user)
    )


def _limitations_visible_to(user: User) -> QuerySet[LifelongLimitation]:
    visible_residents = HouseholdMembership.objects.filter(
        end_date__isnull=True, household__in=households_visible_to(user)
    ).values("resident_id")
    return LifelongLimitation.objects.filter(
        municipality_id=user.municipality_id, resident_id__in=visible_residents
    )


DECISION = access.Kind(
    Decision,
    "decision",
    visible=decisions_visible_to,
    url_kwarg="decision_id",
    related=("household", "resident", "category", "decided_by", "application"),
    roles=FILE_ROLES,
    part=Part.DECISION,
)
APPLICATION = access.Kind(
    Application,
    "application",
    visible=applications_visible_to,
    url_kwarg="application_id",
    related=("resident", "category"),
    roles=FILE_ROLES,
    part=Part.APPLICATION,
)
LIMITATION = access.Kind(
    LifelongLimitation,
    "lifelong_limitation",
    visible=_limitations_visible_to,
    household="resident__memberships__household_id",
    where={"resident__memberships__end_date__isnull": True},
    url_kwarg="limitation_id",
    related=("resident",),
    roles=FILE_ROLES,
    part=Part.LIFELONG_LIMITATION,
)
PERIODIC_CONTACT = access.child_kind(
    DECISION,
    PeriodicContact,
    "periodic_contact",
    via="decision",
    url_kwarg="contact_id",
    part=Part.PERIODIC_CONTACT,
)
# A bezwaar, klacht or beroep: visible with its decision (the role answer on `remedy_id` URLs).
REMEDY = access.child_kind(DECISION, LegalRemedy, "legal_remedy", via="decision", url_kwarg="remedy_id")


def categories_for(user: User) -> QuerySet[ProductCategory]:
    """The active product categories of the user's municipality (no resident data)."""
    return ProductCategory.objects.filter(municipality_id=user.municipality_id, active=True).order_by(
        "law", "name"
    )


def current_members(household: Household) -> list[HouseholdMembership]:
    """For choice lists on forms (the page that shows them has checked the household's scope)."""
    return list(
        HouseholdMembership.objects.filter(household=household, end_date__isnull=True)
        .select_related("resident")
        .order_by("start_date", "resident__date_of_birth")
    )


def open_applications_of(household: Household) -> QuerySet[Application]:
    return (
        Application.objects.filter(household=household, status=ApplicationStatus.OPEN)
        .select_related("resident", "category")
        .order_by("due_on", "id")
    )


def household_for_resident(resident_id: uuid.UUID) -> Household | None:
    membership = (
        HouseholdMembership.objects.filter(resident_id=resident_id, end_date__isnull=True)
        .select_related("household")
        .first()
    )
    return membership.household if membership else None


def has_lifelong_flag(resident_id: uuid.UUID) -> bool:
    return LifelongLimitation.objects.filter(resident_id=resident_id, ended_at__isnull=True).exists()


# --- Reading ---------------------------------------------------------------------------------------------


def objection_deadline(decision: Decision) -> date | None:
    """The last day to object: 6 weeks (Awb 6:7) from the day after the decision was sent (bekendmaking,
    Awb 6:8 lid 1), Atw applied. None while the decision has not been sent: the term has not started."""
    return objection_term_end(decision.sent_on) if decision.sent_on else None


def ends_soon(decision: Decision, today: date | None = None) -> bool:
    """Within WARNING_MONTHS of its end date (and not ended yet). Never for a lifelong decision: the
    kader (principle 10) forbids the re-assessment signal; see `continues_soon`."""
    return not decision.lifelong and _within_warning(decision, today)


def continues_soon(decision: Decision, today: date | None = None) -> bool:
    """A lifelong decision within WARNING_MONTHS of its end: offer 'voortzetten zonder herindicatie'."""
    return decision.lifelong and _within_warning(decision, today)


def _within_warning(decision: Decision, today: date | None) -> bool:
    today = today or timezone.localdate()
    return decision.end_date is not None and today <= decision.end_date <= today + relativedelta(
        months=WARNING_MONTHS
    )


def decisions_of(household: Household) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(household=household)
        .select_related("category")
        .order_by("-start_date", "-created_at", "id")
    )


def applications_of(household: Household) -> QuerySet[Application]:
    return Application.objects.filter(household=household).order_by("-received_on", "-created_at", "id")


def limitations_of(household: Household) -> QuerySet[LifelongLimitation]:
    members = HouseholdMembership.objects.filter(household=household, end_date__isnull=True).values(
        "resident_id"
    )
    return LifelongLimitation.objects.filter(resident_id__in=members).order_by("-since", "id")


def contacts_by_decision(decisions: list[Decision]) -> dict[uuid.UUID, list[PeriodicContact]]:
    """The periodic contacts of a page of decisions, in one query."""
    grouped: dict[uuid.UUID, list[PeriodicContact]] = {d.id: [] for d in decisions}
    for c in PeriodicContact.objects.filter(decision_id__in=list(grouped)).order_by("due_on"):
        grouped[c.decision_id].append(c)
    return grouped


def log_listed(
    *, actor: Actor, household: Household, part: Part, resident_ids: list[uuid.UUID], object_type: str
) -> None:
    """One 'search' row for a listed page, naming the residents it shows."""
    log.listed(
        actor,
        part,
        resident_ids,
        object_type=object_type,
        object_id=household.id,
        emergency=access.is_emergency(actor.user, household.id),
    )


def log_form_read(
    *,
    actor: Actor,
    part: Part,
    resident_ids: list[uuid.UUID],
    object_type: str,
    object_id: uuid.UUID,
    household_id: uuid.UUID,
) -> None:
    """A form page shows resident data (names, the decision being changed): one 'read' row."""
    log.allowed(
        actor,
        Action.READ,
        part,
        resident_ids,
        object_type=object_type,
        object_id=object_id,
        emergency=access.is_emergency(actor.user, household_id),
    )


@dataclass
class HouseholdDecisions:
    household: Household
    members: list[HouseholdMembership]
    decisions: list[Decision]
    applications: list[Application]
    limitations: list[LifelongLimitation]
    emergency: bool
    today: date

    @property
    def flagged_resident_ids(self) -> set[uuid.UUID]:
        return {f.resident_id for f in self.limitations if f.ended_at is None}


def household_decisions(*, actor: Actor, household_id: uuid.UUID) -> HouseholdDecisions:
    """A household's applications, decisions and lifelong flags. One access-log row. Fixed query count."""
    household = access.scoped_get(
        HOUSEHOLD, actor=actor, pk=household_id, action=Action.READ, part=Part.DECISIONS
    )
    members = current_members(household)
    member_ids = [m.resident_id for m in members]
    decisions = list(
        Decision.objects.filter(household=household)
        .select_related("resident", "category", "decided_by")
        .order_by("-start_date", "-created_at")
    )
    applications = list(
        Application.objects.filter(household=household)
        .select_related("resident", "category")
        .order_by("-received_on", "-created_at")
    )
    limitations = list(
        LifelongLimitation.objects.filter(resident_id__in=member_ids)
        .select_related("resident")
        .order_by("ended_at", "-since")
    )
    emergency = access.is_emergency(actor.user, household.id)
    log.allowed(
        actor,
        Action.READ,
        Part.DECISIONS,
        member_ids,
        object_type="household",
        object_id=household.id,
        emergency=emergency,
    )
    return HouseholdDecisions(
        household, members, decisions, applications, limitations, emergency, timezone.localdate()
    )


@dataclass
class DecisionDetail:
    decision: Decision
    contacts: list[PeriodicContact]
    objection_until: date | None
    ends_soon: bool
    continues_soon: bool
    emergency: bool
    today: date
    remedies: list[LegalRemedy] = field(default_factory=list)
    revisions: list[DecisionRevision] = field(default_factory=list)


def decision_detail(*, actor: Actor, decision_id: uuid.UUID, part: Part = Part.DECISION) -> DecisionDetail:
    decision = access.scoped_get(DECISION, actor=actor, pk=decision_id, action=Action.READ, part=part)
    contacts = list(
        PeriodicContact.objects.filter(decision=decision).select_related("done_by").order_by("due_on")
    )
    emergency = access.is_emergency(actor.user, decision.household_id)
    log.allowed(
        actor,
        Action.READ,
        part,
        [decision.resident_id],
        object_type="decision",
        object_id=decision.id,
        emergency=emergency,
    )
    today = timezone.localdate()
    remedies = list(LegalRemedy.objects.filter(decision=decision).order_by("received_on", "created_at"))
    revisions = list(
        DecisionRevision.objects.filter(decision=decision).select_related("by").order_by("version")
    )
    return DecisionDetail(
        decision,
        contacts,
        objection_deadline(decision),
        ends_soon(decision, today),
        continues_soon(decision, today),
        emergency,
        today,
        remedies,
        revisions,
    )


def letter_for(*, actor: Actor, decision_id: uuid.UUID, fmt: str = "html"):  # type: ignore[no-untyped-def]
    """The decision letter (see `letter.build_letter`); the read is logged with the format."""
    from stevig.decisions.letter import build_letter

    decision = access.scoped_get(
        DECISION, actor=actor, pk=decision_id, action=Action.READ, part=Part.DECISION_LETTER
    )
    log.allowed(
        actor,
        Action.READ,
        Part.DECISION_LETTER,
        [decision.resident_id],
        object_type="decision",
        object_id=decision.id,
        emergency=access.is_emergency(actor.user, decision.household_id),
        detail={"vorm": fmt},
    )
    return build_letter(decision)


# --- Worklist: deadlines are queries ---------------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    """One row on a worklist: an application waiting for its decision, a periodic contact, or a decision
    that ends within three months."""

    kind: str  # "aanvraag", "contactmoment", "einde", "voortzetten", "bezwaar", "klacht"
    due: date
    days_left: int
    title: str
    resident_id: uuid.UUID
    resident_name: str
    household_id: uuid.UUID
    object_id: uuid.UUID
    url: str

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_late(self) -> int:
        return max(0, -self.days_left)


def open_applications_for(user: User) -> QuerySet[Application]:
    return (
        applications_visible_to(user)
        .filter(status=ApplicationStatus.OPEN)
        .select_related("resident", "category")
        .order_by("due_on", "received_on", "id")
    )


def open_remedies_for(user: User) -> QuerySet[LegalRemedy]:
    """Open bezwaren and klachten with their term (Awb 7:10, 9:11), in the user's scope, earliest first."""
    return (
        LegalRemedy.objects.filter(
            municipality_id=user.municipality_id,
            status=RemedyStatus.OPEN,
            due_on__isnull=False,
            decision__in=decisions_visible_to(user),
        )
        .select_related("decision__resident", "decision__category")
        .order_by("due_on", "id")
    )


def contacts_due_for(user: User, until: date) -> QuerySet[PeriodicContact]:
    return (
        PeriodicContact.objects.filter(
            municipality_id=user.municipality_id,
            done_on__isnull=True,
            due_on__lte=until,
            decision__in=decisions_visible_to(user),
        )
        .select_related("decision__resident", "decision__category")
        .order_by("due_on", "id")
    )


def ending_soon_for(user: User, today: date, *, lifelong: bool = False) -> QuerySet[Decision]:
    """Decisions ending within WARNING_MONTHS that no later decision of the same category follows up.

    Ordinary decisions (`lifelong=False`) get the expiry warning; lifelong ones (`lifelong=True`) get
    'voortzetten zonder herindicatie' instead (kader principle 10: no re-assessment signal)."""
    follow_up = Decision.objects.filter(
        resident_id=OuterRef("resident_id"),
        category_id=OuterRef("category_id"),
        start_date__gt=OuterRef("start_date"),
    )
    return (
        decisions_visible_to(user)
        .filter(
            end_date__gte=today, end_date__lte=today + relativedelta(months=WARNING_MONTHS), lifelong=lifelong
        )
        .exclude(Exists(follow_up))
        .select_related("resident", "category")
        .order_by("end_date", "id")
    )


def decisions_due_for(user: User, *, today: date | None = None, limit: int = 50) -> list[DueItem]:
    """The worklist items of the decisions app for `user`, earliest first: open applications with their
    legal term (overdue ones first), periodic contacts due within 30 days, and decisions ending within
    three months, open bezwaren and klachten. Four queries whatever the size. Does not log: the page that shows them does."""
    if not user.is_staff_member or user.role not in FILE_ROLES:
        return []
    today = today or timezone.localdate()
    items: list[DueItem] = []
    for a in open_applications_for(user)[:limit]:
        category = a.category.name if a.category else a.get_law_display()
        items.append(
            DueItem(
                "aanvraag",
                a.due_on,
                days_left(a.due_on, today=today),
                _("Besluit nemen over de aanvraag: %(what)s") % {"what": category},
                a.resident_id,
                a.resident.full_name,
                a.household_id,
                a.id,
                reverse("decisions:household", args=[a.household_id]) + "#aanvragen",
            )
        )
    for c in contacts_due_for(user, today + timedelta(days=CONTACT_LOOKAHEAD_DAYS))[:limit]:
        items.append(
            DueItem(
                "contactmoment",
                c.due_on,
                days_left(c.due_on, today=today),
                _("Contactmoment, geen herindicatie: %(what)s") % {"what": c.decision.category.name},
                c.decision.resident_id,
                c.decision.resident.full_name,
                c.decision.household_id,
                c.id,
                reverse("decisions:detail", args=[c.decision_id]) + "#contactmomenten",
            )
        )
    for r in open_remedies_for(user)[:limit]:
        assert r.due_on is not None
        items.append(
            DueItem(
                r.kind,
                r.due_on,
                days_left(r.due_on, today=today),
                _("Beslissen op %(kind)s: %(what)s")
                % {"kind": r.get_kind_display(), "what": r.decision.category.name},
                r.decision.resident_id,
                r.decision.resident.full_name,
                r.household_id,
                r.id,
                reverse("decisions:remedy_decide", args=[r.id]),
            )
        )
    for d in ending_soon_for(user, today)[:limit]:
        assert d.end_date is not None
        items.append(
            DueItem(
                "einde",
                d.end_date,
                days_left(d.end_date, today=today),
                _("Beschikking loopt af: %(what)s") % {"what": d.category.name},
                d.resident_id,
                d.resident.full_name,
                d.household_id,
                d.id,
                reverse("decisions:detail", args=[d.id]),
            )
        )
    for d in ending_soon_for(user, today, lifelong=True)[:limit]:
        assert d.end_date is not None
        items.append(
            DueItem(
                "voortzetten",
                d.end_date,
                days_left(d.end_date, today=today),
                _("Voortzetten zonder herindicatie: %(what)s") % {"what": d.category.name},
                d.resident_id,
                d.resident.full_name,
                d.household_id,
                d.id,
                reverse("decisions:detail", args=[d.id]) + "#voortzetten",
            )
        )
    return sorted(items, key=lambda i: (i.due, i.kind, str(i.object_id)))[:limit]


def _count(qs: QuerySet) -> Coalesce:  # type: ignore[type-arg]
    grouped = qs.order_by().values("municipality_id").annotate(n=Count("id")).values("n")[:1]
    return Coalesce(Subquery(grouped), 0)


def due_counts(user: User, *, today: date | None = None) -> dict[str, int]:
    """How many worklist items of each kind wait, in one query (for the start-page panel: no names)."""
    zero = {"applications": 0, "overdue": 0, "contacts": 0, "ending": 0, "continuations": 0}
    if not user.is_staff_member or user.role not in FILE_ROLES:
        return zero
    today = today or timezone.localdate()
    applications = open_applications_for(user)
    row = (
        Municipality.objects.filter(id=user.municipality_id)
        .annotate(
            applications=_count(applications),
            overdue=_count(applications.filter(due_on__lt=today)),
            contacts=_count(contacts_due_for(user, today + timedelta(days=CONTACT_LOOKAHEAD_DAYS))),
            ending=_count(ending_soon_for(user, today)),
            continuations=_count(ending_soon_for(user, today, lifelong=True)),
        )
        .values("applications", "overdue", "contacts", "ending", "continuations")
        .first()
    )
    return {key: int(value) for key, value in row.items()} if row else zero  # type: ignore[call-overload]


def due_worklist(*, actor: Actor, today: date | None = None) -> list[DueItem]:
    """`decisions_due_for` for a person: one access-log row naming the residents shown."""
    if not actor.user.is_staff_member or actor.role not in FILE_ROLES:
        log.denied(actor, Action.SEARCH, Part.DECISIONS_WORKLIST, object_type="decision")
        raise RoleDenied(_("Deze rol heeft geen werklijst met beschikkingen."))
    items = decisions_due_for(actor.user, today=today)
    log.listed(actor, Part.DECISIONS_WORKLIST, [i.resident_id for i in items], object_type="decision")
    return items


# --- Figures for policy ----------------------------------------------------------------------------------


def figures_for(*, actor: Actor, period: Period | None = None) -> "Figures":
    """Aggregated indicators for the policy role only, for one quarter or year (this year by default), read
    from the summary tables; never an individual decision."""
    from stevig.decisions.figures import decision_figures
    from stevig.patterns.figures import Summaries
    from stevig.trajectories.figures import Figures

    if not (actor.user.is_staff_member and actor.role == Role.POLICY):
        log.denied(actor, Action.READ, Part.DECISION_FIGURES, object_type="figures")
        raise RoleDenied(_("Alleen beleid ziet deze cijfers."))
    period = period or Period(timezone.localdate().year)
    summaries = Summaries.load(actor.municipality_id, period.year)
    result = Figures(period, summaries.refreshed_at, decision_figures(summaries, period))
    log.allowed(
        actor, Action.READ, Part.DECISION_FIGURES, object_type="figures", detail={"periode": str(period)}
    )
    return result


def signatories_for(actor: Actor, on: date | None = None) -> QuerySet[Signatory]:
    """Who may sign for the college today (mandaat/volmacht register of the actor's municipality)."""
    on = on or timezone.localdate()
    return Signatory.objects.filter(municipality_id=actor.municipality_id, valid_from__lte=on).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=on)
    )


def remedy_in_scope(*, actor: Actor, remedy_id: uuid.UUID, action: Action) -> LegalRemedy:
    """A bezwaar/klacht/beroep, through its decision's scope (denied and logged like the decision)."""
    remedy = (
        LegalRemedy.objects.filter(id=remedy_id, municipality_id=actor.municipality_id)
        .select_related("decision")
        .first()
    )
    decision = access.scoped_get(
        DECISION,
        actor=actor,
        pk=remedy.decision_id if remedy else remedy_id,
        action=action,
        part=Part.OBJECTION,
    )
    assert remedy is not None
    remedy.decision = decision
    return remedy
