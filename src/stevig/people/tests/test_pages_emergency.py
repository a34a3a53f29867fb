"""Emergency access ("break the glass"): personas, a required reason, the flag in the log, the banner."""

import uuid

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from stevig.audit.models import AccessLogEntry
from stevig.people.models import EmergencyAccess
from stevig.testing.personas import PERSONAS, web_client

pytestmark = pytest.mark.django_db

HAS_ACCESS = {"own_worker", "colleague", "team_lead"}
MAY_BREAK_GLASS = {"other_team_worker", "coordinator"}
WRONG_ROLE = {"policy", "department_worker", "admin", "privacy"}
REASON = "Acute zorgen om de kinderen, team Noord is niet bereikbaar."


def url(world):
    return reverse("people:emergency", args=[world.household.id])


def last_entry(user):
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")


@pytest.mark.parametrize("persona", PERSONAS)
def test_emergency_page_per_persona(world, persona):
    user = getattr(world, persona)
    response = web_client(user).get(url(world))
    if persona in HAS_ACCESS:
        # Nothing to break: the page sends them to the file.
        assert response.status_code == 302
        assert response["Location"] == reverse("people:household", args=[world.household.id])
    elif persona in MAY_BREAK_GLASS:
        assert response.status_code == 200
        body = response.content.decode()
        assert "alleen in een noodsituatie" in body
        assert "De privacy officer controleert elke noodtoegang" in body
        assert 'name="reason"' in body
        assert "El Amrani" not in body and world.household.street not in body  # nothing of the file yet
        assert not AccessLogEntry.objects.filter(user_id=user.id).exists()
    elif persona == "other_municipality_worker":
        assert response.status_code == 404
        entry = last_entry(user)
        assert (entry.outcome, entry.part, entry.resident_ids) == ("denied", "noodtoegang", [])
    else:
        assert response.status_code == 403
        entry = last_entry(user)
        assert (entry.outcome, entry.part) == ("denied", "noodtoegang")


@pytest.mark.parametrize("persona", sorted(WRONG_ROLE | {"other_municipality_worker"}))
def test_emergency_post_by_others_grants_nothing(world, persona):
    user = getattr(world, persona)
    response = web_client(user).post(url(world), {"reason": REASON})
    assert response.status_code in (403, 404)
    assert not EmergencyAccess.objects.exists()
    entry = last_entry(user)
    assert entry.outcome == "denied" and entry.emergency is False


def test_anonymous_goes_to_login(world):
    response = Client().get(url(world))
    assert response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))


@pytest.mark.parametrize("persona", sorted(MAY_BREAK_GLASS))
def test_break_the_glass_opens_the_file_flagged(world, persona):
    user = getattr(world, persona)
    client = web_client(user)
    denied = client.get(reverse("people:household", args=[world.household.id]))
    assert denied.status_code == 403 and url(world) in denied.content.decode()
    response = client.post(url(world), {"reason": f"  {REASON}  "})
    assert response.status_code == 302
    assert response["Location"] == reverse("people:household", args=[world.household.id])
    grant = EmergencyAccess.objects.get(user=user)
    assert grant.reason == REASON and grant.household == world.household and grant.reviewed_at is None
    granted = last_entry(user)
    assert (granted.action, granted.outcome, granted.emergency, granted.part) == (
        "create",
        "allowed",
        True,
        "noodtoegang",
    )
    assert granted.detail["reden"] == REASON
    page = client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert "U bekijkt dit dossier met noodtoegang. Dit wordt gecontroleerd." in body
    assert "Fatima El Amrani" in body
    read = last_entry(user)
    assert (read.action, read.outcome, read.emergency) == ("read", "allowed", True)
    assert set(read.resident_ids) == {str(world.parent.id), str(world.child.id)}


@pytest.mark.parametrize("reason", ["", "   ", "kort", "         x"])
def test_reason_is_required(world, reason):
    response = web_client(world.other_team_worker).post(url(world), {"reason": reason})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Schrijf op waarom u dit dossier nu moet openen (minstens 10 tekens)." in body
    assert 'aria-describedby="id_reason_helptext id_reason_error"' in body and 'aria-invalid="true"' in body
    assert not EmergencyAccess.objects.exists()


def test_typed_reason_is_kept_and_escaped(world):
    response = web_client(world.other_team_worker).post(url(world), {"reason": "<b>x</b>"})
    body = response.content.decode()
    assert "&lt;b&gt;x&lt;/b&gt;</textarea>" in body and "<b>x</b>" not in body


def test_unknown_household_is_404(world):
    response = web_client(world.other_team_worker).get(reverse("people:emergency", args=[uuid.uuid4()]))
    assert response.status_code == 404
    assert last_entry(world.other_team_worker).outcome == "denied"


def test_other_municipality_household_cannot_be_opened(world):
    client = web_client(world.own_worker)
    target = reverse("people:emergency", args=[world.other_household.id])
    assert client.post(target, {"reason": REASON}).status_code == 404
    assert not EmergencyAccess.objects.exists()
    entry = last_entry(world.own_worker)
    assert entry.outcome == "denied" and entry.resident_ids == [] and entry.municipality_code == "GM9001"
