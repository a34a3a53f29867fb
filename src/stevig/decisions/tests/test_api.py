"""API: every persona on every endpoint (404 out of scope, logged), create/update with 400 per field and 409,
the letter as JSON and PDF, the worklist, figures for policy only, constant query counts on lists."""

import datetime as dt
import uuid

import pytest

from stevig.audit.models import AccessLogEntry
from stevig.decisions.models import Application, Decision, LifelongLimitation, PeriodicContact
from stevig.decisions.tests.conftest import ALLOWED, decide, flag
from stevig.testing.personas import PERSONAS, api_client, api_denied_status
from stevig.testing.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db


def last_entry(user) -> AccessLogEntry:  # type: ignore[no-untyped-def]
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")


@pytest.fixture
def decision(world, categories):  # type: ignore[no-untyped-def]
    flag(world)
    return decide(world, categories, end_date=None)


def read_endpoints(world, decision) -> list[str]:  # type: ignore[no-untyped-def]
    h = world.household.id
    Application.objects.create(
        municipality=world.municipality,
        household=world.household,
        resident=world.parent,
        law="wmo",
        received_on=dt.date(2026, 3, 2),
        due_on=dt.date(2026, 3, 16),
        description="x",
        recorded_by=world.own_worker,
    )
    return [
        f"/api/v1/households/{h}/decisions",
        f"/api/v1/households/{h}/decision-applications",
        f"/api/v1/households/{h}/lifelong-limitations",
        f"/api/v1/decisions/{decision.id}",
        f"/api/v1/decisions/{decision.id}/letter",
        f"/api/v1/decisions/{decision.id}/letter.pdf",
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_read_endpoints_per_persona(world, decision, persona):
    user = getattr(world, persona)
    client = api_client(user)
    for url in read_endpoints(world, decision):
        response = client.get(url)
        entry = last_entry(user)
        if persona in ALLOWED:
            assert response.status_code == (202 if url.endswith(".pdf") else 200), url
            assert entry.outcome == "allowed" and str(world.parent.id) in entry.resident_ids, url
        else:
            expected = api_denied_status(persona)
            assert response.status_code == expected, url
            assert response.json()["status"] == expected
            assert (response.json()["detail"] == "Niet gevonden.") is (expected == 404)
            assert entry.outcome == "denied", url


@pytest.mark.parametrize("persona", PERSONAS)
def test_write_endpoints_per_persona(world, categories, decision, persona):
    user = getattr(world, persona)
    client = api_client(user)
    h = world.household.id
    contact = PeriodicContact.objects.filter(decision=decision).order_by("due_on").first()
    assert contact is not None
    limitation = LifelongLimitation.objects.get(resident=world.parent)
    application = Application.objects.create(
        municipality=world.municipality,
        household=world.household,
        resident=world.parent,
        law="wmo",
        received_on=dt.date(2026, 3, 2),
        due_on=dt.date(2026, 3, 16),
        description="x",
        recorded_by=world.own_worker,
    )
    calls = [
        (
            "post",
            f"/api/v1/households/{h}/decision-applications",
            {
                "resident": str(world.parent.id),
                "law": "wmo",
                "received_on": "2026-03-02",
                "description": "Traplift",
            },
            201,
        ),
        (
            "post",
            f"/api/v1/households/{h}/decisions",
            {
                "resident": str(world.child.id),
                "category": str(categories["jeugdhulp-ambulant"].id),
                "form": "zin",
                "start_date": "2026-03-02",
                "end_date": "2026-09-01",
                "reason": "Hulp bij boosheid.",
                "legal_ground": "Jeugdwet art. 2.3",
                "volume": "2",
                "unit": "uur",
                "frequency": "week",
            },
            201,
        ),
        (
            "post",
            f"/api/v1/households/{h}/lifelong-limitations",
            {"resident": str(world.child.id), "description": "Autisme", "since": "2026-01-01"},
            201,
        ),
        (
            "patch",
            f"/api/v1/decisions/{decision.id}",
            {
                "version": 1,
                "category": str(decision.category_id),
                "form": "zin",
                "start_date": "2026-03-01",
                "end_date": None,
                "reason": "Aangepaste reden.",
                "legal_ground": "Wmo 2015 art. 2.3.5",
            },
            200,
        ),
        ("post", f"/api/v1/decision-contacts/{contact.id}/done", {"done_on": "2026-03-02"}, 200),
        (
            "post",
            f"/api/v1/decision-applications/{application.id}/withdraw",
            {"version": 1, "reason": "Zelf geregeld."},
            200,
        ),
        ("post", f"/api/v1/lifelong-limitations/{limitation.id}/end", {"reason": "Vergissing."}, 200),
    ]
    for method, url, body, ok in calls:
        response = getattr(client, method)(url, body, format="json")
        entry = last_entry(user)
        if persona in ALLOWED:
            assert response.status_code == ok, (url, response.json())
            assert entry.outcome == "allowed"
        else:
            assert response.status_code == api_denied_status(persona), url
            assert entry.outcome == "denied", url
    if persona not in ALLOWED:
        assert Decision.objects.count() == 1 and Application.objects.count() == 1
        decision.refresh_from_db()
        assert decision.version == 1


def test_create_decision_and_read_it_back(world, categories, decision):
    client = api_client(world.own_worker)
    data = client.get(f"/api/v1/decisions/{decision.id}").json()
    assert data["lifelong"] is True and data["fitting_duration"] is True and data["end_date"] is None
    assert data["objection_until"] == "2026-04-13"
    assert [c["label"] for c in data["contacts"]] == ["contactmoment, geen herindicatie"] * 5
    assert data["category_name"] == "Begeleiding" and data["form"] == "zin"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_date": "2026-01-01"}, "end_date"),
        ({"form": "pgb"}, "pgb_motivation"),
        ({"end_date": None}, "end_date"),
        ({"reason": "  "}, "reason"),
        ({"form": "contant"}, "form"),
        ({"category": "niet-een-uuid"}, "category"),
        ({"resident": str(uuid.uuid4())}, "resident"),
    ],
)
def test_create_decision_bad_input(world, categories, overrides, field):
    body = {
        "resident": str(world.parent.id),
        "category": str(categories["hulpmiddel"].id),
        "form": "zin",
        "start_date": "2026-03-02",
        "end_date": "2027-03-01",
        "reason": "Rolstoel nodig.",
        "legal_ground": "Wmo 2015 art. 2.3.5",
        "volume": "1",
        "unit": "stuk",
        "frequency": "totaal",
    }
    body.update(overrides)
    response = api_client(world.own_worker).post(
        f"/api/v1/households/{world.household.id}/decisions", body, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()["errors"]
    assert not Decision.objects.exists()


def test_update_with_stale_version_is_409(world, categories):
    decision = decide(world, categories)
    client = api_client(world.own_worker)
    body = {
        "version": 1,
        "category": str(decision.category_id),
        "form": "zin",
        "start_date": "2026-03-01",
        "end_date": "2026-12-31",
        "reason": "Nieuwe reden.",
        "legal_ground": "Wmo 2015 art. 2.3.5",
    }
    assert client.patch(f"/api/v1/decisions/{decision.id}", body, format="json").status_code == 200
    response = client.patch(f"/api/v1/decisions/{decision.id}", {**body, "reason": "Oud."}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "version_conflict"
    decision.refresh_from_db()
    assert decision.reason == "Nieuwe reden." and decision.version == 2


def test_application_term_in_the_api(world):
    response = api_client(world.own_worker).post(
        f"/api/v1/households/{world.household.id}/decision-applications",
        {
            "resident": str(world.child.id),
            "law": "jeugdwet",
            "received_on": "2026-03-02",
            "description": "Hulp",
        },
        format="json",
    )
    assert response.status_code == 201
    # 8 weeks from Monday 2 March end on Monday 27 April, King's Day 2026: the term runs on to the 28th.
    assert response.json()["due_on"] == "2026-04-28"


def test_letter_json_and_pdf(world, categories, decision):
    client = api_client(world.own_worker)
    letter = client.get(f"/api/v1/decisions/{decision.id}/letter").json()
    assert letter["objection_until"] == "2026-04-13"
    assert [s["heading"] for s in letter["sections"]] == [
        "Wat hebben we besloten?",
        "Waarom hebben we dit besloten?",
        "Van wanneer tot wanneer?",
        "Bent u het niet eens met dit besluit?",
    ]
    assert letter["sections"][1]["paragraphs"][0] == decision.reason
    assert "Dit besluit steunt op: Wmo 2015 art. 2.3.5." in letter["sections"][1]["paragraphs"]
    pending = client.get(f"/api/v1/decisions/{decision.id}/letter.pdf")
    assert pending.status_code == 202 and pending["Retry-After"] == "5"
    assert pending.json()["status"] == "queued"
    assert run_queued_tasks() == 1
    pdf = client.get(f"/api/v1/decisions/{decision.id}/letter.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert last_entry(world.own_worker).detail == {"vorm": "pdf"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_due_and_figures_per_persona(world, categories, persona):
    decide(world, categories, start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 4, 30))
    user = getattr(world, persona)
    client = api_client(user)
    due = client.get("/api/v1/decisions/due")
    if persona in ALLOWED:
        assert due.status_code == 200 and [i["kind"] for i in due.json()["results"]] == ["einde"]
    elif persona in {"other_team_worker", "coordinator", "other_municipality_worker"}:
        assert due.status_code == 200 and due.json()["results"] == []
    else:
        assert due.status_code == 403 and last_entry(user).outcome == "denied"
    figures = client.get("/api/v1/decisions/figures")
    if persona == "policy":
        assert figures.status_code == 200
        assert [x["key"] for x in figures.json()["results"]] == [
            "decisions_with_own_reason",
            "lifelong_decisions_fitting_duration",
        ]
        assert figures.json()["results"][0]["suppressed"] is True
    else:
        assert figures.status_code == 403
    assert last_entry(user).part == "cijfers-beschikkingen"


def test_figures_bad_query(world):
    response = api_client(world.policy).get("/api/v1/decisions/figures?since=gisteren")
    assert response.status_code == 400 and "since" in response.json()["errors"]


def test_categories_are_the_own_municipality_s(world):
    own = api_client(world.own_worker).get("/api/v1/decision-categories").json()["results"]
    other = api_client(world.other_municipality_worker).get("/api/v1/decision-categories").json()["results"]
    assert len(own) == 12 and {c["id"] for c in own}.isdisjoint({c["id"] for c in other})


def test_list_runs_a_constant_number_of_queries(world, categories, django_assert_max_num_queries):
    client = api_client(world.own_worker)
    url = f"/api/v1/households/{world.household.id}/decisions"
    flag(world)
    decide(world, categories, end_date=None)
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for n in range(6):
        decide(world, categories, end_date=None, start_date=dt.date(2026, 1, 1 + n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.json()["results"]) == 7
    assert all(len(r["contacts"]) == 5 for r in response.json()["results"])


def test_patch_changes_only_the_sent_fields(world, categories):
    """PATCH is a true partial update (issue 13 point 7): the fields not sent keep their value."""
    decision = decide(world, categories)
    before = Decision.objects.get(id=decision.id)
    client = api_client(world.own_worker)
    url = f"/api/v1/decisions/{decision.id}"
    missing = client.patch(url, {"reason": "Zonder versie."}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()["errors"]
    response = client.patch(url, {"version": 1, "reason": "Alleen de reden."}, format="json")
    assert response.status_code == 200, response.json()
    after = Decision.objects.get(id=decision.id)
    assert after.reason == "Alleen de reden." and after.version == 2
    for name in ("category_id", "form", "start_date", "end_date", "legal_ground", "outcome", "provider"):
        assert getattr(after, name) == getattr(before, name), name
    stale = client.patch(url, {"version": 1, "reason": "Oud."}, format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "version_conflict"
    assert Decision.objects.get(id=decision.id).reason == "Alleen de reden."
