"""Every write in intake. One business operation per function, in one transaction, with its access-log row.

Legal due dates are computed here from the legal calendar (Algemene termijnenwet) when a question is
registered or its kind changes, and stored, so worklists are plain indexed queries.
"""

import secrets
import uuid
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.accounts.models import Role, User
from stevig.audit import log
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.errors import AccessDenied, RoleDenied
from stevig.core.versioning import save_if_unchanged
from stevig.intake.models import (
    PRIORITY_RANK,
    AboutWhom,
    Channel,
    ContactMethod,
    ContactPersonAssignment,
    FirstContact,
    Kind,
    LegalDeadline,
    Priority,
    Question,
    Status,
    Triage,
)
from stevig.intake.selectors import QUESTION, question_residents, questions_visible_to
from stevig.intake.validators import normalise_phone, validate_phone, validate_question_text
from stevig.legalcalendar.calendar import add_working_days
from stevig.legalcalendar.clocks import Clock, deadline
from stevig.people.models import HouseholdMembership, Involvement
from stevig.people.selectors import FILE_ROLES, HOUSEHOLD, households_visible_to, residents_visible_to
from stevig.people.services import create_household
from stevig.people.validators import normalise_postcode, validate_postcode
from stevig.tenancy.models import Location, Municipality, Neighbourhood, PostcodeArea, Team

P = ParamSpec("P")
R = TypeVar("R")

# Reference codes avoid characters that are easily confused when read aloud or typed (0/O, 1/I/L).
# A question registered afterwards is dated on the day it came in, but not before 2000: an older date is a
# typing error, and before 1835 Amsterdam time had an offset in seconds that no date-time format carries.
EARLIEST_RECEIVED_ON = date(2000, 1, 1)
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def first_contact_working_days() -> int:
    """The setting FIRST_CONTACT_WORKING_DAYS (env STEVIG_FIRST_CONTACT_WORKING_DAYS, default 5)."""
    return int(settings.FIRST_CONTACT_WORKING_DAYS)


def new_reference() -> str:
    """An unguessable code like HV-7K3Q-9D (31^6 ≈ 887 million combinations, from `secrets`)."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))
    return f"HV-{chars[:4]}-{chars[4:]}"


def issue_follow_secret(*, question: Question) -> str:
    """Give a public question its secret code (like K7PM-Q2XR-9HTD, 31^12 combinations) and return it.

    Only its hash is stored: the confirmation page shows the code once. With the reference code it opens
    this one question in Mijn Stevig for a resident without DigiD (`portal.selectors.followed_question`).
    Issuing again replaces the old code. The resident's own act: no access-log row."""
    secret = new_follow_secret()
    with transaction.atomic():
        Question.objects.filter(id=question.id).update(
            follow_secret_hash=make_password(normalise_follow_secret(secret))
        )
    return secret


def new_follow_secret() -> str:
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return f"{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def normalise_follow_secret(value: str) -> str:
    """As typed by a person: case, spaces and dashes do not matter."""
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())[:40]


def clocks_for(kind: str, *, eviction_or_cutoff_threat: bool) -> list[Any]:
    """Which legal clocks a question of this kind starts."""
    if kind == Kind.WMO:
        return [Clock.WMO_RECEIPT, Clock.WMO_PERSOONLIJK_PLAN, Clock.WMO_ONDERZOEK]
    if kind == Kind.WGS:
        # Wgs art. 4a lid 2: the 3-working-day term only for a question classed as debt help.
        return [Clock.WGS_EERSTE_GESPREK_SPOED if eviction_or_cutoff_threat else Clock.WGS_EERSTE_GESPREK]
    # Jeugdwet and Participatiewet: the decision term runs from the aanvraag (Awb 4:13), not from a question.
    # Those clocks start when the aanvraag is registered in the decisions app.
    return []


# Clocks that the first contact itself satisfies: the receipt of a Wmo melding is confirmed in that
# contact, and for debt help the first contact is the first conversation.
MET_BY_FIRST_CONTACT = {"WMO_RECEIPT", "WGS_EERSTE_GESPREK", "WGS_EERSTE_GESPREK_SPOED"}
# Wgs art. 4a: the first conversation (eerste gesprek) is a conversation. An e-mail confirms receipt but
# is no conversation, so it does not meet the Wgs clocks.
NOT_A_CONVERSATION = {FirstContact.ContactChannel.EMAIL.value}
WGS_CONVERSATION_CLOCKS = {"WGS_EERSTE_GESPREK", "WGS_EERSTE_GESPREK_SPOED"}


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _first_contact_due(received: date, *, anonymous: bool, urgent: bool) -> date | None:
    if anonymous:
        return None
    return add_working_days(received, 3 if urgent else first_contact_working_days())


def _start_clocks(question: Question, *, receipt_confirmed_at: datetime | None = None) -> list[LegalDeadline]:
    start = _local_date(question.received_at)
    rows = []
    for clock in clocks_for(question.kind, eviction_or_cutoff_threat=question.eviction_or_cutoff_threat):
        rows.append(
            LegalDeadline(
                municipality_id=question.municipality_id,
                question=question,
                clock=clock.name,
                start_date=start,
                due_date=deadline(clock, start),
                met_at=receipt_confirmed_at if clock.name == "WMO_RECEIPT" else None,
            )
        )
    return LegalDeadline.objects.bulk_create(rows)


def _place_for(municipality_id: uuid.UUID, postcode: str) -> tuple[Neighbourhood | None, Team | None]:
    """Neighbourhood from the postcode digits, team from the neighbourhood (first by name)."""
    if not postcode:
        return None, None
    area = (
        PostcodeArea.objects.filter(municipality_id=municipality_id, postcode_digits=postcode[:4])
        .select_related("neighbourhood")
        .first()
    )
    if area is None:
        return None, None
    return area.neighbourhood, area.neighbourhood.teams.order_by("name").first()


def fallback_team(municipality_id: uuid.UUID) -> Team:
    """The team that receives questions whose neighbourhood is unknown: the setting
    INTAKE_FALLBACK_TEAM (env STEVIG_INTAKE_FALLBACK_TEAM, a team name) or else the first team by name."""
    teams = Team.objects.filter(municipality_id=municipality_id).order_by("name")
    name = settings.INTAKE_FALLBACK_TEAM
    team = (teams.filter(name=name).first() if name else None) or teams.first()
    if team is None:
        raise ValidationError({"team": _("Deze gemeente heeft nog geen team. Vraag het de beheerder.")})
    return team


def _create_question(**fields: Any) -> Question:
    """Insert with a fresh reference code; retry on the (astronomically rare) collision."""
    for _attempt in range(5):
        question = Question(reference=new_reference(), **fields)
        try:
            with transaction.atomic():
                question.save(force_insert=True)
            return question
        except IntegrityError:
            if Question.objects.filter(
                municipality_id=fields["municipality_id"], idempotency_key=fields["idempotency_key"]
            ).exists():
                raise
    raise RuntimeError("Could not generate a unique reference code.")


def _clean_contact(contact_methods: Iterable[str], phone: str, email: str, postcode: str) -> dict[str, Any]:
    errors: dict[str, str] = {}
    methods = [m for m in contact_methods if m in ContactMethod.values]
    phone = normalise_phone(phone)
    try:
        validate_phone(phone)
    except ValidationError as exc:
        errors["phone"] = exc.messages[0]
    if postcode:
        try:
            validate_postcode(postcode)
        except ValidationError as exc:
            errors["postcode"] = exc.messages[0]
    if ContactMethod.PHONE in methods and not phone and "phone" not in errors:
        errors["phone"] = _("U wilt gebeld worden. Vul dan uw telefoonnummer in.")
    if ContactMethod.EMAIL in methods and not email:
        errors["email"] = _("U wilt een e-mail. Vul dan uw e-mailadres in.")
    if errors:
        raise ValidationError(errors)
    return {
        "contact_methods": methods,
        "phone": phone,
        "email": email,
        "postcode": normalise_postcode(postcode) if postcode else "",
    }


@transaction.atomic
def submit_public_question(
    *,
    municipality: Municipality,
    text: str,
    about_whom: str = AboutWhom.SELF,
    topic: str = "",
    eviction_or_cutoff_threat: bool = False,
    contact_methods: Iterable[str] = (),
    contact_when: str = "",
    name: str = "",
    phone: str = "",
    email: str = "",
    postcode: str = "",
    idempotency_key: str,
) -> tuple[Question, bool]:
    """A resident asks a question on the public page (no account). Returns (question, created).

    The same idempotency key returns the question made the first time (double click, retry). Nothing in
    the answer depends on whether the person is known: a public question is never matched to a file.
    There is no staff actor, so no access-log row: the resident's own act is not an access to a file.
    An anonymous question (no phone, e-mail) gets advice only: no clocks, no first-contact date.
    """
    existing = Question.objects.filter(municipality=municipality, idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing, False
    try:
        validate_question_text(text)
    except ValidationError as exc:
        raise ValidationError({"text": exc.messages}) from exc
    contact = _clean_contact(contact_methods, phone, email, postcode)
    if topic and topic not in Kind.values:
        raise ValidationError({"topic": _("Kies een onderwerp uit de lijst.")})
    anonymous = not (contact["phone"] or contact["email"])
    neighbourhood, team = _place_for(municipality.id, contact["postcode"])
    now = timezone.now()
    threat = bool(eviction_or_cutoff_threat)
    kind = Kind.GENERAL if anonymous or not topic else topic
    if threat and not anonymous and not topic:
        # Eviction or cut-off is a debt-help ground (Wgs art. 4a lid 2): the resident who ticks it gets
        # the urgent promise whatever topic she chose, and the question arrives as spoed.
        kind = Kind.WGS
    urgent = threat and not anonymous
    try:
        question = _create_question(
            municipality_id=municipality.id,
            text=text,
            about_whom=about_whom,
            kind=kind,
            resident_topic=topic,
            channel=Channel.ONLINE,
            contact_when=contact_when.strip(),
            name=name.strip(),
            neighbourhood=neighbourhood,
            team=team or fallback_team(municipality.id),
            received_at=now,
            first_contact_due=_first_contact_due(_local_date(now), anonymous=anonymous, urgent=urgent),
            eviction_or_cutoff_threat=threat,
            idempotency_key=idempotency_key,
            **(
                {"priority": Priority.URGENT, "priority_rank": PRIORITY_RANK[Priority.URGENT]}
                if urgent
                else {}
            ),
            **contact,
        )
    except IntegrityError:
        # A concurrent request with the same key won the race: answer with its question.
        return Question.objects.get(municipality=municipality, idempotency_key=idempotency_key), False
    # The confirmation page (with the reference code) is the confirmation of receipt.
    _start_clocks(question, receipt_confirmed_at=now)
    return question, True


def _check_file_role(actor: Actor, *, action: Action, part: Part, object_id: Any = "") -> None:
    if actor.role not in FILE_ROLES:
        log.denied(actor, action, part, object_type="question", object_id=object_id)
        raise AccessDenied("Deze rol werkt niet met hulpvragen.")


def register_question(*, actor: Actor, household_id: uuid.UUID | None = None, **fields: Any) -> Question:
    """A professional registers a question from any channel, optionally linked to a (new) household.

    Scope checks (and their denied rows) run before the transaction; see `_register_question`.
    """
    _check_file_role(actor, action=Action.CREATE, part=Part.QUESTION)
    if household_id and not households_visible_to(actor.user).filter(id=household_id).exists():
        raise access.deny(HOUSEHOLD, actor=actor, pk=household_id, action=Action.UPDATE, part=Part.QUESTION)
    key = fields.get("idempotency_key")
    existing = (
        Question.objects.filter(municipality_id=actor.municipality_id, idempotency_key=key).first()
        if key
        else None
    )
    if existing is not None:
        if not questions_visible_to(actor.user).filter(id=existing.id).exists():
            raise access.deny(QUESTION, actor=actor, pk=existing.id, action=Action.CREATE, part=Part.QUESTION)
        return existing
    with transaction.atomic():
        return _register_question(actor=actor, household_id=household_id, **fields)


def _register_question(
    *,
    actor: Actor,
    text: str,
    channel: str,
    kind: str = Kind.GENERAL,
    about_whom: str = AboutWhom.SELF,
    received_on: date | None = None,
    location_id: uuid.UUID | None = None,
    referrer: str = "",
    contact_methods: Iterable[str] = (),
    contact_when: str = "",
    name: str = "",
    phone: str = "",
    email: str = "",
    postcode: str = "",
    eviction_or_cutoff_threat: bool = False,
    household_id: uuid.UUID | None = None,
    resident_id: uuid.UUID | None = None,
    new_household: dict[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> Question:
    """A professional registers a question from any channel, optionally linked to a (new) household.

    The kind starts the legal clocks from the date the question was received.
    """
    municipality_id = actor.municipality_id
    key = idempotency_key or uuid.uuid4().hex
    errors: dict[str, Any] = {}
    try:
        validate_question_text(text)
    except ValidationError as exc:
        errors["text"] = exc.messages
    if channel not in Channel.values:
        errors["channel"] = [_("Kies een kanaal uit de lijst.")]
    if kind not in Kind.values:
        errors["kind"] = [_("Kies een soort vraag uit de lijst.")]
    today = timezone.localdate()
    received_on = received_on or today
    if received_on > today:
        errors["received_on"] = [_("Deze datum ligt in de toekomst.")]
    elif received_on < EARLIEST_RECEIVED_ON:
        errors["received_on"] = [_("Deze datum ligt te ver terug: kies een datum vanaf 1 januari 2000.")]
    location = None
    if location_id:
        location = Location.objects.filter(id=location_id, municipality_id=municipality_id).first()
        if location is None:
            errors["location"] = [_("Kies een locatie uit de lijst.")]
    elif channel == Channel.WALK_IN:
        errors["location"] = [_("Kies de locatie waar de inwoner binnenliep.")]
    try:
        contact = _clean_contact(contact_methods, phone, email, postcode)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        contact = {}
    if errors:
        raise ValidationError(errors)

    household = None
    resident = None
    if household_id:
        household = households_visible_to(actor.user).filter(id=household_id).first()
        if household is None:  # checked before the transaction; only a concurrent change gets here
            raise AccessDenied("Geen toegang tot dit huishouden.")
    elif new_household:
        data = dict(new_household)
        household, resident = create_household(actor=actor, first_member=data.pop("first_member"), **data)
    if resident_id:
        resident = residents_visible_to(actor.user).filter(id=resident_id).first()
        member_of = HouseholdMembership.objects.filter(resident_id=resident_id, end_date__isnull=True).first()
        if resident is None or (
            household is not None and (member_of is None or member_of.household_id != household.id)
        ):
            raise ValidationError({"resident": _("Deze inwoner hoort niet bij dit huishouden.")})
        if household is None and member_of is not None:
            household = households_visible_to(actor.user).filter(id=member_of.household_id).first()

    postcode_for_place = contact["postcode"] or (household.postcode if household else "")
    neighbourhood, team = _place_for(municipality_id, postcode_for_place)
    if household is not None and household.neighbourhood_id:
        neighbourhood = household.neighbourhood
    team = actor.user.team or team or fallback_team(municipality_id)
    if household is not None and household.team_id:
        team = household.team
    received_at = (
        timezone.now()
        if received_on == today
        else timezone.make_aware(datetime.combine(received_on, datetime.min.time().replace(hour=9)))
    )
    threat = bool(eviction_or_cutoff_threat)
    anonymous = not (contact["phone"] or contact["email"] or household)
    question = _create_question(
        municipality_id=municipality_id,
        text=text,
        about_whom=about_whom,
        kind=kind,
        channel=channel,
        location=location,
        referrer=referrer.strip(),
        contact_when=contact_when.strip(),
        name=name.strip(),
        neighbourhood=neighbourhood,
        team=team,
        household=household,
        resident=resident,
        received_at=received_at,
        first_contact_due=_first_contact_due(
            received_on, anonymous=anonymous, urgent=threat and kind == Kind.WGS
        ),
        eviction_or_cutoff_threat=threat,
        idempotency_key=key,
        registered_by=actor.user,
        **contact,
    )
    _start_clocks(question)
    log.allowed(
        actor,
        Action.CREATE,
        Part.QUESTION,
        question_residents(question),
        object_type="question",
        object_id=question.id,
        detail={"kanaal": channel, "soort": kind},
    )
    return question


def _check_question(actor: Actor, question_id: uuid.UUID, *, action: Action, part: Part) -> None:
    access.scoped_get(QUESTION, actor=actor, pk=question_id, action=action, part=part)


def _check_team_lead(actor: Actor, question_id: uuid.UUID, *, action: Action, part: Part) -> None:
    _check_question(actor, question_id, action=action, part=part)
    question = Question.objects.get(id=question_id)
    if actor.role != Role.TEAM_LEAD or actor.user.team_id != question.team_id:
        log.denied(
            actor, action, part, question_residents(question), object_type="question", object_id=question.id
        )
        raise AccessDenied("Alleen de teamleider van het team wijst een vast aanspreekpunt aan.")


def question_service(
    *, action: Action, part: Part, check: Callable[..., None] = _check_question
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A write on one question. The scope check (and its denied row in the access log) runs before the
    transaction, so a refusal does not roll back its own log row; the operation runs in one transaction."""

    def decorator(func: Callable[P, R]) -> Callable[P, R]:
        @wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            actor = kwargs["actor"]
            assert isinstance(actor, Actor)
            question_id = kwargs["question_id"]
            assert isinstance(question_id, uuid.UUID)
            check(actor, question_id, action=action, part=part)
            with transaction.atomic():
                return func(*args, **kwargs)

        return wrapper

    return decorator


def _log_write(
    actor: Actor,
    question: Question,
    part: Part,
    detail: dict[str, Any] | None = None,
    action: Action = Action.UPDATE,
) -> None:
    log.allowed(
        actor,
        action,
        part,
        question_residents(question),
        object_type="question",
        object_id=question.id,
        detail=detail,
    )


@question_service(action=Action.UPDATE, part=Part.QUESTION_KIND)
def classify_question(
    *, actor: Actor, question_id: uuid.UUID, kind: str, eviction_or_cutoff_threat: bool, expected_version: int
) -> Question:
    """Set the kind of question. Open deadlines of the old kind lapse; the new kind's clocks start from
    the date the question was received (a Wmo melding counts from its receipt, not from the reclassification)."""
    question = access.scoped_get(
        QUESTION, actor=actor, pk=question_id, action=Action.UPDATE, part=Part.QUESTION_KIND, for_update=True
    )
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Kies een soort vraag uit de lijst.")})
    threat = bool(eviction_or_cutoff_threat)
    old_clocks = {
        c.name
        for c in clocks_for(question.kind, eviction_or_cutoff_threat=question.eviction_or_cutoff_threat)
    }
    new_clocks = {c.name for c in clocks_for(kind, eviction_or_cutoff_threat=threat)}
    fields: dict[str, Any] = {"kind": kind, "eviction_or_cutoff_threat": threat}
    if question.first_contact_due and question.status == Status.NEW and threat and kind == Kind.WGS:
        urgent_due = _first_contact_due(_local_date(question.received_at), anonymous=False, urgent=True)
        if urgent_due and urgent_due < question.first_contact_due:
            fields["first_contact_due"] = urgent_due
    save_if_unchanged(question, expected_version=expected_version, fields=fields)
    now = timezone.now()
    LegalDeadline.objects.filter(
        question=question, met_at__isnull=True, cancelled_at__isnull=True, clock__in=old_clocks - new_clocks
    ).update(cancelled_at=now)
    existing = set(
        LegalDeadline.objects.filter(question=question, cancelled_at__isnull=True).values_list(
            "clock", flat=True
        )
    )
    start = _local_date(question.received_at)
    LegalDeadline.objects.bulk_create(
        [
            LegalDeadline(
                municipality_id=question.municipality_id,
                question=question,
                clock=clock.name,
                start_date=start,
                due_date=deadline(clock, start),
            )
            for clock in clocks_for(kind, eviction_or_cutoff_threat=threat)
            if clock.name not in existing
        ]
    )
    _log_write(actor, question, Part.QUESTION_KIND, {"soort": kind})
    return question


@question_service(action=Action.CREATE, part=Part.FIRST_CONTACT)
def record_first_contact(
    *,
    actor: Actor,
    question_id: uuid.UUID,
    contact_date: date,
    channel: str,
    clientondersteuning_offered: bool | None,
    clientondersteuning_accepted: str = FirstContact.Accepted.UNKNOWN,
    note: str = "",
) -> FirstContact:
    """Record the first contact. Whether free cliëntondersteuning was offered must be answered; when it
    was not offered the note must say why."""
    question = access.scoped_get(
        QUESTION, actor=actor, pk=question_id, action=Action.CREATE, part=Part.FIRST_CONTACT, for_update=True
    )
    errors: dict[str, str] = {}
    if clientondersteuning_offered is None:
        errors["clientondersteuning_offered"] = _(
            "Geef aan of u gratis cliëntondersteuning heeft aangeboden."
        )
    elif not clientondersteuning_offered and not note.strip():
        errors["note"] = _("Cliëntondersteuning is niet aangeboden. Schrijf op waarom.")
    if clientondersteuning_accepted not in FirstContact.Accepted.values:
        errors["clientondersteuning_accepted"] = _("Kies ja, nee of weet ik nog niet.")
    if clientondersteuning_offered is False and clientondersteuning_accepted == FirstContact.Accepted.YES:
        errors["clientondersteuning_accepted"] = _("Het kan niet zijn aangenomen als het niet is aangeboden.")
    if channel not in FirstContact.ContactChannel.values:
        errors["channel"] = _("Kies hoe het contact was.")
    if contact_date > timezone.localdate():
        errors["contact_date"] = _("Deze datum ligt in de toekomst.")
    elif contact_date < _local_date(question.received_at):
        errors["contact_date"] = _("Deze datum ligt voor de dag waarop de vraag binnenkwam.")
    if FirstContact.objects.filter(question=question).exists():
        errors["question"] = _("Het eerste contact is al vastgelegd.")
    if errors:
        raise ValidationError(errors)
    contact = FirstContact.objects.create(
        municipality_id=question.municipality_id,
        question=question,
        contact_date=contact_date,
        channel=channel,
        by=actor.user,
        clientondersteuning_offered=bool(clientondersteuning_offered),
        clientondersteuning_accepted=clientondersteuning_accepted,
        note=note.strip(),
    )
    Question.objects.filter(id=question.id).update(status=Status.CONTACTED, updated_at=timezone.now())
    question.status = Status.CONTACTED
    met = (
        MET_BY_FIRST_CONTACT - WGS_CONVERSATION_CLOCKS
        if channel in NOT_A_CONVERSATION
        else MET_BY_FIRST_CONTACT
    )
    LegalDeadline.objects.filter(
        question=question, met_at__isnull=True, cancelled_at__isnull=True, clock__in=met
    ).update(met_at=timezone.now(), met_by=actor.user)
    _log_write(
        actor,
        question,
        Part.FIRST_CONTACT,
        {"cliëntondersteuning_aangeboden": contact.clientondersteuning_offered},
        action=Action.CREATE,
    )
    return contact


@question_service(action=Action.UPDATE, part=Part.TRIAGE)
def triage_question(*, actor: Actor, question_id: uuid.UUID, priority: str, reason: str) -> Triage:
    """Set the priority with a written reason (principle 13). Earlier assessments stay as history."""
    question = access.scoped_get(
        QUESTION, actor=actor, pk=question_id, action=Action.UPDATE, part=Part.TRIAGE, for_update=True
    )
    errors = {}
    if priority not in Priority.values:
        errors["priority"] = _("Kies spoed, hoog of normaal.")
    if len((reason or "").strip()) < 10:
        errors["reason"] = _("Schrijf op waarom u deze prioriteit kiest (minstens 10 tekens).")
    if errors:
        raise ValidationError(errors)
    triage = Triage.objects.create(
        municipality_id=question.municipality_id,
        question=question,
        priority=priority,
        reason=reason.strip(),
        by=actor.user,
    )
    Question.objects.filter(id=question.id).update(
        priority=priority, priority_rank=PRIORITY_RANK[Priority(priority)], updated_at=timezone.now()
    )
    _log_write(actor, question, Part.TRIAGE, {"prioriteit": priority})
    return triage


def _open_involvement(question: Question, user: User) -> Involvement | None:
    if question.household_id is None:
        return None
    return Involvement.objects.create(
        municipality_id=question.municipality_id,
        household_id=question.household_id,
        user=user,
        kind=Involvement.Kind.CONTACT_PERSON,
    )


@question_service(action=Action.UPDATE, part=Part.CONTACT_PERSON, check=_check_team_lead)
def assign_contact_person(
    *, actor: Actor, question_id: uuid.UUID, user_id: uuid.UUID, reason: str = ""
) -> ContactPersonAssignment:
    """The teamleider of the question's team assigns a vast aanspreekpunt. A reassignment ends the current
    assignment (and the household involvement it opened); the ended rows are the history."""
    question = access.scoped_get(
        QUESTION, actor=actor, pk=question_id, action=Action.UPDATE, part=Part.CONTACT_PERSON, for_update=True
    )
    assignee = User.objects.filter(
        id=user_id, municipality_id=question.municipality_id, is_active=True, role__in=list(FILE_ROLES)
    ).first()
    if assignee is None:
        raise ValidationError({"user": _("Kies een medewerker van deze gemeente.")})
    if assignee.id == question.contact_person_id:
        raise ValidationError({"user": _("Deze medewerker is al het vaste aanspreekpunt.")})
    return make_contact_person(actor=actor, question=question, assignee=assignee, reason=reason)


def make_contact_person(
    *, actor: Actor, question: Question, assignee: User, reason: str = "", open_involvement: bool = True
) -> ContactPersonAssignment:
    """Make `assignee` the question's vast aanspreekpunt, ending the current assignment, and log it.

    A step inside a service that already checked scope and holds the question row (assigning, picking up,
    opening a trajectory from the question): it runs in the caller's transaction. `open_involvement=False`
    when the caller already made the assignee involved in the household (a trajectory's contact person)."""
    now = timezone.now()
    current = ContactPersonAssignment.objects.filter(question=question, ended_at__isnull=True).first()
    if current is not None:
        current.ended_at = now
        current.save(update_fields=["ended_at", "updated_at"])
        if current.involvement_id:
            Involvement.objects.filter(id=current.involvement_id, ended_at__isnull=True).update(ended_at=now)
    assignment = ContactPersonAssignment.objects.create(
        municipality_id=question.municipality_id,
        question=question,
        user=assignee,
        assigned_by=actor.user,
        reason=(reason or "").strip(),
        involvement=_open_involvement(question, assignee) if open_involvement else None,
    )
    Question.objects.filter(id=question.id).update(contact_person=assignee, updated_at=now)
    question.contact_person = assignee
    _log_write(
        actor,
        question,
        Part.CONTACT_PERSON,
        {"aanspreekpunt": assignee.get_username(), "vorige": current.user.get_username() if current else ""},
    )
    return assignment


def _check_pick_up(actor: Actor, question_id: uuid.UUID, *, action: Action, part: Part) -> None:
    _check_question(actor, question_id, action=action, part=part)
    question = Question.objects.get(id=question_id)
    if actor.role not in (Role.WORKER, Role.TEAM_LEAD) or actor.user.team_id != question.team_id:
        log.denied(
            actor, action, part, question_residents(question), object_type="question", object_id=question.id
        )
        if actor.role not in (Role.WORKER, Role.TEAM_LEAD):
            raise RoleDenied("Deze rol pakt geen vragen op.")
        raise AccessDenied("Alleen een medewerker van het team van de vraag pakt haar op.")


@question_service(action=Action.UPDATE, part=Part.CONTACT_PERSON, check=_check_pick_up)
def pick_up_question(*, actor: Actor, question_id: uuid.UUID) -> ContactPersonAssignment:
    """'Ik pak dit op': a worker of the question's team makes herself its vast aanspreekpunt. The question
    leaves the team's waiting list. Refused when a colleague picked it up first (the row is locked, so two
    workers clicking at the same moment cannot both win) or when the question is closed."""
    question = access.scoped_get(
        QUESTION, actor=actor, pk=question_id, action=Action.UPDATE, part=Part.CONTACT_PERSON, for_update=True
    )
    if question.status == Status.CLOSED:
        raise ValidationError({"question": _("Deze vraag is afgesloten.")})
    if question.contact_person_id is not None:
        holder = User.objects.filter(id=question.contact_person_id).first()
        raise ValidationError(
            {"question": _("%(name)s heeft deze vraag al opgepakt.") % {"name": holder or _("Een collega")}}
        )
    return make_contact_person(
        actor=actor, question=question, assignee=actor.user, reason=_("Zelf opgepakt.")
    )


def link_household(
    *,
    actor: Actor,
    question_id: uuid.UUID,
    household_id: uuid.UUID | None = None,
    resident_id: uuid.UUID | None = None,
    new_household: dict[str, Any] | None = None,
) -> Question:
    """Link the question to an existing household the actor may see, or to a new one. The current
    contact person becomes involved in the household, so need-to-know follows the assignment."""
    _check_question(actor, question_id, action=Action.UPDATE, part=Part.LINK)
    if household_id and not households_visible_to(actor.user).filter(id=household_id).exists():
        raise access.deny(HOUSEHOLD, actor=actor, pk=household_id, action=Action.UPDATE, part=Part.LINK)
    with transaction.atomic():
        return _link_household(
            actor=actor,
            question_id=question_id,
            household_id=household_id,
            resident_id=resident_id,
            new_household=new_household,
        )


def _link_household(
    *,
    actor: Actor,
    question_id: uuid.UUID,
    household_id: uuid.UUID | None = None,
    resident_id: uuid.UUID | None = None,
    new_household: dict[str, Any] | None = None,
) -> Question:
    question = access.scoped_get(
        QUESTION, actor=actor, pk=question_id, action=Action.UPDATE, part=Part.LINK, for_update=True
    )
    if question.household_id:
        raise ValidationError({"household": _("Deze vraag is al gekoppeld aan een huishouden.")})
    resident = None
    if new_household:
        data = dict(new_household)
        household, resident = create_household(actor=actor, first_member=data.pop("first_member"), **data)
    elif household_id:
        household_or_none = households_visible_to(actor.user).filter(id=household_id).first()
        if household_or_none is None:  # checked before the transaction; only a concurrent change gets here
            raise AccessDenied("Geen toegang tot dit huishouden.")
        household = household_or_none
    else:
        raise ValidationError({"household": _("Kies een huishouden of maak een nieuw huishouden.")})
    if resident_id and resident is None:
        member = (
            HouseholdMembership.objects.filter(
                household=household, resident_id=resident_id, end_date__isnull=True
            )
            .select_related("resident")
            .first()
        )
        if member is None:
            raise ValidationError({"resident": _("Deze inwoner hoort niet bij dit huishouden.")})
        resident = member.resident
    question.household = household
    question.resident = resident
    Question.objects.filter(id=question.id).update(
        household=household, resident=resident, updated_at=timezone.now()
    )
    current = ContactPersonAssignment.objects.filter(question=question, ended_at__isnull=True).first()
    if current is not None and current.involvement_id is None:
        current.involvement = _open_involvement(question, current.user)
        current.save(update_fields=["involvement", "updated_at"])
    _log_write(actor, question, Part.LINK, {Part.HOUSEHOLD: str(household.id)})
    return question


def mark_deadline_met(
    *, actor: Actor, deadline_id: uuid.UUID, question_id: uuid.UUID | None = None
) -> LegalDeadline:
    """Tick off a legal deadline as met (e.g. the Wmo onderzoek is done)."""
    rows = LegalDeadline.objects.filter(id=deadline_id, municipality_id=actor.municipality_id)
    if question_id is not None:
        rows = rows.filter(question_id=question_id)
    found = rows.values_list("question_id", flat=True).first()
    _check_question(actor, found or question_id or deadline_id, action=Action.UPDATE, part=Part.DEADLINE)
    if found is None:
        raise ValidationError({"deadline": _("Deze termijn bestaat niet.")})
    with transaction.atomic():
        question = access.scoped_get(
            QUESTION, actor=actor, pk=found, action=Action.UPDATE, part=Part.DEADLINE, for_update=True
        )
        row = LegalDeadline.objects.select_for_update().get(id=deadline_id)
        if row.met_at or row.cancelled_at:
            raise ValidationError({"deadline": _("Deze termijn is al afgerond.")})
        row.met_at = timezone.now()
        row.met_by = actor.user
        row.save(update_fields=["met_at", "met_by", "updated_at"])
        _log_write(actor, question, Part.DEADLINE, {Part.DEADLINE: row.clock})
    return row
