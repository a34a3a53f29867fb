"""Every page and endpoint against every persona, with the access-log rows it must leave."""

import pytest
from django.utils import timezone

from stevig.audit.models import AccessLogEntry
from stevig.intake import services
from stevig.intake.tests.helpers import actor, register
from stevig.testing.personas import NON_FILE_PERSONAS, PERSONAS, api_client, api_denied_status, web_client

pytestmark = pytest.mark.django_db

# A question of Team Noord, linked to the household Team Noord holds.
SEE = {"own_worker", "colleague", "team_lead"}
NOT_SEE = set(PERSONAS) - SEE
FILE_ROLE_PERSONAS = {
    "own_worker",
    "colleague",
    "team_lead",
    "coordinator",
    "other_team_worker",
    "other_municipality_worker",
}


@pytest.fixture
def question(world):  # type: ignore[no-untyped-def]
    return register(world, household_id=world.household.id, kind="wmo")


def _last(user):  # type: ignore[no-untyped-def]
    return AccessLogEntry.objects.filter(user_id=user.id).order_by("-id").first()


@pytest.mark.parametrize("persona", PERSONAS)
def test_question_page(world, question, persona):
    user = getattr(world, persona)
    response = web_client(user).get(f"/intake/vragen/{question.id}/")
    entry = _last(user)
    if persona in SEE:
        assert response.status_code == 200
        assert question.text in response.content.decode()
        assert entry.outcome == "allowed" and entry.action == "read" and entry.object_type == "question"
        assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}
    else:
        assert response.status_code in (403, 404)
        assert question.text not in response.content.decode()
        assert entry.outcome == "denied" and entry.object_id == str(question.id)
        if persona == "other_municipality_worker":
            assert entry.resident_ids == [] and entry.municipality_code == "GM9002"


@pytest.mark.parametrize("persona", PERSONAS)
def test_question_api(world, question, persona):
    user = getattr(world, persona)
    response = api_client(user).get(f"/api/v1/questions/{question.id}")
    entry = _last(user)
    if persona in SEE:
        assert response.status_code == 200
        body = response.json()
        assert body["reference"] == question.reference
        assert {d["clock"] for d in body["deadlines"]} == {
            "WMO_RECEIPT",
            "WMO_ONDERZOEK",
            "WMO_PERSOONLIJK_PLAN",
        }
        assert entry.outcome == "allowed" and entry.object_id == str(question.id)
    else:
        assert response.status_code == api_denied_status(persona)
        assert entry.outcome == "denied"


def test_escalated_household_question_visible_to_coordinator(world, question):
    from django.utils import timezone

    world.household.escalated_at = timezone.now()
    world.household.save()
    assert api_client(world.coordinator).get(f"/api/v1/questions/{question.id}").status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_question_list_api(world, question, persona):
    user = getattr(world, persona)
    response = api_client(user).get("/api/v1/questions")
    entry = _last(user)
    if persona in NON_FILE_PERSONAS:  # as the page: 403 (logged), not an empty list
        assert response.status_code == 403
        assert (entry.action, entry.outcome, entry.part) == ("search", "denied", "hulpvraag")
        return
    assert response.status_code == 200
    ids = [r["id"] for r in response.json()["results"]]
    assert (str(question.id) in ids) == (persona in SEE)
    assert entry.action == "search" and entry.part == "hulpvragen"


@pytest.mark.parametrize("persona", PERSONAS)
def test_worklist_page(world, question, persona):
    user = getattr(world, persona)
    response = web_client(user).get("/intake/?scope=me")
    entry = _last(user)
    if persona in FILE_ROLE_PERSONAS | {"coordinator"}:
        assert response.status_code == 200
        assert entry.part == "werklijst" and entry.outcome == "allowed"
    else:
        assert response.status_code == 403
        assert entry.outcome == "denied" and entry.part == "werklijst"


@pytest.mark.parametrize("persona", PERSONAS)
def test_worklist_api_team_scope(world, question, persona):
    user = getattr(world, persona)
    response = api_client(user).get("/api/v1/intake/worklist", {"scope": "team"})
    entry = _last(user)
    if persona in ("own_worker", "colleague", "team_lead"):
        assert response.status_code == 200
        refs = [q["reference"] for q in response.json()["new_questions"]]
        assert refs == [question.reference]
        assert entry.outcome == "allowed" and set(entry.resident_ids) == {
            str(world.parent.id),
            str(world.child.id),
        }
    elif persona in ("other_team_worker", "other_municipality_worker"):
        assert response.status_code == 200
        assert response.json()["new_questions"] == []
    elif persona == "coordinator":
        assert response.status_code == 400  # no team
    else:  # a role without files: 403 (logged), as the worklist page answers
        assert response.status_code == 403
        assert entry.outcome == "denied" and entry.part == "werklijst"


@pytest.mark.parametrize("persona", PERSONAS)
def test_waiting_list_page_and_api(world, question, persona):
    user = getattr(world, persona)
    page = web_client(user).get("/intake/wachtlijst/")
    api = api_client(user).get("/api/v1/waiting-list")
    if persona in ("own_worker", "colleague", "team_lead"):
        assert page.status_code == 200 and question.reference in page.content.decode()
        assert [r["reference"] for r in api.json()["results"]] == [question.reference]
    elif persona in ("other_team_worker", "other_municipality_worker"):
        assert page.status_code == 200 and question.reference not in page.content.decode()
        assert api.status_code == 200 and api.json()["results"] == []
    else:
        assert page.status_code == 403
        assert api.status_code == 403  # the same answer as the page
        assert _last(user).outcome == "denied"


@pytest.mark.parametrize("persona", PERSONAS)
def test_register_page(world, persona):
    user = getattr(world, persona)
    response = web_client(user).get("/intake/nieuw/")
    assert response.status_code == (200 if persona in FILE_ROLE_PERSONAS else 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_first_contact_api(world, question, persona):
    user = getattr(world, persona)
    response = api_client(user).post(
        f"/api/v1/questions/{question.id}/first-contact",
        {
            "contact_date": str(timezone.localdate(question.received_at)),
            "channel": "telefoon",
            "clientondersteuning_offered": True,
            "clientondersteuning_accepted": "ja",
        },
        format="json",
    )
    entry = _last(user)
    if persona in SEE:
        assert response.status_code == 201
        assert entry.part == "eerste contact" and entry.outcome == "allowed" and entry.action == "create"
    else:
        assert response.status_code == api_denied_status(persona)
        assert entry.outcome == "denied" and entry.object_id == str(question.id)
        assert not hasattr(question, "first_contact") or question.first_contact is None


def test_first_contact_api_refuses_missing_answer(world, question):
    response = api_client(world.own_worker).post(
        f"/api/v1/questions/{question.id}/first-contact",
        {
            "contact_date": str(timezone.localdate(question.received_at)),
            "channel": "telefoon",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "clientondersteuning_offered" in response.json()["errors"]
    response = api_client(world.own_worker).post(
        f"/api/v1/questions/{question.id}/first-contact",
        {
            "contact_date": str(timezone.localdate(question.received_at)),
            "channel": "telefoon",
            "clientondersteuning_offered": None,
        },
        format="json",
    )
    assert response.status_code == 400


@pytest.mark.parametrize("persona", PERSONAS)
def test_triage_api(world, question, persona):
    user = getattr(world, persona)
    response = api_client(user).post(
        f"/api/v1/questions/{question.id}/triage",
        {"priority": "hoog", "reason": "Zij valt steeds vaker."},
        format="json",
    )
    assert response.status_code == (201 if persona in SEE else api_denied_status(persona))
    assert _last(user).outcome == ("allowed" if persona in SEE else "denied")


def test_triage_api_bad_input(world, question):
    response = api_client(world.own_worker).post(
        f"/api/v1/questions/{question.id}/triage", {"priority": "heel erg", "reason": ""}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"priority", "reason"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_assign_api(world, question, persona):
    user = getattr(world, persona)
    response = api_client(user).post(
        f"/api/v1/questions/{question.id}/assign", {"user": str(world.colleague.id)}, format="json"
    )
    assert response.status_code == (201 if persona == "team_lead" else api_denied_status(persona))
    entry = _last(user)
    # A role without files is refused before the view, on the question the URL names.
    assert entry.part == ("hulpvraag" if persona in NON_FILE_PERSONAS else "aanspreekpunt")
    assert entry.outcome == ("allowed" if persona == "team_lead" else "denied")


@pytest.mark.parametrize("persona", PERSONAS)
def test_assign_page(world, question, persona):
    user = getattr(world, persona)
    response = web_client(user).post(
        f"/intake/vragen/{question.id}/aanspreekpunt/", {"user": str(world.colleague.id)}
    )
    if persona == "team_lead":
        assert response.status_code == 302
    else:
        assert response.status_code in (403, 404)
        assert _last(user).outcome == "denied"


@pytest.mark.parametrize("persona", PERSONAS)
def test_figures_api(world, question, persona):
    user = getattr(world, persona)
    response = api_client(user).get("/api/v1/intake/figures")
    entry = _last(user)
    assert entry.part == "cijfers intake" and entry.resident_ids == []
    if persona in ("policy", "team_lead"):
        assert response.status_code == 200
        assert entry.outcome == "allowed" and entry.action == "export"
        text = response.content.decode()
        assert question.reference not in text and "El Amrani" not in text and str(world.parent.id) not in text
    else:
        assert response.status_code == 403
        assert entry.outcome == "denied"


@pytest.mark.parametrize("persona", PERSONAS)
def test_figures_page(world, persona):
    user = getattr(world, persona)
    response = web_client(user).get("/intake/cijfers/")
    assert response.status_code == (200 if persona in ("policy", "team_lead") else 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_duplicates_api(world, persona):
    user = getattr(world, persona)
    response = api_client(user).post("/api/v1/questions/duplicates", {"bsn": "999990019"}, format="json")
    entry = _last(user)
    if persona in SEE:
        assert response.status_code == 200
        assert [m["resident"] for m in response.json()["matches"]] == [str(world.parent.id)]
    elif persona in ("other_team_worker", "coordinator", "other_municipality_worker"):
        # Outside the user's scope the check says nothing: no match and no hint of a file elsewhere.
        assert response.json() == {"matches": []}
        assert entry.resident_ids == []
    else:  # a role that never searches residents: 403 (one behaviour), and the refusal is logged
        assert response.status_code == 403
        assert entry.outcome == "denied"


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_question_api(world, persona):
    user = getattr(world, persona)
    response = api_client(user).post(
        "/api/v1/questions",
        {"text": "Hulp bij post", "channel": "telefoon", "kind": "algemeen"},
        format="json",
    )
    entry = _last(user)
    if persona in FILE_ROLE_PERSONAS:
        assert response.status_code == 201
        assert entry.action == "create" and entry.outcome == "allowed"
    else:
        assert response.status_code == api_denied_status(persona)
        assert entry.outcome == "denied"


def test_create_question_api_idempotent_and_bad_input(world):
    client = api_client(world.own_worker)
    body = {"text": "Hulp bij post", "channel": "telefoon"}
    first = client.post("/api/v1/questions", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    second = client.post("/api/v1/questions", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.json()["id"] == second.json()["id"]
    bad = client.post(
        "/api/v1/questions", {"text": "", "channel": "fax", "phone": "12", "email": "x"}, format="json"
    )
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) >= {"text", "channel", "phone", "email"}


def test_kind_and_link_and_deadline_api(world):
    client = api_client(world.own_worker)
    question = register(world)
    response = client.post(
        f"/api/v1/questions/{question.id}/kind", {"kind": "wmo", "version": question.version}, format="json"
    )
    assert response.status_code == 200
    stale = client.post(f"/api/v1/questions/{question.id}/kind", {"kind": "wgs", "version": 1}, format="json")
    assert stale.status_code == 409
    linked = client.post(
        f"/api/v1/questions/{question.id}/link", {"household": str(world.household.id)}, format="json"
    )
    assert linked.status_code == 200 and linked.json()["household"] == str(world.household.id)
    deadline = question.deadlines.get(clock="WMO_ONDERZOEK")
    met = client.post(f"/api/v1/deadlines/{deadline.id}/met")
    assert met.status_code == 200 and met.json()["met_at"]
    assert api_client(world.other_team_worker).post(f"/api/v1/deadlines/{deadline.id}/met").status_code == 404


def test_policy_cannot_reach_questions_by_any_road(world, question):
    services.triage_question(
        actor=actor(world.own_worker),
        question_id=question.id,
        priority="hoog",
        reason="Reden voor deze keuze.",
    )
    client = api_client(world.policy)
    assert client.get("/api/v1/questions").status_code == 403
    assert client.get(f"/api/v1/questions/{question.id}").status_code == 403
    assert client.get("/api/v1/intake/worklist").status_code == 403
    assert client.get("/api/v1/waiting-list").status_code == 403
