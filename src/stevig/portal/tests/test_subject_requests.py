"""Mijn Stevig: the resident asks to correct (AVG art. 16) or restrict (art. 18) their data or their
child's; it lands on the privacy officer's worklist with the one-month clock; staff and strangers are
refused; B1 text."""

import datetime as dt

import pytest
from django.test import Client

from stevig.audit.models import AccessLogEntry
from stevig.datasharing.models import SubjectRequest
from stevig.portal.tests.conftest import PARENT_BSN, resident_client
from stevig.testing.personas import web_client
from stevig.testing.readability import readability

pytestmark = pytest.mark.django_db


def test_resident_files_a_restriction_for_their_child(world, portal):
    client = resident_client(PARENT_BSN)
    page = client.get("/mijn/verzoek/")
    assert page.status_code == 200
    bad = client.post(
        "/mijn/verzoek/", {"for_resident": str(world.child.id), "right": "beperking", "what": "School"}
    )
    assert (
        bad.status_code == 400
        and "Kies waarom u wilt dat wij minder met uw gegevens doen." in bad.content.decode()
    )
    assert SubjectRequest.objects.count() == 0
    ok = client.post(
        "/mijn/verzoek/",
        {
            "for_resident": str(world.child.id),
            "right": "beperking",
            "what": "Wat over school staat",
            "ground": "juistheid",
        },
    )
    assert ok.status_code == 302
    request = SubjectRequest.objects.get()
    assert (request.resident_id, request.channel, request.filed_by_id) == (
        world.child.id,
        "mijn_stevig",
        None,
    )
    assert (request.received_on, request.due_on) == (dt.date(2026, 3, 2), dt.date(2026, 4, 2))
    assert request.restricts  # accuracy contested: restricted while it is checked (art. 18 lid 1 onder a)
    entry = AccessLogEntry.objects.filter(part="avg-verzoek", action="create").latest("id")
    assert entry.resident_ids == [str(world.child.id)] and entry.outcome == "allowed"
    listing = client.get("/mijn/verzoek/").content.decode()
    assert "2 april 2026" in listing and "Wij bewaren ze alleen" in listing
    # The privacy officer sees it on the worklist.
    assert (
        "Wat over school staat"
        in web_client(world.privacy).get(f"/gegevensdeling/verzoeken/{request.id}/").content.decode()
    )


def test_a_16_year_old_or_a_stranger_cannot_be_chosen(world, portal):
    client = resident_client(PARENT_BSN)
    for who in (portal.teen.id, portal.other.id):
        response = client.post(
            "/mijn/verzoek/",
            {"for_resident": str(who), "right": "rectificatie", "what": "Naam", "correction": "X"},
        )
        assert response.status_code == 400
    assert SubjectRequest.objects.count() == 0


def test_staff_and_anonymous_are_refused(world, portal):
    assert Client().get("/mijn/verzoek/").status_code == 302
    assert web_client(world.own_worker).get("/mijn/verzoek/").status_code == 403


def test_portal_text_is_b1(world, portal):
    html = resident_client(PARENT_BSN).get("/mijn/verzoek/").content.decode()
    assert readability(html) >= 60


def _resident_api(bsn: str):  # type: ignore[no-untyped-def]
    from rest_framework.test import APIClient

    from stevig.portal.tests.conftest import digid_login

    client = APIClient()
    client.cookies = digid_login(Client(), bsn).cookies
    return client


def test_api_resident_files_and_lists_requests(world, portal):
    client = _resident_api(PARENT_BSN)
    bad = client.post(
        "/api/v1/mijn/verzoeken",
        {"for_resident": str(world.parent.id), "right": "rectificatie", "what": "Naam"},
        format="json",
    )
    assert bad.status_code == 400 and "correction" in bad.json()["errors"]
    ok = client.post(
        "/api/v1/mijn/verzoeken",
        {
            "for_resident": str(world.parent.id),
            "right": "rectificatie",
            "what": "Naam",
            "correction": "Petra",
        },
        format="json",
    )
    assert (
        ok.status_code == 201
        and ok.json()["due_on"] == "2026-04-02"
        and ok.json()["channel"] == "mijn_stevig"
    )
    listing = client.get("/api/v1/mijn/verzoeken")
    assert [r["correction"] for r in listing.json()["results"]] == ["Petra"]
    stranger = client.post(
        "/api/v1/mijn/verzoeken",
        {"for_resident": str(portal.other.id), "right": "rectificatie", "what": "Naam", "correction": "X"},
        format="json",
    )
    assert stranger.status_code == 400 and SubjectRequest.objects.count() == 1


def test_api_staff_and_anonymous_are_refused(world, portal):
    from rest_framework.test import APIClient

    from stevig.testing.personas import api_client

    for client in (api_client(world.own_worker), APIClient()):
        assert client.get("/api/v1/mijn/verzoeken").status_code == 403
        assert client.post("/api/v1/mijn/verzoeken", {}, format="json").status_code == 403
    assert SubjectRequest.objects.count() == 0


def test_the_resident_sees_what_a_granted_rectification_corrected(world, portal):
    """AVG art. 16: after the privacy officer grants the request, Mijn Stevig shows the old and new value."""
    from stevig.datasharing import services
    from stevig.datasharing.tests.conftest import actor_for
    from stevig.people.models import Resident

    client = resident_client(PARENT_BSN)
    Resident.objects.filter(id=world.parent.id).update(phone="0611111111")
    ok = client.post(
        "/mijn/verzoek/",
        {
            "for_resident": str(world.parent.id),
            "right": "rectificatie",
            "what": "Mijn telefoonnummer",
            "correction": "0622222222",
        },
    )
    assert ok.status_code == 302
    request = SubjectRequest.objects.get()
    services.decide_subject_request(
        actor=actor_for(world.privacy),
        request_id=request.id,
        version=request.version,
        outcome="toegewezen",
        reason="Het nummer was fout.",
        corrections={"phone": "0622222222"},
        resident_version=Resident.objects.get(id=world.parent.id).version,
    )
    listing = client.get("/mijn/verzoek/").content.decode()
    assert "Wij hebben uw telefoon verbeterd. Eerst stond er: 0611111111. Nu staat er: 0622222222." in listing
    assert readability(listing) >= 60
