"""AVG art. 16: a granted rectification request corrects the resident's data in the same transaction as
the decision, logged, with the value before kept (history); page and API; 409 on a concurrent edit of the
request or of the resident's data; nothing half-done on bad input."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from stevig.audit.export import build_export
from stevig.audit.models import AccessLogEntry
from stevig.core.errors import VersionConflict
from stevig.datasharing import services
from stevig.datasharing.models import Rectification, SubjectRequest
from stevig.datasharing.tests.conftest import actor_for
from stevig.people.models import Resident
from stevig.people.services import update_resident
from stevig.testing.personas import PERSONAS, api_client, web_client

pytestmark = pytest.mark.django_db

# Received Friday 30 January 2026 (one month: Monday 2 March 2026); decided Monday 9 February 2026.
RECEIVED = dt.datetime(2026, 1, 30, 9, 0, tzinfo=dt.UTC)
DECIDED = dt.datetime(2026, 2, 9, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def rect(world):  # type: ignore[no-untyped-def]
    world.parent.phone = "0611111111"
    world.parent.save()
    with time_machine.travel(RECEIVED, tick=False):
        return services.file_subject_request(
            actor=actor_for(world.own_worker),
            household_id=world.household.id,
            resident_id=world.parent.id,
            right="rectificatie",
            what="Mijn telefoonnummer en mijn achternaam",
            correction="Telefoon 0622222222; achternaam met een y",
        )


def decide(world, rect, **kwargs):  # type: ignore[no-untyped-def]
    values = {
        "version": rect.version,
        "outcome": "toegewezen",
        "reason": "Het nummer en de naam waren fout overgenomen.",
        "corrections": {"phone": "0622222222", "surname": "Jansy"},
        "resident_version": Resident.objects.get(id=world.parent.id).version,
        **kwargs,
    }
    with time_machine.travel(DECIDED, tick=False):
        return services.decide_subject_request(actor=actor_for(world.privacy), request_id=rect.id, **values)


def test_granting_applies_the_correction_keeps_the_history_and_logs(world, rect):
    before_version = Resident.objects.get(id=world.parent.id).version
    old_surname = world.parent.surname
    request = decide(world, rect)
    assert request.status == "toegewezen" and request.decided_on == dt.date(2026, 2, 9)
    resident = Resident.objects.get(id=world.parent.id)
    assert (resident.phone, resident.surname) == ("0622222222", "Jansy")
    assert resident.version == before_version + 1
    assert resident.surname_key == "jansy"  # the search follows the corrected name
    history = {
        (r.field, r.before, r.after, r.applied_by_id) for r in Rectification.objects.filter(request=rect)
    }
    assert history == {
        ("phone", "0611111111", "0622222222", world.privacy.id),
        ("surname", old_surname, "Jansy", world.privacy.id),
    }
    # Logged: the change of the resident's data and the decision, both with the purpose of the request.
    rows = AccessLogEntry.objects.filter(user_id=world.privacy.id).order_by("-id")[:2]
    assert {(r.part, r.action) for r in rows} == {("inwoner", "update"), ("avg-verzoek", "update")}
    assert all(str(world.parent.id) in [str(x) for x in r.resident_ids] for r in rows)
    decision_row = next(r for r in rows if r.part == "avg-verzoek")
    assert decision_row.detail["verbeterd"] == ["phone", "surname"]
    # The resident sees what was corrected in the inzage.
    section = build_export(resident).as_json()["sections"]["verzoeken"]["data"]["verzoeken"]
    assert section[0]["wat_we_verbeterden"][0]["is_nu"] in ("0622222222", "Jansy")


def test_a_concurrent_edit_of_the_resident_answers_409_and_saves_nothing(world, rect):
    read_version = Resident.objects.get(id=world.parent.id).version
    # Meanwhile a worker changes the resident's e-mail.
    resident = Resident.objects.get(id=world.parent.id)
    update_resident(
        actor=actor_for(world.own_worker),
        resident=resident,
        expected_version=read_version,
        data={"email": "nieuw@example.org"},
    )
    with pytest.raises(VersionConflict):
        decide(world, rect, resident_version=read_version)
    rect.refresh_from_db()
    assert (rect.status, rect.version) == ("open", 1)
    assert Resident.objects.get(id=world.parent.id).phone == "0611111111"
    assert not Rectification.objects.exists()


def test_a_stale_request_version_answers_409(world, rect):
    with pytest.raises(VersionConflict):
        decide(world, rect, version=rect.version + 1)
    assert Resident.objects.get(id=world.parent.id).phone == "0611111111"


@pytest.mark.parametrize(
    ("corrections", "field"),
    [
        ({}, "corrections"),  # granted, but nothing corrected
        ({"phone": "0611111111"}, "corrections"),  # the same value: nothing corrected
        ({"bsn": "999990019"}, "corrections"),  # BSN comes from the BRP
        ({"date_of_birth": "30-02-2026"}, "date_of_birth"),
        ({"date_of_birth": "2099-01-01"}, "date_of_birth"),  # in the future
        ({"surname": ""}, "surname"),  # required
        ({"email": "geen-adres"}, "email"),
    ],
)
def test_bad_corrections_save_nothing(world, rect, corrections, field):
    with pytest.raises(ValidationError) as exc:
        decide(world, rect, corrections=corrections)
    assert field in exc.value.message_dict
    rect.refresh_from_db()
    assert rect.status == "open"
    assert Resident.objects.get(id=world.parent.id).phone == "0611111111"
    assert not Rectification.objects.exists()


def test_refusing_changes_nothing_and_takes_no_corrections(world, rect):
    with pytest.raises(ValidationError) as exc:
        decide(world, rect, outcome="afgewezen", corrections={"phone": "0633333333"})
    assert "corrections" in exc.value.message_dict
    request = decide(world, rect, outcome="afgewezen", corrections={}, reason="Het nummer klopt.")
    assert request.status == "afgewezen"
    assert Resident.objects.get(id=world.parent.id).phone == "0611111111"


def test_a_restriction_request_takes_no_corrections(world):
    with time_machine.travel(RECEIVED, tick=False):
        restriction = services.file_subject_request(
            actor=actor_for(world.own_worker),
            household_id=world.household.id,
            resident_id=world.parent.id,
            right="beperking",
            what="De score gezondheid",
            ground="juistheid",
        )
    with pytest.raises(ValidationError) as exc:
        decide(world, restriction, corrections={"phone": "0633333333"})
    assert "corrections" in exc.value.message_dict


def test_page_shows_current_values_and_grants_with_the_correction(world, rect):
    client = web_client(world.privacy)
    url = f"/gegevensdeling/verzoeken/{rect.id}/"
    with time_machine.travel(DECIDED, tick=True):
        page = client.get(url).content.decode()
        assert "Wat moet er nu staan?" in page and 'value="0611111111"' in page
        # The birth date is filled in as ISO, which the browser's date picker needs to show it.
        assert f'value="{world.parent.date_of_birth.isoformat()}"' in page
        resident = Resident.objects.get(id=world.parent.id)
        body = {
            "stap": "besluiten",
            "version": rect.version,
            "outcome": "toegewezen",
            "reason": "Fout overgenomen.",
            "resident_version": resident.version,
            "given_names": resident.given_names,
            "prefix": resident.prefix,
            "surname": resident.surname,
            "date_of_birth": resident.date_of_birth.isoformat(),
            "phone": "0622222222",
            "email": resident.email,
            "preferred_language": resident.preferred_language,
        }
        bad = client.post(url, {**body, "date_of_birth": ""})
        assert bad.status_code == 400 and "Fout" in bad.content.decode()
        stale = client.post(url, {**body, "resident_version": resident.version + 5})
        assert stale.status_code == 409
        done = client.post(url, body)
        assert done.status_code == 302
        after = client.get(url).content.decode()
    assert "Wat we verbeterden" in after and "0611111111" in after and "0622222222" in after
    assert [r.field for r in Rectification.objects.all()] == ["phone"]


def test_api_grants_with_corrections_and_answers_409_on_a_stale_resident(world, rect):
    client = api_client(world.privacy)
    base = f"/api/v1/data-sharing/subject-requests/{rect.id}"
    with time_machine.travel(DECIDED, tick=True):
        got = client.get(base).json()
        assert got["rectifications"] == [] and got["resident_version"] >= 1
        body = {
            "version": got["version"],
            "outcome": "toegewezen",
            "reason": "Fout overgenomen.",
            "corrections": {"phone": "0622222222"},
            "resident_version": got["resident_version"],
        }
        bad = client.post(
            f"{base}/decide", {**body, "corrections": {"date_of_birth": "morgen"}}, format="json"
        )
        assert bad.status_code == 400 and "date_of_birth" in bad.json()["errors"]
        stale = client.post(
            f"{base}/decide", {**body, "resident_version": got["resident_version"] + 1}, format="json"
        )
        assert stale.status_code == 409 and stale.json()["code"] == "version_conflict"
        done = client.post(f"{base}/decide", body, format="json")
    assert done.status_code == 200, done.content
    assert [(r["field"], r["before"], r["after"]) for r in done.json()["rectifications"]] == [
        ("phone", "0611111111", "0622222222")
    ]


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "privacy"])
def test_only_the_privacy_officer_decides_a_rectification(world, rect, persona):
    user = getattr(world, persona)
    response = api_client(user).post(
        f"/api/v1/data-sharing/subject-requests/{rect.id}/decide",
        {"version": 1, "outcome": "toegewezen", "reason": "x", "corrections": {"phone": "0699999999"}},
        format="json",
    )
    assert response.status_code in (403, 404)
    assert AccessLogEntry.objects.filter(user_id=user.id, outcome="denied").exists()
    assert Resident.objects.get(id=world.parent.id).phone == "0611111111"
    assert SubjectRequest.objects.get(id=rect.id).status == "open"
