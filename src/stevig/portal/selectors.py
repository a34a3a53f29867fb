"""Every read of Mijn Stevig: a resident's own data, and their children's under 16 where they have gezag.

The resident is never a staff member, so the need-to-know rule of the staff side
(`people.selectors.household_scope`) does not apply: the portal's rule is `people_in_care`. Each read
writes an access-log row with the resident as actor (`portal.principal`) and the residents shown as
subjects; an attempt at someone else's plan, letter or consent writes a denied row and raises
`AccessDenied`, which the pages and the API answer with 404 (nothing is confirmed).
"""

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stevig.accounts.models import Role, User
from stevig.audit import log
from stevig.audit.models import AccessLogEntry, AccessLogSubject, Action, Outcome, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.errors import AccessDenied
from stevig.core.pagination import Page, PageRequest
from stevig.datasharing.models import Consent, Disclosure, SubjectRequest
from stevig.decisions.models import Decision
from stevig.intake.models import Question, Status
from stevig.intake.services import normalise_follow_secret
from stevig.people.models import Household, HouseholdMembership, Involvement, Resident
from stevig.people.selectors import households_visible_to
from stevig.plans.models import PlanVersion
from stevig.plans.selectors import snapshot_residents
from stevig.portal.models import ResidentMessage
from stevig.portal.principal import ROLE
from stevig.tenancy.models import Municipality

# Under 16 a child's parent with gezag acts for the child (Wgbo art. 7:450, AVG art. 8 UAVG art. 5).
CHILD_AGE_LIMIT = 16


def municipality(municipality_id: uuid.UUID) -> Municipality | None:
    return Municipality.objects.filter(id=municipality_id).first()


def resident_for_bsn(*, municipality: Municipality, bsn: str) -> Resident | None:
    """The resident DigiD named. None when the municipality has no file for this BSN."""
    if not bsn:
        return None
    return Resident.objects.filter(municipality=municipality, bsn=bsn).first()


def resident(*, municipality_id: uuid.UUID, resident_id: uuid.UUID) -> Resident | None:
    return Resident.objects.filter(municipality_id=municipality_id, id=resident_id).first()


def under_age_limit(child: Resident, today: dt.date) -> bool:
    """True until the 16th birthday (a child born on 29 February turns 16 on 1 March)."""
    try:
        birthday = child.date_of_birth.replace(year=child.date_of_birth.year + CHILD_AGE_LIMIT)
    except ValueError:
        birthday = dt.date(child.date_of_birth.year + CHILD_AGE_LIMIT, 3, 1)
    return today < birthday


def current_household(resident: Resident) -> Household | None:
    membership = (
        HouseholdMembership.objects.filter(resident=resident, end_date__isnull=True)
        .select_related("household__team")
        .first()
    )
    return membership.household if membership else None


def people_in_care(actor: Actor, resident: Resident, *, today: dt.date | None = None) -> list[Resident]:
    """The resident and the children under 16 they have gezag over, the resident first.

    Gezag comes from the BRP, asked once at DigiD login (`portal.services.gezag_at_login`, logged with
    purpose "gezag nagaan in de BRP") and kept on the actor (`ResidentPrincipal.in_gezag`): not the
    household make-up. A child counts when it has a file in this municipality, whatever household it is
    in; a parent without gezag (or whose gezag the BRP could not give) sees only their own data.
    """
    today = today or timezone.localdate()
    in_gezag = [i for i in getattr(actor.user, "in_gezag", ()) if i != resident.id]
    if not in_gezag:
        return [resident]
    children = Resident.objects.filter(municipality_id=resident.municipality_id, id__in=in_gezag).order_by(
        "date_of_birth", "id"
    )
    return [resident, *(c for c in children if under_age_limit(c, today))]


# --- the overview ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionRow:
    id: uuid.UUID
    reference: str
    about: str
    received_at: dt.datetime
    status: str
    explanation: str
    contact_due: dt.date | None


def _first_name(user: User | None) -> str:
    return (user.first_name or user.get_full_name()) if user else ""


def question_row(question: Question, *, name: str = "") -> QuestionRow:
    """A question's status in plain words (B1) for the resident."""
    contact = _first_name(question.contact_person)
    if question.status == Status.CLOSED:
        status, text = _("Afgerond"), _("Wij hebben uw vraag afgerond.")
    elif question.status == Status.CONTACTED:
        status, text = _("Wij hebben contact gehad"), _("Wij hebben met u gesproken. Wij helpen u verder.")
    elif contact:
        status = _("In behandeling")
        text = _("%(name)s van het team helpt u. Wij nemen contact met u op.") % {"name": contact}
    else:
        status, text = _("Ontvangen"), _("Wij hebben uw vraag ontvangen. Het team leest uw vraag.")
    return QuestionRow(
        id=question.id,
        reference=question.reference,
        about=name,
        received_at=question.received_at,
        status=str(status),
        explanation=str(text),
        contact_due=question.first_contact_due if question.status == Status.NEW else None,
    )


@dataclass(frozen=True)
class DecisionRow:
    decision: Decision
    about: str


@dataclass(frozen=True)
class VersionRow:
    version: PlanVersion
    goals: int


@dataclass
class Overview:
    resident: Resident
    people: list[Resident]
    household: Household | None
    contact_person: str
    team: str
    questions: list[QuestionRow] = field(default_factory=list)
    decisions: list[DecisionRow] = field(default_factory=list)
    plan_versions: list[VersionRow] = field(default_factory=list)

    @property
    def children(self) -> list[Resident]:
        return self.people[1:]


LIST_LIMIT = 50


def _names(people: list[Resident], resident: Resident) -> dict[uuid.UUID, str]:
    return {p.id: (_("u zelf") if p.id == resident.id else p.full_name) for p in people}


def _versions_for(people: list[Resident], household: Household | None) -> list[PlanVersion]:
    if household is None:
        return []
    ids = {str(p.id) for p in people}
    versions = (
        PlanVersion.objects.filter(plan__trajectory__household=household)
        .select_related("plan")
        .order_by("-agreed_on", "-number")[:LIST_LIMIT]
    )
    return [v for v in versions if ids & set(snapshot_residents(v.snapshot))]


def contact_person_of(household: Household | None) -> User | None:
    if household is None:
        return None
    involvement = (
        Involvement.objects.filter(
            household=household, kind=Involvement.Kind.CONTACT_PERSON, ended_at__isnull=True
        )
        .select_related("user")
        .order_by("-started_at")
        .first()
    )
    return involvement.user if involvement else None


def overview(*, actor: Actor, resident: Resident) -> Overview:
    """The start page of Mijn Stevig: questions, agreed plan versions and decisions of the resident and
    the children in their care. A fixed number of queries; one access-log row per part shown."""
    people = people_in_care(actor, resident)
    names = _names(people, resident)
    ids = list(names)
    household = current_household(resident)
    contact = contact_person_of(household)
    questions = (
        Question.objects.filter(municipality_id=resident.municipality_id, resident_id__in=ids)
        .select_related("contact_person")
        .order_by("-received_at")[:LIST_LIMIT]
    )
    decisions = (
        Decision.objects.filter(
            municipality_id=resident.municipality_id, resident_id__in=ids, sent_on__isnull=False
        )
        .select_related("category")
        .order_by("-decided_on", "id")[:LIST_LIMIT]
    )
    result = Overview(
        resident=resident,
        people=people,
        household=household,
        contact_person=contact.get_full_name() if contact else "",
        team=household.team.name if household and household.team else "",
        questions=[question_row(q, name=names.get(q.resident_id, "")) for q in questions],  # type: ignore[arg-type]
        decisions=[DecisionRow(d, names.get(d.resident_id, "")) for d in decisions],
        plan_versions=[
            VersionRow(v, len(v.snapshot.get("goals", []))) for v in _versions_for(people, household)
        ],
    )
    log.listed(actor, Part.QUESTIONS, ids, action=Action.READ, detail={"mijn_stevig": "overzicht"})
    log.listed(actor, Part.DECISIONS, ids, action=Action.READ, detail={"mijn_stevig": "overzicht"})
    log.listed(actor, Part.PLAN_VERSION, ids, action=Action.READ, detail={"mijn_stevig": "overzicht"})
    return result


# --- one plan version, one letter ------------------------------------------------------------------------


def _refuse(actor: Actor, action: Action, part: Part, object_type: str, object_id: Any) -> AccessDenied:
    log.denied(actor, action, part, object_type=object_type, object_id=object_id)
    return AccessDenied(_("Dit hoort niet bij uw gegevens."))


def plan_version(*, actor: Actor, resident: Resident, version_id: uuid.UUID) -> PlanVersion:
    """One agreed plan version, for reading and printing, when it is about the resident or their child."""
    household = current_household(resident)
    version = next(
        (v for v in _versions_for(people_in_care(actor, resident), household) if v.id == version_id), None
    )
    if version is None:
        raise _refuse(actor, Action.READ, Part.PLAN_VERSION, "plan_version", version_id)
    log.allowed(
        actor,
        Action.READ,
        Part.PLAN_VERSION,
        [uuid.UUID(r) for r in snapshot_residents(version.snapshot)],
        object_type="plan_version",
        object_id=version.id,
    )
    return version


def decision_letter(*, actor: Actor, resident: Resident, decision_id: uuid.UUID):  # type: ignore[no-untyped-def]
    """The letter of a sent decision about the resident or their child (`decisions.letter`)."""
    from stevig.decisions.letter import build_letter

    ids = [p.id for p in people_in_care(actor, resident)]
    decision = (
        Decision.objects.filter(
            municipality_id=resident.municipality_id,
            id=decision_id,
            resident_id__in=ids,
            sent_on__isnull=False,
        )
        .select_related("resident", "category", "household__municipality", "signatory")
        .first()
    )
    if decision is None:
        raise _refuse(actor, Action.READ, Part.DECISION_LETTER, "decision", decision_id)
    log.allowed(
        actor,
        Action.READ,
        Part.DECISION_LETTER,
        [decision.resident_id],
        object_type="decision",
        object_id=decision.id,
        detail={"vorm": "html"},
    )
    return build_letter(decision)


# --- the data-sharing register ---------------------------------------------------------------------------


@dataclass
class Sharing:
    people: list[Resident]
    disclosures: list[Disclosure]
    consents: list[Consent]
    has_more: bool


def sharing(*, actor: Actor, resident: Resident, limit: int = LIST_LIMIT) -> Sharing:
    """What was shared about the resident and their children (newest first) and their consents."""
    people = people_in_care(actor, resident)
    ids = [p.id for p in people]
    disclosures = list(
        Disclosure.objects.filter(municipality_id=resident.municipality_id, residents__in=ids)
        .distinct()
        .order_by("-disclosed_on", "-created_at", "id")[: limit + 1]
    )
    consents = list(
        Consent.objects.filter(municipality_id=resident.municipality_id, resident_id__in=ids)
        .select_related("resident")
        .order_by("-given_on", "-created_at", "id")
    )
    log.listed(actor, Part.DATA_SHARING, ids, action=Action.READ, detail={"mijn_stevig": "delen"})
    return Sharing(people, disclosures[:limit], consents, len(disclosures) > limit)


def own_subject_requests(
    *, actor: Actor, resident: Resident, limit: int = LIST_LIMIT
) -> list[SubjectRequest]:
    """The AVG art. 16/18 requests about the resident and their children, newest first (logged)."""
    ids = [p.id for p in people_in_care(actor, resident)]
    rows = list(
        SubjectRequest.objects.filter(municipality_id=resident.municipality_id, resident_id__in=ids)
        .select_related("resident")
        .prefetch_related("rectifications")  # AVG art. 16: what a granted request corrected
        .order_by("-received_on", "-created_at", "id")[:limit]
    )
    log.listed(actor, Part.SUBJECT_REQUEST, ids, action=Action.READ, detail={"mijn_stevig": "verzoeken"})
    return rows


def own_consent(*, actor: Actor, resident: Resident, consent_id: uuid.UUID, action: Action) -> Consent:
    """A consent of the resident or their child, for withdrawing; another's is refused (logged)."""
    ids = [p.id for p in people_in_care(actor, resident)]
    consent = Consent.objects.filter(
        municipality_id=resident.municipality_id, id=consent_id, resident_id__in=ids
    ).first()
    if consent is None:
        raise _refuse(actor, action, Part.CONSENT, "consent", consent_id)
    return consent


# --- who looked ------------------------------------------------------------------------------------------

# The purpose a staff member's row carries, in the resident's words.
PURPOSES = {
    "ondersteuning": gettext_lazy("om u te helpen"),
    "beleid": gettext_lazy("voor cijfers over de wijk, zonder uw naam"),
    "inrichting": gettext_lazy("om de computer goed in te stellen"),
}


@dataclass(frozen=True)
class LookRow:
    when: dt.datetime
    role: str
    team: str
    what: str
    why: str
    refused: bool
    emergency: bool


def _role_words(code: str) -> str:
    try:
        return str(Role(code).label)
    except ValueError:
        return _("iemand van de gemeente")


def _why(entry: AccessLogEntry) -> str:
    if entry.emergency:
        return str(_("in een noodgeval, zonder de gewone toestemming"))
    return str(PURPOSES.get(entry.purpose, entry.purpose or _("om u te helpen")))


def who_looked(*, actor: Actor, resident: Resident, request: PageRequest) -> Page[LookRow]:
    """Who looked at the file of the resident and their children: role, team, when, what and why, in plain
    words. No usernames, no addresses. The resident's own reads are left out. Keyset pages (the log grows
    without bound), a fixed number of queries."""
    people = people_in_care(actor, resident)
    ids = [p.id for p in people]
    code = resident.municipality.code
    rows: QuerySet[AccessLogEntry] = (
        AccessLogEntry.objects.filter(
            municipality_code=code,
            id__in=AccessLogSubject.objects.filter(municipality_code=code, resident_id__in=ids).values(
                "entry_id"
            ),
        )
        .exclude(role=ROLE)
        .only("id", "timestamp", "user_id", "role", "part", "action", "outcome", "purpose", "emergency")
    )
    page = request.page(rows, keyset=("-timestamp", "-id"))
    entries: list[AccessLogEntry] = page.rows
    teams = dict(
        User.objects.filter(id__in={e.user_id for e in entries if e.user_id}).values_list("id", "team__name")
    )
    page.rows = [
        LookRow(
            when=e.timestamp,
            role=_role_words(e.role),
            team=(teams.get(e.user_id) if e.user_id else "") or "",
            what=f"{e.get_part_display()} ({e.get_action_display()})",
            why=_why(e),
            refused=e.outcome == Outcome.DENIED,
            emergency=e.emergency,
        )
        for e in entries
    ]
    log.listed(
        actor,
        Part.ACCESS_LOG,
        ids,
        action=Action.READ,
        detail={"mijn_stevig": "wie keek", "pagina": page.number},
    )
    return page


# --- messages ---

MESSAGE = access.Kind(
    ResidentMessage,
    "resident_message",
    visible=lambda user: ResidentMessage.objects.filter(
        municipality_id=user.municipality_id, household__in=households_visible_to(user)
    ),
    residents=lambda pk: ResidentMessage.objects.filter(id=pk).values_list("resident_id", flat=True),
    url_kwarg="message_id",
    related=("resident", "household", "to_user", "read_by"),
    roles=access.FILE_ROLES,
    part=Part.CONTACT,
)


def message_for_staff(
    *, actor: Actor, message_id: uuid.UUID, action: Action = Action.READ
) -> ResidentMessage:
    """A resident's message, for a staff member who may open the household (need-to-know). A read is logged."""
    message = access.scoped_get(MESSAGE, actor=actor, pk=message_id, action=action, part=Part.CONTACT)
    if action == Action.READ:
        log.allowed(
            actor,
            Action.READ,
            Part.CONTACT,
            [message.resident_id],
            object_type="resident_message",
            object_id=message.id,
            emergency=access.is_emergency(actor.user, message.household_id),
        )
    return message


def sent_messages(*, resident: Resident, limit: int = 10) -> list[ResidentMessage]:
    """The resident's own last messages (their own words: no access-log row)."""
    return list(ResidentMessage.objects.filter(resident=resident).order_by("-sent_at")[:limit])


def messages_for_worklist(
    *, households: QuerySet[Household], user: Any, mine: bool, limit: int
) -> list[ResidentMessage]:
    rows = ResidentMessage.objects.filter(household__in=households, read_at__isnull=True)
    if mine:
        rows = rows.filter(Q(to_user=user) | Q(to_user__isnull=True, household__team_id=user.team_id))
    return list(rows.select_related("resident").order_by("sent_at")[:limit])


# --- following one question with its codes ---------------------------------------------------------------


def question_by_codes(*, actor: Actor, reference: str, secret: str) -> Question | None:
    """The question with this reference and secret code, or None: a wrong code and an unknown reference
    are answered alike, and the secret is hashed in both cases, so the time taken tells nothing. A refusal
    is logged (with the question when the reference exists)."""
    reference = (reference or "").strip().upper()[:12]
    question = (
        Question.objects.filter(municipality_id=actor.municipality_id, reference=reference)
        .only("id", "resident_id", "follow_secret_hash")
        .first()
    )
    typed = normalise_follow_secret(secret)
    if question is not None and question.follow_secret_hash:
        if check_password(typed, question.follow_secret_hash):
            return question
    else:
        make_password(typed)  # the same work as a real check
    log.denied(
        actor,
        Action.READ,
        Part.QUESTION,
        [question.resident_id] if question is not None and question.resident_id else [],
        object_type="question",
        object_id=question.id if question is not None else "",
        detail={"mijn_stevig": "volgen met code", "kenmerk": reference},
    )
    return None


def followed_question(
    *, actor: Actor, municipality: Municipality, question_id: uuid.UUID
) -> QuestionRow | None:
    """The one question a resident opened with its codes: status and dates, never the text. Logged."""
    question = (
        Question.objects.filter(municipality=municipality, id=question_id)
        .select_related("contact_person")
        .first()
    )
    if question is None:
        return None
    log.allowed(
        actor,
        Action.READ,
        Part.QUESTION,
        [question.resident_id] if question.resident_id else [],
        object_type="question",
        object_id=question.id,
        detail={"mijn_stevig": "volgen met code"},
    )
    return question_row(question)
