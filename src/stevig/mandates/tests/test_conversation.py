"""The mandate conversation: the department asks, the worker answers in the request; the coordinator
confirms a rejection, sends it back to the worker (who changes it and sends it again), or pushes it through."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from stevig.audit.models import AccessLogEntry
from stevig.core.errors import AccessDenied
from stevig.mandates import selectors, services
from stevig.mandates.models import MandateRequest
from stevig.mandates.tests.conftest import actor_for, send
from stevig.testing.personas import PERSONAS, api_client, web_client
from stevig.web.worklist import worklist_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(world, case) -> MandateRequest:  # type: ignore[no-untyped-def]
    return send(world, case)


def _rejected(world, sent):  # type: ignore[no-untyped-def]
    return services.reject_request(
        actor=actor_for(world.department_worker),
        request_id=sent.id,
        expected_version=1,
        reason="Niet voor ons.",
    )


def _last(user):  # type: ignore[no-untyped-def]
    return AccessLogEntry.objects.filter(user_id=user.id).order_by("-id").first()


def _worker_items(world):  # type: ignore[no-untyped-def]
    return [i for i in worklist_for(actor=actor_for(world.own_worker)).items if i.kind == "mandaatverzoek"]


def test_department_asks_and_the_worker_answers_in_the_request(world, sent):
    asked = services.ask_worker(
        actor=actor_for(world.department_worker),
        request_id=sent.id,
        expected_version=1,
        question="Gaat het om beslag op de uitkering of op het loon?",
    )
    assert asked.question_asked_at is not None and asked.status == "ontvangen"
    items = _worker_items(world)
    assert [i.status for i in items] == ["vraag van de afdeling"] and items[0].urgent
    with pytest.raises(ValidationError) as exc:  # one question at a time
        services.ask_worker(
            actor=actor_for(world.department_worker), request_id=sent.id, expected_version=2, question="En?"
        )
    assert "question" in exc.value.message_dict
    answered = services.answer_department(
        actor=actor_for(world.own_worker), request_id=sent.id, expected_version=2, answer="Op de uitkering."
    )
    assert answered.question_asked_at is None
    assert _worker_items(world) == []
    detail = selectors.request_detail(actor=actor_for(world.department_worker), request_id=sent.id)
    # The clock stands still in these tests, so both events have the same moment: compare without order.
    assert sorted((e.kind, e.note) for e in detail.conversation) == [
        ("antwoord", "Op de uitkering."),
        ("vraag", "Gaat het om beslag op de uitkering of op het loon?"),
    ]
    with pytest.raises(ValidationError):  # nothing left to answer
        services.answer_department(
            actor=actor_for(world.own_worker), request_id=sent.id, expected_version=3, answer="Nog iets."
        )


def test_only_the_department_asks_and_only_workers_answer(world, sent):
    with pytest.raises(AccessDenied):
        services.ask_worker(
            actor=actor_for(world.own_worker), request_id=sent.id, expected_version=1, question="?"
        )
    assert _last(world.own_worker).outcome == "denied"
    services.ask_worker(
        actor=actor_for(world.department_worker),
        request_id=sent.id,
        expected_version=1,
        question="Welk loon?",
    )
    with pytest.raises(AccessDenied):
        services.answer_department(
            actor=actor_for(world.department_worker), request_id=sent.id, expected_version=2, answer="Zelf."
        )
    with pytest.raises(AccessDenied):
        services.answer_department(
            actor=actor_for(world.other_team_worker), request_id=sent.id, expected_version=2, answer="Ik?"
        )


def test_coordinator_confirms_a_rejection(world, sent):
    _rejected(world, sent)
    assert _worker_items(world)[0].status == "afgewezen"
    confirmed = services.confirm_rejection(
        actor=actor_for(world.coordinator),
        request_id=sent.id,
        expected_version=2,
        note="De afdeling heeft gelijk: dit hoort bij de Wmo.",
    )
    assert (confirmed.status, confirmed.coordinator_outcome) == ("afgewezen", "bevestigd")
    assert confirmed.decided_by == world.coordinator
    assert sent.id not in [r.id for r in selectors.escalated_requests(world.coordinator)]
    assert _worker_items(world) == []  # nothing left for the worker to do
    with pytest.raises(ValidationError):  # decided once
        services.decide(
            actor=actor_for(world.coordinator), request_id=sent.id, expected_version=3, decision="Toch"
        )
    with pytest.raises(ValidationError):
        services.send_back(
            actor=actor_for(world.coordinator), request_id=sent.id, expected_version=3, note="x"
        )


def test_coordinator_sends_back_and_the_worker_resends_with_a_new_term(world, sent):
    _rejected(world, sent)
    services.send_back(
        actor=actor_for(world.coordinator),
        request_id=sent.id,
        expected_version=2,
        note="Vraag alleen om de betalingsregeling.",
    )
    assert _worker_items(world)[0].status == "teruggestuurd: pas aan"
    with pytest.raises(ValidationError) as exc:
        services.resend_request(
            actor=actor_for(world.own_worker), request_id=sent.id, expected_version=3, ask="", reason=""
        )
    assert set(exc.value.message_dict) == {"ask", "reason"}
    # Monday 2 March 2026 + the department's term (10 working days): Monday 16 March.
    again = services.resend_request(
        actor=actor_for(world.own_worker),
        request_id=sent.id,
        expected_version=3,
        ask="Maak een betalingsregeling met de verhuurder.",
        reason="Zonder regeling volgt uitzetting.",
    )
    assert (again.status, again.coordinator_outcome, again.rejection_reason) == ("ontvangen", "", "")
    assert again.sent_on == dt.date(2026, 3, 2) and again.due_on > again.sent_on
    kinds = [
        e.kind for e in selectors.request_detail(actor=actor_for(world.own_worker), request_id=sent.id).events
    ]
    assert sorted(kinds) == sorted(["verstuurd", "afgewezen", "teruggestuurd", "opnieuw"])  # same moment


@pytest.mark.parametrize("persona", PERSONAS)
def test_confirm_rejection_api_and_page_per_persona(world, sent, persona):
    _rejected(world, sent)
    user = getattr(world, persona)
    response = api_client(user).post(
        f"/api/v1/mandate-requests/{sent.id}/confirm-rejection",
        {"version": 2, "note": "Terecht."},
        format="json",
    )
    page = web_client(user).post(
        f"/mandaat/{sent.id}/afwijzing-bevestigen/", {"version": 2, "note": "Terecht."}
    )
    if persona == "coordinator":
        assert response.status_code == 200 and response.json()["coordinator_outcome"] == "bevestigd"
        assert page.status_code == 400  # already confirmed through the API
    else:
        assert response.status_code in (403, 404) and page.status_code in (403, 404)
        assert _last(user).outcome == "denied"


@pytest.mark.parametrize("persona", PERSONAS)
def test_ask_and_answer_api_per_persona(world, sent, persona):
    user = getattr(world, persona)
    asked = api_client(user).post(
        f"/api/v1/mandate-requests/{sent.id}/ask", {"version": 1, "question": "Welk loon?"}, format="json"
    )
    assert asked.status_code == (200 if persona == "department_worker" else asked.status_code)
    if persona != "department_worker":
        assert asked.status_code in (403, 404)
        return
    assert asked.json()["question_asked_at"] is not None


@pytest.mark.parametrize("persona", PERSONAS)
def test_answer_send_back_and_resend_refused_for_outsiders(world, sent, persona):
    services.ask_worker(
        actor=actor_for(world.department_worker),
        request_id=sent.id,
        expected_version=1,
        question="Welk loon?",
    )
    user = getattr(world, persona)
    answer = api_client(user).post(
        f"/api/v1/mandate-requests/{sent.id}/answer", {"version": 2, "answer": "Uitkering."}, format="json"
    )
    page = web_client(user).post(f"/mandaat/{sent.id}/antwoord/", {"version": 2, "answer": "Uitkering."})
    if persona in ("own_worker", "colleague", "team_lead"):
        assert answer.status_code == 200 and page.status_code == 400  # the API answered first
    else:
        assert answer.status_code in (403, 404) and page.status_code in (403, 404)
        assert _last(user).outcome == "denied"
    for url, data in (
        ("send-back", {"version": 2, "note": "x"}),
        ("resend", {"version": 2, "ask": "x", "reason": "y"}),
    ):
        response = api_client(user).post(f"/api/v1/mandate-requests/{sent.id}/{url}", data, format="json")
        if url == "resend" and persona in ("own_worker", "colleague", "team_lead"):
            assert response.status_code == 400  # her request, but the coordinator did not send it back
        else:  # the coordinator does not see a request that is neither rejected nor overdue: 404
            assert response.status_code in (403, 404)
    for path, data in (
        ("vraag", {"version": 2, "question": "?"}),
        ("terugsturen", {"version": 2, "note": "x"}),
        ("opnieuw", {"version": 2, "ask": "x", "reason": "y"}),
    ):
        response = web_client(user).post(f"/mandaat/{sent.id}/{path}/", data)
        assert response.status_code in (400, 403, 404, 409)


def test_the_pages_walk_the_conversation(world, sent):
    dept = web_client(world.department_worker)
    html = dept.get(f"/mandaat/{sent.id}/").content.decode()
    assert "Een vraag stellen aan de medewerker" in html
    assert dept.post(f"/mandaat/{sent.id}/vraag/", {"version": 1, "question": ""}).status_code == 400
    assert (
        dept.post(f"/mandaat/{sent.id}/vraag/", {"version": 1, "question": "Welk loon?"}).status_code == 302
    )
    worker = web_client(world.own_worker)
    html = worker.get(f"/mandaat/{sent.id}/").content.decode()
    assert "De afdeling heeft een vraag" in html and "Welk loon?" in html and "Antwoord versturen" in html
    assert (
        worker.post(f"/mandaat/{sent.id}/antwoord/", {"version": 2, "answer": "Uitkering."}).status_code
        == 302
    )
    assert "Uitkering." in dept.get(f"/mandaat/{sent.id}/").content.decode()
    dept.post(f"/mandaat/{sent.id}/afwijzen/", {"version": 3, "reason": "Niet voor ons."})
    coordinator = web_client(world.coordinator)
    html = coordinator.get(f"/mandaat/{sent.id}/").content.decode()
    assert (
        "Afwijzing bevestigen" in html
        and "Terugsturen" in html
        and "Besluit vastleggen en doorzetten" in html
    )
    assert (
        coordinator.post(f"/mandaat/{sent.id}/afwijzing-bevestigen/", {"version": 4, "note": ""}).status_code
        == 400
    )
    response = coordinator.post(
        f"/mandaat/{sent.id}/afwijzing-bevestigen/", {"version": 4, "note": "Terecht afgewezen."}
    )
    assert response.status_code == 302
    html = worker.get(f"/mandaat/{sent.id}/").content.decode()
    assert "De coördinator heeft de afwijzing op" in html and "Terecht afgewezen." in html
