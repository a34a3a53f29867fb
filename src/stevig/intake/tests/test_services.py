"""Registering, duplicate warnings, first contact, triage, waiting list, contact person, linking."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from stevig.audit.models import AccessLogEntry
from stevig.core.errors import AccessDenied, RateLimited
from stevig.intake import selectors, services
from stevig.intake.models import ContactPersonAssignment, LegalDeadline, Question
from stevig.intake.tests.helpers import actor, ask, register
from stevig.people.models import Involvement
from stevig.people.selectors import households_visible_to
from stevig.testing import factories as f
from stevig.testing.personas import api_client

pytestmark = pytest.mark.django_db


def test_register_from_every_channel(world):
    location = f.MunicipalityFactory  # noqa: F841 - keep the factory import used
    from stevig.tenancy.models import Location

    place = Location.objects.create(
        municipality=world.municipality, name="Buurthuis De Brug", kind="buurthuis"
    )
    for channel in (
        "online",
        "telefoon",
        "huisarts",
        "school",
        "politie",
        "woningcorporatie",
        "veilig_thuis",
        "outreach",
    ):
        question = register(
            world, channel=channel, referrer="Praktijk Noord" if channel == "huisarts" else ""
        )
        assert question.channel == channel
    walk_in = register(world, channel="inloop", location_id=place.id)
    assert walk_in.location == place
    with pytest.raises(ValidationError) as exc:
        register(world, channel="inloop")
    assert "location" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        register(world, channel="fax")
    assert "channel" in exc.value.message_dict


def test_register_logs_a_create_row(world):
    question = register(world, household_id=world.household.id)
    entry = AccessLogEntry.objects.filter(object_type="question", action="create").get()
    assert entry.object_id == str(question.id)
    assert entry.outcome == "allowed"
    assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}
    assert question.team == world.team


def test_register_links_new_household_through_people_service(world):
    question = register(
        world,
        new_household={
            "street": "Kerkstraat",
            "house_number": 4,
            "postcode": "1235 AB",
            "city": "Stevigdam",
            "first_member": {
                "given_names": "Piet",
                "surname": "Jansen",
                "date_of_birth": dt.date(1950, 1, 1),
            },
        },
    )
    assert question.household is not None and question.resident is not None
    assert question.resident.surname == "Jansen"
    # The worker who opened the file is involved (people.services.create_household).
    assert Involvement.objects.filter(household=question.household, user=world.own_worker).exists()


def test_register_idempotent(world):
    first = register(world, idempotency_key="same")
    second = register(world, idempotency_key="same")
    assert first.id == second.id
    assert Question.objects.count() == 1


def test_register_cannot_link_a_household_out_of_scope(world):
    with pytest.raises(AccessDenied):
        register(world, user=world.other_team_worker, household_id=world.household.id)
    assert not Question.objects.exists()
    assert AccessLogEntry.objects.filter(outcome="denied", object_id=str(world.household.id)).exists()


@pytest.mark.parametrize("persona", ["policy", "department_worker", "admin", "privacy"])
def test_roles_without_files_cannot_register(world, persona):
    with pytest.raises(AccessDenied):
        register(world, user=getattr(world, persona))
    assert AccessLogEntry.objects.filter(outcome="denied", part="hulpvraag").exists()


def test_bad_input_in_register(world):
    with pytest.raises(ValidationError) as exc:
        register(
            world,
            text="",
            phone="123",
            email="",
            contact_methods=["email"],
            postcode="12",
            received_on=dt.date.today() + dt.timedelta(days=2),
        )
    errors = exc.value.message_dict
    assert errors["text"] == ["Schrijf uw vraag op."]
    assert "phone" in errors and "email" in errors and "postcode" in errors and "received_on" in errors
    with pytest.raises(ValidationError) as exc:
        register(world, text="x" * 5001)
    assert "te lang" in exc.value.message_dict["text"][0]


@pytest.mark.parametrize("received_on", [dt.date(1529, 5, 16), dt.date(1999, 12, 31)])
def test_a_question_received_before_2000_is_refused(world, received_on):
    """schemathesis: 1529-05-16 gave `received_at` "1529-05-16T09:00:00+00:19:32" (Amsterdam's local mean
    time before 1835), which is no RFC 3339 date-time."""
    with pytest.raises(ValidationError) as exc:
        register(world, received_on=received_on)
    assert exc.value.message_dict["received_on"] == [
        "Deze datum ligt te ver terug: kies een datum vanaf 1 januari 2000."
    ]
    assert register(world, received_on=dt.date(2000, 1, 1)).received_at.year == 2000


# --- duplicates -------------------------------------------------------------------------------------


def test_duplicate_warning_by_name_and_date_of_birth_bsn_and_address(world):
    me = actor(world.own_worker)
    by_name = selectors.duplicate_candidates(
        actor=me,
        criteria=selectors.DuplicateCriteria(surname="el amrani", date_of_birth=world.parent.date_of_birth),
    )
    assert [m.resident.id for m in by_name.matches] == [world.parent.id]
    assert by_name.matches[0].reasons == ["zelfde naam en geboortedatum"]
    by_bsn = selectors.duplicate_candidates(actor=me, criteria=selectors.DuplicateCriteria(bsn="99999.0019"))
    assert [m.resident.id for m in by_bsn.matches] == [world.parent.id]
    by_address = selectors.duplicate_candidates(
        actor=me,
        criteria=selectors.DuplicateCriteria(postcode="1234ab", house_number=world.household.house_number),
    )
    assert {m.resident.id for m in by_address.matches} == {world.parent.id, world.child.id}
    assert all(m.household_id == world.household.id for m in by_address.matches)
    nothing = selectors.duplicate_candidates(
        actor=me, criteria=selectors.DuplicateCriteria(surname="Onbekend", date_of_birth=dt.date(1990, 1, 1))
    )
    assert not nothing.any
    # Every check is logged as a search; the BSN itself is never written to the log.
    rows = AccessLogEntry.objects.filter(part="dubbelcontrole")
    assert rows.count() == 4
    assert all("99999" not in str(r.detail) for r in rows)


def test_duplicate_check_answers_only_within_scope_and_logs_the_matched_residents(world):
    """Issue 13 point 6: the check answered `elsewhere: true/false` for any BSN, name + date of birth or
    address (a membership oracle), and its log row named no resident."""
    for user in (world.other_team_worker, world.other_municipality_worker):
        for criteria in (
            selectors.DuplicateCriteria(surname="El Amrani", date_of_birth=world.parent.date_of_birth),
            selectors.DuplicateCriteria(bsn="999990019"),
            selectors.DuplicateCriteria(postcode="1234ab", house_number=world.household.house_number),
        ):
            check = selectors.duplicate_candidates(actor=actor(user), criteria=criteria)
            assert check.matches == [] and not check.any
            assert not hasattr(check, "elsewhere")
    selectors.duplicate_candidates(
        actor=actor(world.own_worker),
        criteria=selectors.DuplicateCriteria(postcode="1234ab", house_number=world.household.house_number),
    )
    row = AccessLogEntry.objects.filter(part="dubbelcontrole").latest("id")
    assert set(row.resident_ids) == {str(world.parent.id), str(world.child.id)}
    assert "elders" not in row.detail


def test_duplicate_check_is_rate_limited_per_user_and_the_refusal_is_logged(world):
    from django.core.cache import cache

    cache.clear()
    me = actor(world.own_worker)
    limit, period = selectors.DUPLICATE_CHECK_RATE
    criteria = selectors.DuplicateCriteria(bsn="999990019")
    try:
        for _ in range(limit):
            assert selectors.duplicate_candidates(actor=me, criteria=criteria).any
        with pytest.raises(RateLimited):
            selectors.duplicate_candidates(actor=me, criteria=criteria)
        row = AccessLogEntry.objects.filter(part="dubbelcontrole").latest("id")
        assert row.outcome == "denied" and row.resident_ids == []
        response = api_client(world.own_worker).post(
            "/api/v1/questions/duplicates", {"bsn": "999990019"}, format="json"
        )
        assert response.status_code == 429 and response["Retry-After"] == str(period)
        assert response["Content-Type"].startswith("application/problem+json")
        # Another user has a count of her own.
        assert selectors.duplicate_candidates(actor=actor(world.colleague), criteria=criteria).any
    finally:
        cache.clear()


# --- first contact ----------------------------------------------------------------------------------


def test_first_contact_requires_the_cliëntondersteuning_answer(world):
    question = register(world, kind="wmo")
    me = actor(world.own_worker)
    with pytest.raises(ValidationError) as exc:
        services.record_first_contact(
            actor=me,
            question_id=question.id,
            contact_date=dt.date.today(),
            channel="telefoon",
            clientondersteuning_offered=None,
        )
    assert "clientondersteuning_offered" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.record_first_contact(
            actor=me,
            question_id=question.id,
            contact_date=dt.date.today(),
            channel="telefoon",
            clientondersteuning_offered=False,
        )
    assert "note" in exc.value.message_dict  # not offered: say why
    contact = services.record_first_contact(
        actor=me,
        question_id=question.id,
        contact_date=dt.date.today(),
        channel="telefoon",
        clientondersteuning_offered=True,
        clientondersteuning_accepted="ja",
    )
    question.refresh_from_db()
    assert question.status == "in_contact"
    assert contact.by == world.own_worker
    # The receipt of the Wmo melding is confirmed in that contact; the onderzoek still runs.
    open_clocks = set(
        LegalDeadline.objects.filter(question=question, met_at__isnull=True).values_list("clock", flat=True)
    )
    assert open_clocks == {"WMO_ONDERZOEK", "WMO_PERSOONLIJK_PLAN"}
    with pytest.raises(ValidationError):  # only one first contact
        services.record_first_contact(
            actor=me,
            question_id=question.id,
            contact_date=dt.date.today(),
            channel="telefoon",
            clientondersteuning_offered=True,
        )
    entry = AccessLogEntry.objects.filter(part="eerste contact").get()
    assert entry.action == "create" and entry.object_id == str(question.id)


def test_first_contact_dates(world):
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, tzinfo=dt.UTC), tick=False):
        question = register(world)
        with pytest.raises(ValidationError) as exc:
            services.record_first_contact(
                actor=actor(world.own_worker),
                question_id=question.id,
                contact_date=dt.date(2026, 3, 9),
                channel="telefoon",
                clientondersteuning_offered=True,
            )
        assert "contact_date" in exc.value.message_dict
        with pytest.raises(ValidationError) as exc:
            services.record_first_contact(
                actor=actor(world.own_worker),
                question_id=question.id,
                contact_date=dt.date(2026, 3, 11),
                channel="telefoon",
                clientondersteuning_offered=True,
            )
        assert "contact_date" in exc.value.message_dict


# --- triage and waiting list ------------------------------------------------------------------------


def test_triage_needs_a_reason_and_keeps_history(world):
    question = register(world)
    me = actor(world.own_worker)
    with pytest.raises(ValidationError) as exc:
        services.triage_question(actor=me, question_id=question.id, priority="spoed", reason="")
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.triage_question(
            actor=me, question_id=question.id, priority="heel erg", reason="Omdat het moet."
        )
    assert "priority" in exc.value.message_dict
    services.triage_question(
        actor=me, question_id=question.id, priority="normaal", reason="Kan een week wachten."
    )
    services.triage_question(
        actor=me, question_id=question.id, priority="spoed", reason="Huisuitzetting dreigt nu."
    )
    question.refresh_from_db()
    assert question.priority == "spoed" and question.priority_rank == 0
    assert question.triages.count() == 2


def test_waiting_list_by_priority_then_waiting_time(world):
    me = actor(world.own_worker)
    made = {}
    for day, name, priority in [
        (1, "oud-normaal", "normaal"),
        (2, "hoog", "hoog"),
        (3, "nieuw-spoed", "spoed"),
        (4, "zonder", ""),
        (5, "oud-spoed", "spoed"),
    ]:
        with time_machine.travel(dt.datetime(2026, 3, day, 10, tzinfo=dt.UTC), tick=False):
            made[name] = register(world)
        if priority:
            services.triage_question(
                actor=me, question_id=made[name].id, priority=priority, reason="Reden voor deze keuze."
            )
    # oud-spoed was registered later but has the same priority as nieuw-spoed: waiting time decides.
    rows, more = selectors.waiting_list(actor=me)
    assert [q.id for q in rows] == [
        made[n].id for n in ("nieuw-spoed", "oud-spoed", "hoog", "zonder", "oud-normaal")
    ]
    assert more is False
    # Assigned questions leave the waiting list.
    services.assign_contact_person(
        actor=actor(world.team_lead), question_id=made["hoog"].id, user_id=world.colleague.id
    )
    rows, _more = selectors.waiting_list(actor=me)
    assert made["hoog"].id not in {q.id for q in rows}
    with pytest.raises(AccessDenied):
        selectors.waiting_list(actor=actor(world.other_team_worker), team_id=world.team.id)


# --- contact person ---------------------------------------------------------------------------------


def test_teamleader_assigns_and_reassignment_keeps_history_and_involvement(world):
    question = register(world, household_id=world.household.id)
    lead = actor(world.team_lead)
    services.assign_contact_person(actor=lead, question_id=question.id, user_id=world.colleague.id)
    first_involvement = Involvement.objects.get(
        household=world.household, user=world.colleague, kind="aanspreekpunt"
    )
    assert first_involvement.ended_at is None
    services.assign_contact_person(
        actor=lead, question_id=question.id, user_id=world.own_worker.id, reason="Collega met verlof."
    )
    question.refresh_from_db()
    assert question.contact_person == world.own_worker
    history = list(ContactPersonAssignment.objects.filter(question=question).order_by("started_at"))
    assert [a.user for a in history] == [world.colleague, world.own_worker]
    assert history[0].ended_at is not None and history[1].ended_at is None
    first_involvement.refresh_from_db()
    assert first_involvement.ended_at is not None
    assert history[1].involvement.user == world.own_worker
    with pytest.raises(ValidationError):
        services.assign_contact_person(actor=lead, question_id=question.id, user_id=world.own_worker.id)
    with pytest.raises(ValidationError):  # someone of another municipality
        services.assign_contact_person(
            actor=lead, question_id=question.id, user_id=world.other_municipality_worker.id
        )


@pytest.mark.parametrize("persona", ["own_worker", "colleague", "coordinator", "other_team_worker"])
def test_only_the_teamleader_assigns(world, persona):
    question = register(world)
    with pytest.raises(AccessDenied):
        services.assign_contact_person(
            actor=actor(getattr(world, persona)), question_id=question.id, user_id=world.colleague.id
        )
    assert AccessLogEntry.objects.filter(part="aanspreekpunt", outcome="denied").exists()


def test_assigned_contact_person_of_another_team_sees_the_question_and_household(world):
    """The contact-person rule of `questions_visible_to`: a worker of another team sees a question of team
    Noord only because the team leader made them its vast aanspreekpunt (and the household through the
    involvement that opens). Before the assignment they see neither, so the test fails without the rule."""
    outsider = world.other_team_worker
    lead = actor(world.team_lead)
    loose = register(world)  # no household: only the team and the contact person can see it
    linked = register(world, household_id=world.household.id)
    assert loose.team_id == linked.team_id == world.team.id != outsider.team_id
    visible = selectors.questions_visible_to
    assert not visible(outsider).filter(id__in=[loose.id, linked.id]).exists()
    assert not households_visible_to(outsider).filter(id=world.household.id).exists()

    services.assign_contact_person(actor=lead, question_id=loose.id, user_id=outsider.id)
    services.assign_contact_person(actor=lead, question_id=linked.id, user_id=outsider.id)

    assert set(visible(outsider).filter(id__in=[loose.id, linked.id]).values_list("id", flat=True)) == {
        loose.id,
        linked.id,
    }
    assert households_visible_to(outsider).filter(id=world.household.id).exists()
    assert selectors.question_detail(actor=actor(outsider), question_id=loose.id).question == loose


def test_linking_makes_the_contact_person_involved(world):
    question = ask(world)
    services.assign_contact_person(
        actor=actor(world.team_lead), question_id=question.id, user_id=world.colleague.id
    )
    assert not Involvement.objects.filter(user=world.colleague, kind="aanspreekpunt").exists()
    services.link_household(
        actor=actor(world.own_worker),
        question_id=question.id,
        household_id=world.household.id,
        resident_id=world.parent.id,
    )
    question.refresh_from_db()
    assert question.household == world.household and question.resident == world.parent
    assert Involvement.objects.filter(
        household=world.household, user=world.colleague, kind="aanspreekpunt", ended_at__isnull=True
    ).exists()
    with pytest.raises(ValidationError):
        services.link_household(
            actor=actor(world.own_worker), question_id=question.id, household_id=world.household.id
        )


def test_link_refuses_a_household_out_of_scope_and_a_stranger_as_resident(world):
    question = register(world)
    with pytest.raises(AccessDenied):
        services.link_household(
            actor=actor(world.own_worker), question_id=question.id, household_id=world.other_household.id
        )
    stranger = f.ResidentFactory(municipality=world.municipality)
    with pytest.raises(ValidationError):
        services.link_household(
            actor=actor(world.own_worker),
            question_id=question.id,
            household_id=world.household.id,
            resident_id=stranger.id,
        )


# --- kind of question -------------------------------------------------------------------------------


def test_reclassify_starts_new_clocks_from_the_receipt_date(world):
    with time_machine.travel(dt.datetime(2026, 3, 27, 10, tzinfo=dt.UTC), tick=False):
        question = ask(world)  # general question: no clocks
    assert not question.deadlines.exists()
    with time_machine.travel(dt.datetime(2026, 3, 30, 10, tzinfo=dt.UTC), tick=False):
        services.classify_question(
            actor=actor(world.own_worker),
            question_id=question.id,
            kind="wmo",
            eviction_or_cutoff_threat=False,
            expected_version=question.version,
        )
    due = dict(question.deadlines.values_list("clock", "due_date"))
    assert due["WMO_PERSOONLIJK_PLAN"] == dt.date(2026, 4, 7)  # from 27 March, not from 30 March
    question.refresh_from_db()
    services.classify_question(
        actor=actor(world.own_worker),
        question_id=question.id,
        kind="wgs",
        eviction_or_cutoff_threat=False,
        expected_version=question.version,
    )
    open_rows = question.deadlines.filter(cancelled_at__isnull=True, met_at__isnull=True)
    assert set(open_rows.values_list("clock", flat=True)) == {"WGS_EERSTE_GESPREK"}
    assert question.deadlines.filter(cancelled_at__isnull=False).count() == 3
    from stevig.core.errors import VersionConflict

    with pytest.raises(VersionConflict):
        services.classify_question(
            actor=actor(world.own_worker),
            question_id=question.id,
            kind="wmo",
            eviction_or_cutoff_threat=False,
            expected_version=1,
        )


def test_mark_deadline_met(world):
    question = register(world, kind="wgs")
    row = question.deadlines.get()
    services.mark_deadline_met(actor=actor(world.own_worker), deadline_id=row.id)
    row.refresh_from_db()
    assert row.met_at is not None and row.met_by == world.own_worker
    with pytest.raises(ValidationError):
        services.mark_deadline_met(actor=actor(world.own_worker), deadline_id=row.id)
    other = register(world, kind="wgs").deadlines.get()
    with pytest.raises(AccessDenied):
        services.mark_deadline_met(actor=actor(world.other_team_worker), deadline_id=other.id)
