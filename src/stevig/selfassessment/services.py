"""Every write of the self-assessment: start a round, add participants, save scores, close a round,
add an improvement action and move it on. No resident data is written here; the access log gets a row
for the reads of figures only (`selectors`)."""

import logging
import uuid
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.accounts.models import User
from stevig.core.context import Actor
from stevig.core.errors import AccessDenied, RoleDenied
from stevig.core.suppression import Period
from stevig.core.versioning import save_if_unchanged
from stevig.selfassessment.models import (
    ActionStatus,
    Answer,
    Group,
    ImprovementAction,
    Level,
    Participant,
    Principle,
    QuarterlyReport,
    Round,
    RoundStatus,
    Statement,
)
from stevig.selfassessment.roles import ACTION_OWNER_ROLES, ORGANISER, VIEW_ROLES

logger = logging.getLogger(__name__)


def _organiser(actor: Actor) -> None:
    if not actor.user.is_staff_member or actor.role != ORGANISER:
        raise RoleDenied(_("Alleen beleid organiseert de zelfevaluatie."))


def _round(actor: Actor, round_id: uuid.UUID, *, for_update: bool = False) -> Round:
    qs = Round.objects.filter(municipality_id=actor.municipality_id, id=round_id)
    found = (qs.select_for_update() if for_update else qs).first()
    if found is None:
        raise AccessDenied(_("Deze ronde bestaat niet."))
    return found


def _open(round_: Round) -> None:
    if round_.status != RoundStatus.OPEN:
        raise ValidationError({"ronde": _("Deze ronde is afgesloten. Er kan niets meer bij.")})


@transaction.atomic
def start_round(*, actor: Actor, title: str, period: str) -> Round:
    _organiser(actor)
    title = (title or "").strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Geef de ronde een naam, bijvoorbeeld: Zelfevaluatie voorjaar 2026.")
    try:
        parsed = Period.parse(period)
    except ValidationError:
        errors["period"] = _("Kies een kwartaal (bijvoorbeeld 2026-K3) of een jaar (bijvoorbeeld 2026).")
    if errors:
        raise ValidationError(errors)
    created = Round.objects.create(
        municipality_id=actor.municipality_id, title=title, period=str(parsed), started_by=actor.user
    )
    logger.info("self-assessment round %s started", created.id)
    return created


@transaction.atomic
def add_participant(
    *, actor: Actor, round_id: uuid.UUID, group: str, user_id: uuid.UUID | int | None = None, name: str = ""
) -> Participant:
    """A staff member of the municipality (in a role that takes part), or a partner by name."""
    _organiser(actor)
    round_ = _round(actor, round_id, for_update=True)
    _open(round_)
    if group not in Group.values:
        raise ValidationError({"group": _("Kies team, management of partners.")})
    user = None
    if user_id:
        user = User.objects.filter(
            pk=user_id, municipality_id=actor.municipality_id, is_active=True, role__in=VIEW_ROLES
        ).first()
        if user is None:
            raise ValidationError({"user": _("Kies een medewerker van de gemeente.")})
        name = user.get_full_name() or user.username
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Schrijf de naam van de partner op, of kies een medewerker.")})
    try:
        with transaction.atomic():
            return Participant.objects.create(
                municipality_id=actor.municipality_id, round=round_, group=group, user=user, name=name
            )
    except IntegrityError:
        raise ValidationError({"user": _("Deze medewerker doet al mee.")}) from None


def may_fill_in(actor: Actor, participant: Participant) -> bool:
    """A staff participant fills in their own form; policy fills in the form of a partner (no account)."""
    if participant.user_id is not None:
        return bool(participant.user_id == actor.user.pk)
    return actor.role == ORGANISER


def parse_level(value: object) -> int:
    """A level by number (0-3) or by name (niet, beginnend, grotendeels, volledig)."""
    if isinstance(value, str) and value.strip().lower() in {str(v) for v in Level.labels}:
        return {str(label): v for v, label in Level.choices}[value.strip().lower()]
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        number = -1
    if number not in Level.values:
        raise ValueError(value)
    return number


@transaction.atomic
def save_answers(
    *, actor: Actor, round_id: uuid.UUID, participant_id: uuid.UUID, answers: dict[int, object]
) -> Participant:
    """Save the scores of one participant for every statement (all or nothing). `answers` maps a
    statement id to a level; a level outside the scale is a field error and nothing is saved."""
    round_ = _round(actor, round_id, for_update=True)
    participant = Participant.objects.filter(round=round_, id=participant_id).first()
    if participant is None or not actor.user.is_staff_member:
        raise AccessDenied(_("Deze deelnemer bestaat niet."))
    if not may_fill_in(actor, participant):
        raise RoleDenied(_("U vult alleen uw eigen scores in."))
    _open(round_)
    statements = set(Statement.objects.values_list("id", flat=True))
    errors: dict[str, str] = {}
    levels: dict[int, int] = {}
    for statement_id in statements:
        if statement_id not in answers or answers[statement_id] in (None, ""):
            errors[f"stelling_{statement_id}"] = _("Kies een antwoord bij deze stelling.")
            continue
        try:
            levels[statement_id] = parse_level(answers[statement_id])
        except ValueError:
            errors[f"stelling_{statement_id}"] = _(
                "Kies niet, beginnend, grotendeels of volledig. Een ander antwoord kan niet."
            )
    unknown = set(answers) - statements
    if unknown:
        errors["answers"] = _("Onbekende stelling: %(ids)s.") % {"ids": ", ".join(map(str, sorted(unknown)))}
    if errors:
        raise ValidationError(errors)
    Answer.objects.filter(participant=participant).delete()
    Answer.objects.bulk_create(
        [
            Answer(
                municipality_id=actor.municipality_id, participant=participant, statement_id=s, level=level
            )
            for s, level in levels.items()
        ]
    )
    participant.submitted_at = timezone.now()
    participant.save(update_fields=["submitted_at", "updated_at"])
    return participant


@transaction.atomic
def close_round(*, actor: Actor, round_id: uuid.UUID, expected_version: int) -> Round:
    _organiser(actor)
    round_ = _round(actor, round_id)
    _open(round_)
    if not Answer.objects.filter(participant__round=round_).exists():
        raise ValidationError({"ronde": _("Er zijn nog geen scores. Sluit de ronde als er scores zijn.")})
    save_if_unchanged(
        round_,
        expected_version=expected_version,
        fields={"status": RoundStatus.CLOSED, "closed_at": timezone.now()},
    )
    return round_


@transaction.atomic
def add_action(
    *,
    actor: Actor,
    round_id: uuid.UUID,
    principle_number: int,
    description: str,
    owner_id: uuid.UUID | int,
    due_on: date,
) -> ImprovementAction:
    _organiser(actor)
    round_ = _round(actor, round_id)
    errors: dict[str, str] = {}
    principle = Principle.objects.filter(number=principle_number).first()
    if principle is None:
        errors["principle"] = _("Kies een principe.")
    description = (description or "").strip()
    if not description:
        errors["description"] = _("Schrijf op wat er gaat gebeuren.")
    owner = User.objects.filter(
        pk=owner_id, municipality_id=actor.municipality_id, is_active=True, role__in=ACTION_OWNER_ROLES
    ).first()
    if owner is None:
        errors["owner"] = _("Kies wie de actie uitvoert.")
    if due_on < timezone.localdate():
        errors["due_on"] = _("Kies een datum vanaf vandaag.")
    if errors:
        raise ValidationError(errors)
    return ImprovementAction.objects.create(
        municipality_id=actor.municipality_id,
        round=round_,
        principle=principle,
        description=description,
        owner=owner,
        due_on=due_on,
    )


@transaction.atomic
def set_action_status(
    *, actor: Actor, action_id: uuid.UUID, status: str, expected_version: int
) -> ImprovementAction:
    """The owner (or policy) moves an action on: nog niet begonnen → bezig → klaar."""
    action = ImprovementAction.objects.filter(municipality_id=actor.municipality_id, id=action_id).first()
    if action is None or not actor.user.is_staff_member:
        raise AccessDenied(_("Deze actie bestaat niet."))
    if action.owner_id != actor.user.pk and actor.role != ORGANISER:
        raise RoleDenied(_("Alleen wie de actie uitvoert, of beleid, zet de stand."))
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Kies nog niet begonnen, bezig of klaar.")})
    save_if_unchanged(action, expected_version=expected_version, fields={"status": status})
    return action


# --- The quarterly report ---------------------------------------------------------------------------------


@transaction.atomic
def request_report(*, actor: Actor, period: str) -> QuarterlyReport:
    """Policy asks for the report of one past or current quarter; the background job makes and keeps it."""
    from stevig.selfassessment.tasks import make_quarterly_report

    _organiser(actor)
    try:
        parsed = Period.parse(period)
    except ValidationError:
        parsed = None
    if parsed is None or parsed.quarter is None:
        raise ValidationError({"period": _("Kies een kwartaal, bijvoorbeeld 2026-K1.")})
    if parsed.start > timezone.localdate():
        raise ValidationError({"period": _("Dit kwartaal is nog niet begonnen.")})
    report = QuarterlyReport.objects.create(
        municipality_id=actor.municipality_id, period=str(parsed), requested_by=actor.user
    )
    make_quarterly_report.enqueue(str(report.id))
    return report


def store_report(*, report_id: uuid.UUID) -> None:
    """Background job: build the report, render HTML and PDF, keep both. Safe to run twice: a report that
    is no longer queued is left alone."""
    from django.utils import translation

    from stevig.selfassessment.models import ReportStatus
    from stevig.selfassessment.report import build, render_html, render_pdf

    with transaction.atomic():
        report = (
            QuarterlyReport.objects.select_for_update()
            .filter(id=report_id, status=ReportStatus.QUEUED)
            .first()
        )
        if report is None:
            return
        try:
            with translation.override("nl"):
                built = build(report.municipality_id, Period.parse(report.period))
                html, pdf = render_html(built), render_pdf(built)
        except Exception:
            logger.exception("Quarterly report %s could not be made", report.id)
            report.status = ReportStatus.FAILED
            report.save(update_fields=["status", "updated_at"])
            return
        report.html, report.pdf = html, pdf
        report.status = ReportStatus.READY
        report.generated_at = timezone.now()
        report.save(update_fields=["html", "pdf", "status", "generated_at", "updated_at"])


# --- The quarterly report, scheduled ----------------------------------------------------------------------

#: The daily check runs at this local (Europe/Amsterdam) hour.
SCHEDULE_HOUR = 2


def last_ended_quarter(today: date) -> Period:
    """The quarter before the one `today` falls in: the latest quarter that has ended."""
    return Period.containing(Period.containing(today).start - timedelta(days=1))


def make_due_reports(*, today: date | None = None) -> list[QuarterlyReport]:
    """Background job: for every municipality, the report of the last ended quarter, made once (no person
    asked for it: `requested_by` is empty). The summary tables are refreshed first, because the report
    reads them. Safe to run twice and concurrently: a quarter that already has its scheduled report gets
    none again (`sa_report_scheduled_once`)."""
    from stevig.patterns.services import refresh
    from stevig.selfassessment.tasks import make_quarterly_report
    from stevig.tenancy.models import Municipality

    period = str(last_ended_quarter(today or timezone.localdate()))
    made = []
    for municipality_id in Municipality.objects.order_by("code").values_list("id", flat=True):
        scheduled = QuarterlyReport.objects.filter(
            municipality_id=municipality_id, period=period, requested_by__isnull=True
        )
        if scheduled.exists():
            continue
        try:
            with transaction.atomic():
                refresh(municipality_id=municipality_id)
                report = QuarterlyReport.objects.create(municipality_id=municipality_id, period=period)
                make_quarterly_report.enqueue(str(report.id))
        except IntegrityError:  # another run made it just now
            continue
        made.append(report)
    return made


def schedule_due_reports(*, now: datetime | None = None) -> bool:
    """Plan the daily job for the next night at SCHEDULE_HOUR local time, unless a run is already planned.
    Needs a backend that can defer jobs (the database backend); returns whether a run was planned."""
    from django_tasks_db.models import DBTaskResult

    from stevig.core.tasks import TaskResultStatus, default_task_backend
    from stevig.selfassessment.tasks import make_due_quarterly_reports

    if not default_task_backend.supports_defer:
        return False
    task = make_due_quarterly_reports
    if DBTaskResult.objects.filter(task_path=task.module_path, status=TaskResultStatus.READY).exists():
        return False
    local = timezone.localtime(now or timezone.now())
    tomorrow = local.date() + timedelta(days=1)
    run_after = timezone.make_aware(datetime.combine(tomorrow, time(SCHEDULE_HOUR)))
    task.using(run_after=run_after).enqueue()
    return True
