"""Work in progress for the demo municipality, so that every role's start page and figures show real work.

Everything goes through the real services as the demo staff (so the access log gets its history and every
rule holds): questions in every channel and state (urgent ones too, some overdue), trajectories in every
phase with plans, actions, basic help (evaluated), contacts, consultations and waakvlam, mandate requests
in every status (one overdue, one rejected to the coordinator, ten or more per department), decisions
(lifelong ones, a refusal with a bezwaar in term, each with its own reason), register entries, waakvlam
with one check-in overdue and one on time, Meldcode safety tracks in every state (open, reported to
Veilig Thuis, decided; enough for the safety figures) and per worker a young person of 17 and a half with
youth help ending at 18 and a toekomstplan (18-/18+). Only dates
in the past are set afterwards (a question's received date is a service argument; a mandate request's
term is moved back; a trajectory's opening moves to a few days after its question) — the demo is "as if"
the team has been working for two months, so the figures pages show numbers, not "te weinig".

`load_work` is deterministic for a seed. A scenario that a service refuses is counted, not hidden: the
summary says how many were skipped, and the demo test requires none.
"""

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from stevig.accounts.models import User
from stevig.core.context import Actor
from stevig.demo.koppelingen import DEMO_PROVIDER, load_providers
from stevig.people.models import Household, HouseholdMembership
from stevig.tenancy.models import Department, Municipality

QUESTIONS = [
    ("Ik kan de huur niet meer betalen. Er ligt een brief van de deurwaarder.", "wgs", True),
    ("Mijn moeder wordt vergeetachtig en woont alleen. Wie kan helpen?", "wmo", False),
    ("Onze zoon gaat niet meer naar school en zit de hele dag op zijn kamer.", "jeugdwet", False),
    ("Ik ben mijn baan kwijt en weet niet hoe ik de rekeningen moet betalen.", "participatiewet", False),
    ("De energie wordt volgende week afgesloten. Wij hebben twee kleine kinderen.", "wgs", True),
    ("Ik heb een rolstoel nodig om naar buiten te kunnen.", "wmo", False),
    ("Er is veel ruzie thuis en de kinderen slapen slecht.", "jeugdwet", False),
    ("Ik voel me eenzaam sinds mijn man is overleden.", "algemeen", False),
    ("Wij hebben schulden bij de zorgverzekering en de gemeente.", "wgs", False),
    ("Mijn dochter heeft autisme; de opvang na school stopt.", "jeugdwet", False),
]
CONSULTED = [
    "GGD, jeugdarts",
    "Sociaal raadslieden",
    "Wijkverpleging",
    "MEE, cliëntondersteuning",
    "Veilig Thuis (advies)",
]
# Which trajectories (n of a worker's ten) send a mandate request: enough per department (10 or more)
# for the figures per vakafdeling to show numbers instead of "te weinig".
MANDATE_SCENARIOS = (1, 2, 3, 5, 6, 7, 8, 9)
# Trajectories with a decision; 0, 3 and 8 for a member with a lifelong limitation.
LIFELONG_SCENARIOS = (0, 3, 8)
CHANNELS = ["telefoon", "inloop", "huisarts", "school", "woningcorporatie", "outreach", "telefoon", "online"]


@dataclass
class WorkSummary:
    questions: int = 0
    trajectories: int = 0
    plan_actions: int = 0
    mandate_requests: int = 0
    decisions: int = 0
    safety_tracks: int = 0
    #: Residents the work adds on top of the planned households: a young person of 17 and a half per
    #: worker (18-/18+), added to a household through the service.
    young_people: list[uuid.UUID] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _actor(user: User) -> Actor:
    return Actor(user=user, access_point="demo", channel="web", purpose="ondersteuning")


def _try(summary: WorkSummary, label: str, call: Any, /, **kwargs: Any) -> Any:
    try:
        return call(**kwargs)
    except ValidationError as exc:
        summary.skipped.append(f"{label}: {'; '.join(exc.messages)[:200]}")
        return None


def load_work(*, municipality: Municipality, seed: int, today: date) -> WorkSummary:
    """Create the demo's work in progress for one municipality (see the module docstring)."""
    from stevig.intake import services as intake
    from stevig.intake.models import Question

    rng = random.Random(seed)
    summary = WorkSummary()
    # Providers with an AGB code: the granted decisions in kind below get an allocation and a 301.
    load_providers(municipality)
    staff = {u.username: u for u in User.objects.filter(municipality=municipality).select_related("team")}
    workers = [u for u in staff.values() if u.role == "medewerker"]
    leads = {u.team_id: u for u in staff.values() if u.role == "teamleider"}
    departments = list(Department.objects.filter(municipality=municipality).order_by("name"))

    # Public questions (no account), some urgent: they land on the team's waiting list.
    for i in range(10):
        text, kind, urgent = QUESTIONS[i % len(QUESTIONS)]
        intake.submit_public_question(
            municipality=municipality,
            text=text,
            topic=kind if kind != "algemeen" else "",
            eviction_or_cutoff_threat=urgent,
            contact_methods=["telefoon"],
            phone="0612345678",
            name=f"Inwoner {i + 1}",
            postcode=_postcode(municipality, i),
            idempotency_key=f"demo-public-{municipality.code}-{i}",
        )
        summary.questions += 1

    for worker_index, worker in enumerate(sorted(workers, key=lambda u: u.username)):
        actor = _actor(worker)
        lead = leads.get(worker.team_id)
        in_team = sorted(u.username for u in workers if u.team_id == worker.team_id).index(worker.username)
        households = list(
            Household.objects.filter(municipality=municipality, team_id=worker.team_id).order_by("id")[
                in_team * 14 : in_team * 14 + 14
            ]
        )
        opened: list[tuple[int, Any]] = []
        for n, household in enumerate(households):
            text, kind, urgent = QUESTIONS[(n + worker_index) % len(QUESTIONS)]
            # A question that led to a trajectory came in three weeks earlier at least: the trajectory was
            # opened a few days after it, and has been running since (days open, plan started 14 days ago).
            received = today - timedelta(days=rng.randint(1, 55) + (21 if n < 10 else 0))
            if n < 10:
                received = _in_one_quarter(received, today)
            channel = CHANNELS[(n + worker_index) % len(CHANNELS)]
            location_id = None
            if channel == "inloop":
                from stevig.tenancy.models import Location

                location = Location.objects.filter(municipality=municipality).order_by("name").first()
                location_id = location.id if location else None
                if location is None:
                    channel = "telefoon"
            question = _try(
                summary,
                "vraag",
                intake.register_question,
                actor=actor,
                household_id=household.id,
                text=text,
                channel=channel,
                kind=kind,
                received_on=received,
                location_id=location_id,
                eviction_or_cutoff_threat=urgent,
                # The first member asked: Mijn Stevig shows a resident their own questions.
                resident_id=HouseholdMembership.objects.filter(household=household, end_date__isnull=True)
                .order_by("start_date", "resident__date_of_birth")
                .values_list("resident_id", flat=True)
                .first(),
                idempotency_key=f"demo-{municipality.code}-{worker.username}-{n}",
            )
            if question is None:
                continue
            summary.questions += 1
            if lead is not None and n % 3 != 2:
                _try(
                    summary,
                    "aanspreekpunt",
                    intake.assign_contact_person,
                    actor=_actor(lead),
                    question_id=question.id,
                    user_id=worker.id,
                )
            if n % 4 != 3:
                _try(
                    summary,
                    "eerste contact",
                    intake.record_first_contact,
                    actor=actor,
                    question_id=question.id,
                    contact_date=min(today, received + timedelta(days=rng.randint(1, 6))),
                    channel="telefoon",
                    clientondersteuning_offered=n % 5 != 0,
                    note="" if n % 5 else "De inwoner heeft al een cliëntondersteuner van MEE.",
                )
            if n < 10:
                opened_on = received + timedelta(days=1 + n % 3)
                trajectory = _trajectory(
                    summary, actor, worker, household, question, n, today, departments, staff
                )
                _backdate_trajectory(question, opened_on)
                if trajectory is not None:
                    opened.append((n, trajectory))
        # What a start page must also show: waakvlam on time and overdue, Meldcode tracks in every state,
        # and a young person about to turn 18 with a toekomstplan.
        _pilot_lights(summary, actor, worker_index, opened, today)
        _safety_tracks(summary, actor, worker_index, opened, today)
        _transition(summary, actor, worker_index, opened, today)
    _backdate_pick_ups(municipality)
    summary.questions = Question.objects.filter(municipality=municipality).count()
    return summary


def _in_one_quarter(received: date, today: date) -> date:
    """The day a question that led to a trajectory came in, moved into one calendar quarter: the quarter
    of three weeks ago. The figures count trajectories per quarter with every breakdown (neighbourhood,
    channel, topic) suppressed together; forty trajectories split over two quarters leave so many groups
    under 5 that the totals are hidden too and every trajectory figure says "te weinig". In one quarter
    the same trajectories show numbers. The trajectory opens 1 to 3 days later, at least 14 days ago, and
    still in that quarter."""
    anchor = today - timedelta(days=22)
    first = date(anchor.year, 3 * ((anchor.month - 1) // 3) + 1, 1)
    quarter_end = date(first.year + first.month // 10, (first.month + 2) % 12 + 1, 1) - timedelta(days=1)
    last = min(today - timedelta(days=18), quarter_end - timedelta(days=3))
    if first <= received <= last:
        return received
    span = (last - first).days + 1
    return first + timedelta(days=(today - received).days % span)


def _backdate_pick_ups(municipality: Municipality) -> None:
    """The services assign the vast aanspreekpunt 'now'; in the demo someone picked each question up one
    to three days after it came in, so the teamleider's waiting times are realistic."""
    from stevig.intake.models import ContactPersonAssignment

    now = timezone.now()
    rows = list(
        ContactPersonAssignment.objects.filter(
            municipality=municipality, ended_at__isnull=True
        ).select_related("question")
    )
    for i, row in enumerate(rows):
        row.started_at = min(now, row.question.received_at + timedelta(days=1 + i % 3))
    ContactPersonAssignment.objects.bulk_update(rows, ["started_at"], batch_size=500)


def _backdate_trajectory(question: Any, opened_on: date) -> None:
    """The services open a trajectory 'now'; in the demo it was opened a few days after its question, so
    the lists show realistic days open. The opening and the move to 'plan' (5 days later) move with it;
    later phase changes keep their moment."""
    from stevig.trajectories.models import Phase, PhaseChange, Trajectory

    trajectory = Trajectory.objects.filter(opened_from_question_id=question.id).first()
    if trajectory is None:
        return
    opened_at = timezone.make_aware(datetime.combine(opened_on, time(10, 0)))
    Trajectory.objects.filter(id=trajectory.id).update(opened_at=opened_at)
    changes = PhaseChange.objects.filter(trajectory_id=trajectory.id)
    changes.filter(from_phase="").update(changed_at=opened_at)
    changes.filter(to_phase=Phase.PLAN).update(changed_at=opened_at + timedelta(days=5))


def _postcode(municipality: Municipality, i: int) -> str:
    household = Household.objects.filter(municipality=municipality).order_by("id")[i * 7 : i * 7 + 1].first()
    return household.postcode if household is not None else ""


def _trajectory(
    summary: WorkSummary,
    actor: Actor,
    worker: User,
    household: Household,
    question: Any,
    n: int,
    today: date,
    departments: list[Department],
    staff: dict[str, User],
) -> Any:
    """Open a trajectory from the question and take it to its phase; returns it (None when refused)."""
    from stevig.plans import services as plans
    from stevig.trajectories import services as trajectories

    trajectory = _try(
        summary,
        "traject",
        trajectories.open_trajectory,
        actor=actor,
        household_id=household.id,
        contact_person_id=worker.id,
        question_id=question.id,
    )
    if trajectory is None:
        return None
    summary.trajectories += 1
    members = list(
        HouseholdMembership.objects.filter(household=household, end_date__isnull=True).values_list(
            "resident_id", flat=True
        )
    )
    trajectories.record_contact(
        actor=actor,
        trajectory_id=trajectory.id,
        kind="huisbezoek",
        contact_date=today - timedelta(days=n % 9 + 1),
        summary="Kennismaking thuis. Samen de vraag en wat al goed gaat besproken.",
        resident_ids=members[:1],
    )
    if n % 5 == 4:
        return trajectory  # stays in 'verkennen'
    trajectory.refresh_from_db()
    trajectory = trajectories.change_phase(
        actor=actor,
        trajectory_id=trajectory.id,
        expected_version=trajectory.version,
        to_phase="plan",
        reason="De vraag is helder; wij maken samen een plan.",
    )
    plan = plans.create_plan(
        actor=actor,
        trajectory_id=trajectory.id,
        start_date=today - timedelta(days=14),
        evaluation_date=today + timedelta(days=30 + n),
    )
    for g, goal_text in enumerate(("Rust in de financiën", "Weer meedoen in de buurt")):
        plan.refresh_from_db()
        goal = plans.add_goal(
            actor=actor,
            plan_id=plan.id,
            expected_version=plan.version,
            text=goal_text,
            member_ids=members[:1],
            domains=["financien"] if g == 0 else ["sociaal_netwerk"],
        )
        for a in range(2):
            plan.refresh_from_db()
            due = today + timedelta(days=(n + 2 * g + a) % 12 - 4)
            plans.add_action(
                actor=actor,
                goal_id=goal.id,
                expected_version=plan.version,
                description=(
                    "Samen de post openen en een overzicht maken" if a == 0 else "Buurthuis bezoeken"
                ),
                owner_type="team" if a == 0 else "inwoner",
                due_date=due,
                done_on=today - timedelta(days=1) if (n + a) % 4 == 0 else None,
            )
            summary.plan_actions += 1
    if n % 5 in (1, 2, 3):
        # The plan is agreed with the household: a version the resident reads in Mijn Stevig.
        plan.refresh_from_db()
        plans.agree_plan(
            actor=actor,
            plan_id=plan.id,
            expected_version=plan.version,
            agreed_on=today - timedelta(days=1),
            agreed_how="gesprek",
        )
        trajectory.refresh_from_db()
        trajectory = trajectories.change_phase(
            actor=actor,
            trajectory_id=trajectory.id,
            expected_version=trajectory.version,
            to_phase="hulp",
            reason="Het plan is afgesproken; de hulp loopt.",
        )
        help_row = trajectories.add_basic_help(
            actor=actor,
            trajectory_id=trajectory.id,
            kind="financien" if n % 2 else "advies",
            provided_by_id=worker.id,
            intensity="licht",
            duration="kort",
            start_date=today - timedelta(days=10),
            evaluation_date=today + timedelta(days=(n % 7) - 2),
            description="Elke week samen de post en de betalingen doornemen.",
        )
        if help_row is not None and help_row.evaluation_date <= today and n != 8:
            # Evaluated on its date (n 8 is left for the worklist: an evaluation that is due); n 0 and 7
            # a day late, so the figure "evaluaties op tijd" has five or more on time and late alike and
            # shows a number (counts under 5 stay hidden).
            late = 1 if n % 7 == 0 else 0
            trajectories.evaluate_basic_help(
                actor=actor,
                help_id=help_row.id,
                expected_version=help_row.version,
                evaluated_at=help_row.evaluation_date + timedelta(days=late),
                note="Het gaat beter: de post is bijgewerkt en er zijn geen nieuwe aanmaningen.",
            )
    if n % 5 == 3:
        trajectory.refresh_from_db()
        trajectories.change_phase(
            actor=actor,
            trajectory_id=trajectory.id,
            expected_version=trajectory.version,
            to_phase="waakvlam",
            reason="Het gaat goed; wij houden licht contact.",
            cadence_number=4,
            cadence_unit="weken",
        )
    from stevig.tenancy.models import ExpertiseTag

    areas = list(
        ExpertiseTag.objects.filter(municipality_id=household.municipality_id)
        .order_by("name")
        .values_list("id", flat=True)
    )
    if n % 2 == 0 and areas:
        # Advice from a specialist: about half the trajectories ask for it once.
        trajectories.record_consultation(
            actor=actor,
            trajectory_id=trajectory.id,
            kind="consultatie",
            area_id=areas[n % len(areas)],
            consulted=CONSULTED[n % len(CONSULTED)],
            consultation_date=today - timedelta(days=3 + n),
            question="Wat is een goede volgende stap voor dit gezin?",
            advice="Eerst rust in de financiën; daarna samen kijken naar werk en de buurt.",
        )
    if n in MANDATE_SCENARIOS and departments:
        _mandate(summary, actor, trajectory, members, n, today, departments, staff)
    if n in (0, 3, 5, 7, 8):
        _decision(summary, actor, household, trajectory, members, n, today)
    return trajectory


def _mandate(
    summary: WorkSummary,
    actor: Actor,
    trajectory: Any,
    members: list[uuid.UUID],
    n: int,
    today: date,
    departments: list[Department],
    staff: dict[str, User],
) -> None:
    from stevig.mandates import services as mandates
    from stevig.mandates.models import MandateRequest

    handled = [d for d in departments if any(u.department_id == d.id for u in staff.values())] or departments
    department = handled[n % len(handled)]
    request = _try(
        summary,
        "mandaatverzoek",
        mandates.send_request,
        actor=actor,
        trajectory_id=trajectory.id,
        department_id=department.id,
        ask="Graag een betalingsregeling met de afdeling, zodat de huur betaald kan worden.",
        reason="Het gezin heeft hulp nodig op meer terreinen; dit past bij het plan.",
        legal_basis="wettelijke_plicht",
        resident_ids=members[:1],
    )
    if request is None:
        return
    summary.mandate_requests += 1
    handler = next(
        (u for u in staff.values() if u.role == "vakafdeling" and u.department_id == department.id), None
    )
    if n == 1:
        # Overdue: sent well before its term.
        MandateRequest.objects.filter(id=request.id).update(
            sent_on=today - timedelta(days=25), due_on=today - timedelta(days=5)
        )
    elif n == 2 and handler is not None:
        mandates.reject_request(
            actor=_actor(handler),
            request_id=request.id,
            expected_version=request.version,
            reason="Dit valt niet onder onze regeling. De inwoner heeft al een lopende afspraak.",
        )
    elif n in (6, 9) and handler is not None:
        accepted = mandates.accept_request(
            actor=_actor(handler), request_id=request.id, expected_version=request.version
        )
        mandates.complete_request(
            actor=_actor(handler),
            request_id=request.id,
            expected_version=accepted.version,
            outcome="Betalingsregeling afgesproken: 50 euro per maand.",
        )


REASONS = [
    "kan door de reuma in de handen niet meer schoonmaken of de was doen",
    "is na de heupoperatie blijvend slecht ter been en kan niet meer bukken of tillen",
    "heeft door de longziekte te weinig adem om het huis schoon te houden",
    "kan door de spierziekte het huishouden niet meer zelf doen",
]


def _own_reason(household: Household, n: int) -> str:
    """A reason that fits this household (principle 13): never the same text on two decisions."""
    return (
        f"De inwoner van {household.street} {household.house_number} {REASONS[n % len(REASONS)]}. "
        "De kinderen wonen ver weg en de buren helpen al met boodschappen; zij kunnen dit niet overnemen."
    )


def _signatory(municipality_id: Any, today: date) -> uuid.UUID:
    """The demo's mandaat register: one team lead who signs decisions for the college (Awb 10:3). Set-up
    data, like the departments; made once per municipality."""
    from stevig.decisions.models import Signatory

    signatory, _ = Signatory.objects.get_or_create(
        municipality_id=municipality_id,
        name="Mr. J. de Vries",
        defaults={
            "function": "teamleider Wmo en Jeugd",
            "mandate_reference": "Mandaatbesluit sociaal domein, 1 januari van dit jaar",
            "valid_from": today - timedelta(days=400),
        },
    )
    return signatory.id


def _decision(
    summary: WorkSummary,
    actor: Actor,
    household: Household,
    trajectory: Any,
    members: list[uuid.UUID],
    n: int,
    today: date,
) -> None:
    """n 0, 3, 8: toekenning (0 lifelong); n 5: afwijzing with its letter sent, and a bezwaar within the
    term (Awb 6:7); n 7: the aanvraag stays open."""
    from stevig.decisions import selectors as decision_selectors
    from stevig.decisions import services as decisions

    category = decision_selectors.categories_for(actor.user).order_by("name").first()
    if category is None or not members:
        return
    if n in LIFELONG_SCENARIOS:
        _try(
            summary,
            "beperking",
            decisions.flag_lifelong,
            actor=actor,
            household_id=household.id,
            resident_id=members[0],
            description="Blijvende lichamelijke beperking",
            since=today - timedelta(days=400),
        )
    refused = n == 5
    application = _try(
        summary,
        "aanvraag",
        decisions.record_application,
        actor=actor,
        household_id=household.id,
        resident_id=members[0],
        law="wmo",
        received_on=today - timedelta(days=(30 if refused else 5) + n),
        description="Hulp bij het huishouden.",
        category_id=category.id,
        trajectory_id=trajectory.id,
    )
    if application is None or n == 7:
        return  # n == 7: the aanvraag stays open, due within the Wmo's two weeks
    signatory_id = _signatory(household.municipality_id, today)
    if refused:
        decided_on = today - timedelta(days=20)
        decision = _try(
            summary,
            "beschikking (afwijzing)",
            decisions.create_decision,
            actor=actor,
            household_id=household.id,
            resident_id=members[0],
            category_id=category.id,
            form="zin",
            start_date=None,
            end_date=None,
            outcome="afwijzing",
            legal_ground="Wmo 2015 artikel 2.3.5 lid 3",
            reason=(
                f"Voor {household.street} {household.house_number}: de dochter doet de boodschappen al en "
                "de was- en strijkservice in de wijk (een algemene voorziening) lost de rest op."
            ),
            decided_on=decided_on,
            sent_on=decided_on + timedelta(days=1),
            signatory_id=signatory_id,
            application_id=application.id,
            trajectory_id=trajectory.id,
        )
        if decision is None:
            return
        summary.decisions += 1
        _try(
            summary,
            "bezwaar",
            decisions.register_remedy,
            actor=actor,
            decision_id=decision.id,
            kind="bezwaar",
            received_on=today - timedelta(days=3),
            summary="De inwoner vindt dat de was- en strijkservice te duur is voor haar.",
        )
        return
    decision = _try(
        summary,
        "beschikking",
        decisions.create_decision,
        actor=actor,
        household_id=household.id,
        resident_id=members[0],
        category_id=category.id,
        form="zin",
        start_date=today - timedelta(days=2),
        end_date=None if n in LIFELONG_SCENARIOS else today + timedelta(days=365),
        reason=_own_reason(household, n),
        decided_on=today - timedelta(days=2),
        sent_on=today - timedelta(days=1),
        legal_ground="Wmo 2015 artikel 2.3.5 lid 3",
        volume=Decimal(3),
        unit="uur",
        frequency="week",
        provider=DEMO_PROVIDER,  # a provider Stevig knows: allocation and 301 (iWmo) on the decision page
        signatory_id=signatory_id,
        application_id=application.id,
        trajectory_id=trajectory.id,
    )
    if decision is not None:
        summary.decisions += 1


# --- Waakvlam: one check-in overdue, one on time --------------------------------------------------------

#: Of a worker's ten trajectories, n 3 and n 8 are in waakvlam (every 4 weeks). Their last check-in:
#: n 3 33 days ago (so the next one was due 5 days ago: "te laat"), n 8 18 days ago (due in 10 days: on
#: time, on the waakvlam list of the coming two weeks).
PILOT_LIGHT_LAST_CONTACT = {3: 33, 8: 18}


def _pilot_lights(
    summary: WorkSummary, actor: Actor, worker_index: int, opened: list[tuple[int, Any]], today: date
) -> None:
    """The service starts the pilot light 'now'; in the demo it started weeks ago and had a check-in, which
    is recorded through the service (the contact moves the next due date)."""
    from stevig.trajectories import services as trajectories
    from stevig.trajectories.models import PilotLight

    for n, trajectory in opened:
        days = PILOT_LIGHT_LAST_CONTACT.get(n)
        if days is None:
            continue
        # Half the workers' overdue pilot light (n 3) also had its first check-in two days late, so the
        # figure "waakvlamcontacten op tijd" has five or more late as well as on time (counts under 5 stay
        # hidden, the share with them).
        started = today - timedelta(days=days + (30 if n == 3 and worker_index % 2 == 0 else 14))
        updated = PilotLight.objects.filter(trajectory_id=trajectory.id, ended_at__isnull=True).update(
            started_on=started, next_due=started + timedelta(weeks=4)
        )
        if not updated:
            summary.skipped.append(f"waakvlam: traject {n} staat niet in waakvlam")
            continue
        members = list(
            HouseholdMembership.objects.filter(household_id=trajectory.household_id, end_date__isnull=True)
            .order_by("start_date", "resident__date_of_birth")
            .values_list("resident_id", flat=True)[:1]
        )
        _try(
            summary,
            "waakvlamcontact",
            trajectories.record_contact,
            actor=actor,
            trajectory_id=trajectory.id,
            kind="telefoon",
            contact_date=today - timedelta(days=days),
            summary="Even gebeld: het gaat goed, de afspraken lopen. Over vier weken bellen wij weer.",
            resident_ids=members,
        )


# --- Meldcode: safety tracks in every state ---------------------------------------------------------------

#: n of a worker's ten trajectories → the state of its safety track (Meldcode huiselijk geweld en
#: kindermishandeling): open after step 1 or step 3, decided 'hulp' (quickly or slowly), decided 'melden'
#: (waiting for Veilig Thuis). Four workers give 24 tracks, 16 decided, 5 of them after more than 14 days:
#: the figures show numbers, not "te weinig om te tonen".
SAFETY_SCENARIOS: dict[int, tuple[str, int, int]] = {
    # n: (state, opened days ago, days from opening to the decision)
    0: ("hulp", 30, 10),
    1: ("melden", 26, 8),
    2: ("stap3", 20, 0),
    4: ("stap1", 9, 0),
    5: ("hulp", 45, 21),
    6: ("hulp", 35, 9),
}


def _safety_tracks(
    summary: WorkSummary, actor: Actor, worker_index: int, opened: list[tuple[int, Any]], today: date
) -> None:
    """Safety tracks through the real services, step by step; only the opening moves back in time."""
    from stevig.safety import services as safety
    from stevig.safety.models import SafetyTrack

    for n, trajectory in opened:
        scenario = SAFETY_SCENARIOS.get(n)
        if scenario is None:
            continue
        state, ago, to_decision = scenario
        if n == 6 and worker_index == 0:
            to_decision = 18  # one more slow decision: the 'within 14 days' share has a real rest
        if state == "melden" and worker_index % 2 == 0:
            # Reported two days ago: Veilig Thuis still has time. Odd workers reported 18 days ago:
            # Veilig Thuis' assessment (5 working days) is overdue on their list.
            ago, to_decision = 6, 4
        opened_on = today - timedelta(days=ago)
        track = _try(
            summary,
            "veiligheidsspoor",
            safety.open_track,
            actor=actor,
            trajectory_id=trajectory.id,
            source="signalen",
            source_note="Blauwe plekken bij het jongste kind gezien tijdens het huisbezoek.",
        )
        if track is None:
            continue
        summary.safety_tracks += 1
        SafetyTrack.objects.filter(id=track.id).update(
            opened_at=timezone.make_aware(datetime.combine(opened_on, time(9, 30)))
        )
        step_days = [opened_on, opened_on + timedelta(days=2), opened_on + timedelta(days=4)]
        steps: list[dict[str, Any]] = [
            {"notes": "Signalen vastgelegd: wat ik zag en wat de school vertelde."},
            {
                "notes": "Met een collega en de aandachtsfunctionaris besproken.",
                "colleague_consulted": "aandachtsfunctionaris van het team",
            },
            {"notes": "Gesprek met de ouders: zij herkennen de spanning thuis en willen hulp."},
        ]
        last = 1 if state == "stap1" else 3
        for number, (day, extra) in enumerate(zip(step_days, steps, strict=True), start=1):
            if number > last:
                break
            track.refresh_from_db(fields=["version"])
            if (
                _try(
                    summary,
                    f"meldcode stap {number}",
                    safety.record_step,
                    actor=actor,
                    track_id=track.id,
                    expected_version=track.version,
                    number=number,
                    done_on=day,
                    **extra,
                )
                is None
            ):
                break
        if state in ("stap1", "stap3"):
            continue
        decided_on = opened_on + timedelta(days=to_decision)
        reports = state == "melden"
        track.refresh_from_db(fields=["version"])
        _try(
            summary,
            "meldcode stap 4",
            safety.weigh,
            actor=actor,
            track_id=track.id,
            expected_version=track.version,
            done_on=decided_on,
            notes="Gewogen met het afwegingskader: er is een vermoeden.",
            suspicion=True,
            unsafe=reports,
        )
        track.refresh_from_db(fields=["version"])
        answers = {} if reports else {"help_possible": True, "help_accepted": True, "lasting_safety": True}
        _try(
            summary,
            "meldcode stap 5",
            safety.decide,
            actor=actor,
            track_id=track.id,
            expected_version=track.version,
            done_on=decided_on,
            notes="Besloten na overleg; de afspraken staan in het plan.",
            outcome="melden" if reports else "hulp",
            reported_on=decided_on if reports else None,
            **answers,
        )


# --- 18-/18+: a young person turning 18 with a toekomstplan ---------------------------------------------

#: The trajectories (n of ten) whose household gets a young person of 17 and a half with Jeugdwet help
#: that ends at 18 (kader principle 9), and whether a toekomstplan is made yet. Four workers give 16 young
#: people, 8 with a plan and 8 without: the figure "17,5 en een toekomstplan" shows a number, and the
#: ones without a plan are on the worker's list. On n 6 odd workers have agreed the plan already.
TRANSITION_SCENARIOS: dict[int, bool] = {6: True, 0: True, 1: False, 2: False}
YOUNG_NAMES = ["Noah", "Lina", "Daan", "Sara", "Milan", "Noor", "Sem", "Yara"]
FUTURE_PLAN = {
    "support": ("op_orde", "Zijn oom blijft zijn vaste steun; samen kennismaken met de jongerenwerker."),
    "wonen": ("aandacht", "Inschrijven als woningzoekende; voorlopig blijft hij thuis wonen."),
    "school_werk": ("op_orde", "Maakt de mbo-opleiding af; stage bij de garage loopt."),
    "inkomen_schulden": ("zorgen", "Zorgverzekering en zorgtoeslag regelen vóór zijn 18e verjaardag."),
    "welzijn_gezondheid": (
        "aandacht",
        "Verlengde jeugdhulp tot 23 jaar bespreken met de jeugdhulpaanbieder.",
    ),
}


def _transition(
    summary: WorkSummary, actor: Actor, worker_index: int, opened: list[tuple[int, Any]], today: date
) -> None:
    for n, trajectory in opened:
        if n in TRANSITION_SCENARIOS:
            _young_person(summary, actor, worker_index, n, trajectory, today)


def _young_person(
    summary: WorkSummary, actor: Actor, worker_index: int, n: int, trajectory: Any, today: date
) -> None:
    from dateutil.relativedelta import relativedelta

    from stevig.decisions import selectors as decision_selectors
    from stevig.decisions import services as decisions
    from stevig.people import services as people
    from stevig.transitions import services as transitions
    from stevig.transitions.rules import eighteenth_birthday

    household = trajectory.household
    first = (
        HouseholdMembership.objects.filter(household=household, end_date__isnull=True)
        .select_related("resident")
        .order_by("start_date", "resident__date_of_birth")
        .first()
    )
    born = today - relativedelta(years=17, months=6)
    young = _try(
        summary,
        "jongere 17,5 jaar",
        people.add_member,
        actor=actor,
        household_id=household.id,
        data={
            "given_names": YOUNG_NAMES[(worker_index + n) % len(YOUNG_NAMES)],
            "prefix": first.resident.prefix if first else "",
            "surname": first.resident.surname if first else "Jansen",
            "date_of_birth": born,
            "bsn": "",
            "phone": "",
            "email": "",
            "preferred_language": "Nederlands",
            "communication_needs": [],
        },
        relation="kind",
        start_date=born,
    )
    if young is None:
        return
    summary.young_people.append(young.id)
    category = decision_selectors.categories_for(actor.user).filter(law="jeugdwet").order_by("name").first()
    if category is not None:
        decided = today - timedelta(days=60)
        _try(
            summary,
            "jeugdhulp tot 18",
            decisions.create_decision,
            actor=actor,
            household_id=household.id,
            resident_id=young.id,
            category_id=category.id,
            form="zin",
            start_date=decided,
            end_date=eighteenth_birthday(born),
            reason=(
                f"{young.given_names} ({household.street} {household.house_number}) heeft begeleiding nodig "
                "bij school en thuis na een moeilijk jaar; het gezin kan dit nu niet zelf bieden."
            ),
            decided_on=decided,
            sent_on=decided + timedelta(days=1),
            legal_ground="Jeugdwet artikel 2.3 lid 1",
            volume=Decimal(2),
            unit="uur",
            frequency="week",
            signatory_id=_signatory(household.municipality_id, today),
            trajectory_id=trajectory.id,
        )
    if not TRANSITION_SCENARIOS[n]:
        return  # no toekomstplan yet: on the worker's list
    plan = _try(
        summary, "toekomstplan", transitions.save_plan, actor=actor, resident_id=young.id, domains=FUTURE_PLAN
    )
    if plan is not None and n == 6 and worker_index % 2 == 1:
        _try(
            summary,
            "toekomstplan afgesproken",
            transitions.agree_plan,
            actor=actor,
            resident_id=young.id,
            expected_version=plan.version,
            agreed_on=today - timedelta(days=3),
        )
