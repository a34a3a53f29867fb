"""A lawful decision chain (issue 10): outcomes and omvang, bekendmaking driving the objection term
(Awb 6:8, 6:9), verdaging and opschorting (Awb 4:14, 4:15), bezwaar/klacht/beroep with their own clocks
(Awb 7:10, 9:11), corrections and withdrawal that keep the earlier version, the signatory register."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from stevig.decisions import selectors, services
from stevig.decisions.letter import build_letter
from stevig.decisions.models import Decision, DecisionRevision, LegalRemedy, Signatory
from stevig.decisions.tests.conftest import actor, decide
from stevig.testing.personas import api_client, web_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_holiday_cache():  # type: ignore[no-untyped-def]
    """Decree days made here are rolled back without a signal: never let the cached year leak."""
    from stevig.legalcalendar.calendar import clear_cache

    clear_cache()
    yield
    clear_cache()


AMS = dt.timezone(dt.timedelta(hours=2))


def _at(day: dt.date):  # type: ignore[no-untyped-def]
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, tzinfo=AMS), tick=False)


def _text(letter) -> str:  # type: ignore[no-untyped-def]
    return " ".join(p for section in letter.sections for p in section.paragraphs)


def test_objection_term_runs_from_sending_not_from_the_decision_date(world, categories):
    """Recorded on Mon 20 Apr 2026 with decision date Mon 2 Mar 2026 and sent that Monday: the resident may
    object until Mon 1 Jun 2026, not '13 april' (already past)."""
    with _at(dt.date(2026, 4, 20)):
        decision = decide(world, categories, decided_on=dt.date(2026, 3, 2), sent_on=dt.date(2026, 4, 20))
        text = _text(build_letter(decision))
    assert selectors.objection_deadline(decision) == dt.date(2026, 6, 1)
    assert "uiterlijk op 1 juni 2026" in text and "13 april" not in text
    # Awb 6:9 lid 2: posted objections.
    assert "op de post doet" in text and "binnen een week daarna" in text


def test_unsent_letter_names_no_date_but_the_rule(world, categories):
    with _at(dt.date(2026, 3, 2)):
        decision = decide(world, categories, sent_on=None)
    assert selectors.objection_deadline(decision) is None
    assert "beginnen op de dag nadat we deze brief versturen" in _text(build_letter(decision))


def test_sending_date_before_the_decision_date_is_refused(world, categories):
    with _at(dt.date(2026, 3, 10)):
        with pytest.raises(ValidationError) as error:
            decide(world, categories, decided_on=dt.date(2026, 3, 5), sent_on=dt.date(2026, 3, 4))
    assert "sent_on" in error.value.message_dict
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"legal_ground": ""}, "legal_ground"),
        ({"volume": None}, "volume"),
        ({"unit": ""}, "unit"),
        ({"frequency": "soms"}, "frequency"),
        ({"outcome": "misschien"}, "outcome"),
    ],
)
def test_a_grant_needs_omvang_and_every_decision_a_legal_ground(world, categories, overrides, field):
    with _at(dt.date(2026, 3, 2)), pytest.raises(ValidationError) as error:
        decide(world, categories, **overrides)
    assert field in error.value.message_dict
    assert not Decision.objects.exists()


def test_refusal_and_partial_grant(world, categories):
    with _at(dt.date(2026, 3, 2)):
        refused = decide(
            world, categories, outcome="afwijzing", volume=None, unit="", frequency="", provider="Zorg BV"
        )
        partly = decide(world, categories, outcome="gedeeltelijk", volume=Decimal("1.5"))
    assert (refused.volume, refused.provider, refused.start_date) == (None, "", dt.date(2026, 3, 2))
    refused_text = _text(build_letter(refused))
    assert "We wijzen uw aanvraag af" in refused_text and "Van wanneer" not in refused_text
    partly_text = _text(build_letter(partly))
    assert "een deel van wat u vroeg" in partly_text and "Hoeveel: 1.5 uur per week." in partly_text


def test_wmo_letter_points_to_the_onderzoeksverslag(world, categories):
    with _at(dt.date(2026, 3, 2)):
        decision = decide(world, categories)
    assert "verslag van het onderzoek" in _text(build_letter(decision))


def test_signatory_from_the_mandate_register_signs_the_letter(world, categories):
    signer = Signatory.objects.create(
        municipality=world.municipality,
        name="A. de Vries",
        function="teamleider Wmo",
        mandate_reference="Mandaatbesluit sociaal domein 2026",
        valid_from=dt.date(2026, 1, 1),
    )
    expired = Signatory.objects.create(
        municipality=world.municipality,
        name="B. Oud",
        function="oud-teamleider",
        mandate_reference="Mandaatbesluit 2024",
        valid_from=dt.date(2024, 1, 1),
        valid_until=dt.date(2025, 12, 31),
    )
    with _at(dt.date(2026, 3, 2)):
        decision = decide(world, categories, signatory_id=signer.id)
        with pytest.raises(ValidationError) as error:
            decide(world, categories, signatory_id=expired.id)
    assert "signatory" in error.value.message_dict
    assert build_letter(decision).closing[-1] == "A. de Vries, teamleider Wmo"
    body = api_client(world.own_worker).get("/api/v1/decision-signatories").json()["results"]
    assert [row["name"] for row in body] == ["A. de Vries"]


def _objection(world, decision, **kwargs):  # type: ignore[no-untyped-def]
    fields = {
        "actor": actor(world.own_worker),
        "decision_id": decision.id,
        "kind": "bezwaar",
        "received_on": dt.date(2026, 6, 10),
        "summary": "Mevrouw vindt 2 uur te weinig.",
    }
    fields.update(kwargs)
    return services.register_remedy(**fields)


def test_objection_decision_due_from_the_end_of_the_objection_term(world, categories):
    """Sent Wed 3 Jun 2026 -> objection term ends Wed 15 Jul -> decide by Wed 26 Aug 2026 (Wed 7 Oct with an
    advisory committee); postponed by 6 weeks (Awb 7:10 lid 3)."""
    with _at(dt.date(2026, 6, 3)):
        decision = decide(world, categories, decided_on=dt.date(2026, 6, 1), sent_on=dt.date(2026, 6, 3))
    with _at(dt.date(2026, 6, 10)):
        plain = _objection(world, decision)
        committee = _objection(world, decision, advisory_committee=True)
    assert plain.due_on == dt.date(2026, 8, 26) and plain.in_time
    assert committee.due_on == dt.date(2026, 10, 7)
    with _at(dt.date(2026, 8, 1)):
        postponed = services.postpone_remedy(
            actor=actor(world.own_worker),
            remedy_id=plain.id,
            expected_version=1,
            reason="Wacht op advies arts.",
        )
        with pytest.raises(ValidationError):  # only once
            services.postpone_remedy(
                actor=actor(world.own_worker), remedy_id=plain.id, expected_version=2, reason="Nog eens."
            )
    assert postponed.due_on == dt.date(2026, 10, 7)
    # On the worklist with its own clock.
    with _at(dt.date(2026, 8, 1)):
        items = [i for i in selectors.decisions_due_for(world.own_worker) if i.kind == "bezwaar"]
    assert sorted((i.due, str(i.object_id)) for i in items) == sorted(
        [(dt.date(2026, 10, 7), str(committee.id)), (dt.date(2026, 10, 7), str(plain.id))]
    )


def test_late_objection_needs_a_reason_posted_objection_is_in_time(world, categories):
    with _at(dt.date(2026, 6, 3)):
        decision = decide(world, categories, decided_on=dt.date(2026, 6, 3), sent_on=dt.date(2026, 6, 3))
    with _at(dt.date(2026, 7, 21)):
        # Posted on the last day (15 July), received within a week after: in time (Awb 6:9 lid 2).
        posted = _objection(world, decision, received_on=dt.date(2026, 7, 20), posted_on=dt.date(2026, 7, 15))
        assert posted.in_time
        with pytest.raises(ValidationError) as error:
            _objection(world, decision, received_on=dt.date(2026, 7, 21))
        assert "excusable_reason" in error.value.message_dict
        assert LegalRemedy.objects.count() == 1
        late = _objection(
            world,
            decision,
            received_on=dt.date(2026, 7, 21),
            excusable_reason="Mevrouw lag in het ziekenhuis.",
        )
    assert not late.in_time and late.excusable_reason == "Mevrouw lag in het ziekenhuis."
    assert late.due_on == dt.date(2026, 9, 1)  # 6 weeks from receipt


def test_complaint_is_handled_within_six_weeks(world, categories):
    """Awb 9:11: a complaint received Mon 2 Mar 2026 is handled by Mon 13 Apr 2026."""
    with _at(dt.date(2026, 3, 2)):
        decision = decide(world, categories)
        complaint = _objection(world, decision, kind="klacht", received_on=dt.date(2026, 3, 2))
        appeal = _objection(world, decision, kind="beroep", received_on=dt.date(2026, 3, 2))
    assert complaint.due_on == dt.date(2026, 4, 13)
    assert appeal.due_on is None


def test_correction_and_withdrawal_keep_the_earlier_version_readable(world, categories):
    with _at(dt.date(2026, 3, 2)):
        decision = decide(world, categories)
        services.update_decision(
            actor=actor(world.own_worker),
            decision_id=decision.id,
            expected_version=1,
            category_id=decision.category_id,
            form="zin",
            start_date=dt.date(2026, 3, 1),
            end_date=dt.date(2026, 12, 31),
            reason="Nieuwe reden na correctie.",
            volume=Decimal(4),
            unit="uur",
            frequency="week",
        )
        services.withdraw_decision(
            actor=actor(world.own_worker), decision_id=decision.id, expected_version=2, reason="Verhuisd."
        )
    revisions = list(DecisionRevision.objects.filter(decision=decision).order_by("version"))
    assert [(r.version, r.reason) for r in revisions] == [(1, "correctie"), (2, "intrekking")]
    assert revisions[0].snapshot["reden"] == "Mevrouw kan haar post en afspraken niet zelf overzien."
    assert revisions[0].snapshot["omvang"] == "3.00"
    html = web_client(world.own_worker).get(f"/beschikkingen/{decision.id}/").content.decode()
    assert "Mevrouw kan haar post en afspraken niet zelf overzien." in html and "ingetrokken" in html


def test_opschorting_and_verdaging_move_the_application_term(world):
    """Jeugdwet aanvraag Fri 1 May 2026: due Fri 26 Jun (Awb 4:13); suspended 14 days (Awb 4:15) -> Fri 10 Jul;
    postponed (Awb 4:14 lid 3) to Fri 24 Jul."""
    with _at(dt.date(2026, 5, 1)):
        application = services.record_application(
            actor=actor(world.own_worker),
            household_id=world.household.id,
            resident_id=world.child.id,
            law="jeugdwet",
            received_on=dt.date(2026, 5, 1),
            description="Hulp bij opvoeden",
        )
    assert application.due_on == dt.date(2026, 6, 26)
    with _at(dt.date(2026, 5, 20)):
        application = services.suspend_application(
            actor=actor(world.own_worker),
            application_id=application.id,
            expected_version=1,
            days=14,
            reason="Wacht op het verslag van de school.",
        )
        assert application.due_on == dt.date(2026, 7, 10)
        with pytest.raises(ValidationError):
            services.postpone_application(
                actor=actor(world.own_worker),
                application_id=application.id,
                expected_version=2,
                until=dt.date(2026, 7, 1),
                reason="Te druk.",
            )
        application = services.postpone_application(
            actor=actor(world.own_worker),
            application_id=application.id,
            expected_version=2,
            until=dt.date(2026, 7, 24),
            reason="Het advies van de jeugdarts komt later.",
        )
    assert application.due_on == dt.date(2026, 7, 24)


REMEDY_PERSONAS = ["own_worker", "colleague", "other_team_worker", "other_municipality_worker", "policy"]


@pytest.mark.parametrize("persona", REMEDY_PERSONAS)
def test_remedy_endpoint_per_persona(world, categories, persona):
    with _at(dt.date(2026, 6, 3)):
        decision = decide(world, categories, decided_on=dt.date(2026, 6, 3))
    user = getattr(world, persona)
    with _at(dt.date(2026, 6, 10)):
        response = api_client(user).post(
            f"/api/v1/decisions/{decision.id}/remedies",
            {"kind": "bezwaar", "received_on": "2026-06-10", "summary": "Te weinig uren."},
            format="json",
        )
    if persona in ("own_worker", "colleague"):
        assert response.status_code == 201, response.json()
        assert response.json()["due_on"] == "2026-08-26"
    else:
        assert response.status_code in (403, 404)
        assert not LegalRemedy.objects.exists()


def test_remedy_api_bad_input_is_a_field_error(world, categories):
    with _at(dt.date(2026, 6, 3)):
        decision = decide(world, categories, decided_on=dt.date(2026, 6, 3))
    with _at(dt.date(2026, 7, 30)):
        response = api_client(world.own_worker).post(
            f"/api/v1/decisions/{decision.id}/remedies",
            {"kind": "bezwaar", "received_on": "2026-07-30", "summary": "Te laat maar boos."},
            format="json",
        )
    assert response.status_code == 400 and "excusable_reason" in response.json()["errors"]


def test_send_endpoint_refuses_a_date_before_the_decision(world, categories):
    with _at(dt.date(2026, 3, 10)):
        decision = decide(world, categories, decided_on=dt.date(2026, 3, 5), sent_on=None)
        client = api_client(world.own_worker)
        bad = client.post(
            f"/api/v1/decisions/{decision.id}/send", {"version": 1, "sent_on": "2026-03-04"}, format="json"
        )
        ok = client.post(
            f"/api/v1/decisions/{decision.id}/send", {"version": 1, "sent_on": "2026-03-06"}, format="json"
        )
    assert bad.status_code == 400 and "sent_on" in bad.json()["errors"]
    assert ok.status_code == 200 and ok.json()["objection_until"] == "2026-04-17"


def test_open_terms_follow_a_new_decree_day(world, categories, django_capture_on_commit_callbacks):
    """A complaint received Mon 2 Mar 2026 is due Mon 13 Apr; a decree day on 13 Apr moves it to Tue 14 Apr,
    with a note on the household timeline."""
    from stevig.legalcalendar.models import DeadlineChange, DecreeDay

    with _at(dt.date(2026, 3, 2)):
        decision = decide(world, categories)
        complaint = _objection(world, decision, kind="klacht", received_on=dt.date(2026, 3, 2))
    with django_capture_on_commit_callbacks(execute=True):
        DecreeDay.objects.create(date=dt.date(2026, 4, 13), description="test", decree_reference="test")
    complaint.refresh_from_db()
    assert complaint.due_on == dt.date(2026, 4, 14)
    change = DeadlineChange.objects.get(object_id=complaint.id)
    assert (change.household_id, change.old_due) == (world.household.id, dt.date(2026, 4, 13))
