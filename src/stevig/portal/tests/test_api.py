"""Mijn Stevig API: the resident's session (not a staff token), 401 without it, CSRF on writes, the
follow endpoint with codes, and the access log of every read."""

from django.test import Client
from rest_framework.test import APIClient

from stevig.audit.models import AccessLogEntry
from stevig.intake import services as intake
from stevig.portal.models import ResidentMessage
from stevig.portal.tests.conftest import OTHER_BSN, PARENT_BSN, digid_login
from stevig.testing.personas import api_client, web_client


def _resident_api(bsn: str, *, csrf: bool = False) -> APIClient:
    client = APIClient(enforce_csrf_checks=csrf)
    client.cookies = digid_login(Client(), bsn).cookies
    return client


def test_overview_for_the_parent_with_gezag(world, portal):
    response = _resident_api(PARENT_BSN).get("/api/v1/mijn")
    assert response.status_code == 200
    body = response.json()
    references = {q["reference"] for q in body["questions"]}
    assert references == {portal.own_question.reference, portal.child_question.reference}
    assert body["children"] == [world.child.full_name]
    assert [d["id"] for d in body["decisions"]] == [str(portal.child_decision.id)]
    assert [v["id"] for v in body["plan_versions"]] == [str(portal.version.id)]
    entry = AccessLogEntry.objects.filter(role="inwoner").latest("id")
    assert entry.access_point.startswith("api ") and entry.user_id == world.parent.id


def test_other_resident_gets_their_own_overview(world, portal):
    body = _resident_api(OTHER_BSN).get("/api/v1/mijn").json()
    assert {q["reference"] for q in body["questions"]} == {portal.other_question.reference}
    assert body["children"] == []


def test_staff_token_and_anonymous_are_refused(world, portal):
    for client in (api_client(world.own_worker), web_client(world.own_worker), APIClient()):
        assert client.get("/api/v1/mijn").status_code == 403
        assert client.get("/api/v1/mijn/wie-keek").status_code == 403
        assert client.post("/api/v1/mijn/berichten", {"text": "x"}, format="json").status_code == 403
    assert not ResidentMessage.objects.exists()


def test_who_looked_pages_without_usernames(world, portal):
    body = _resident_api(PARENT_BSN).get("/api/v1/mijn/wie-keek?page_size=2").json()
    assert len(body["results"]) == 2 and body["next"]
    for row in body["results"]:
        assert set(row) == {"when", "role", "team", "what", "why", "refused", "emergency"}
        assert world.own_worker.username not in str(row)


def test_message_needs_csrf_and_text(world, portal, settings):
    client = _resident_api(PARENT_BSN, csrf=True)
    assert client.post("/api/v1/mijn/berichten", {"text": "Hallo"}, format="json").status_code == 403
    client.get("/mijn/bericht/")  # sets the CSRF cookie
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    headers = {"HTTP_X_CSRFTOKEN": token}
    assert client.post("/api/v1/mijn/berichten", {"text": ""}, format="json", **headers).status_code == 400
    response = client.post("/api/v1/mijn/berichten", {"text": "Bel mij a.u.b."}, format="json", **headers)
    assert response.status_code == 201
    assert ResidentMessage.objects.get().to_user == world.own_worker


def test_follow_with_codes(world, portal):
    secret = intake.issue_follow_secret(question=portal.own_question)
    client = APIClient()
    ok = client.post(
        "/api/v1/mijn/volgen", {"reference": portal.own_question.reference, "secret": secret}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["reference"] == portal.own_question.reference
    wrong = client.post(
        "/api/v1/mijn/volgen", {"reference": portal.own_question.reference, "secret": "AAAA"}, format="json"
    )
    assert wrong.status_code == 404
    assert client.post("/api/v1/mijn/volgen", {}, format="json").status_code == 400
    denied = AccessLogEntry.objects.filter(role="inwoner", outcome="denied").latest("id")
    assert denied.object_id == str(portal.own_question.id)
    # The codes never open the DigiD overview.
    assert client.get("/api/v1/mijn").status_code == 403
    assert Client().get("/api/v1/mijn").status_code == 403
