"""Privacy API: /api/v1/access-log/, emergency-accesses and their review. (Export: test_export.py.)"""

import datetime as dt
import uuid

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stevig.audit.models import Outcome
from stevig.audit.tests.helpers import last_entry, log
from stevig.people.models import EmergencyAccess
from stevig.testing.personas import PERSONAS, api_client

pytestmark = pytest.mark.django_db

LOG = "/api/v1/access-log"
GRANTS = "/api/v1/emergency-accesses"


def grant(world, household=None, user=None):
    household = household or world.household
    return EmergencyAccess.objects.create(
        municipality=household.municipality,
        household=household,
        user=user or world.other_team_worker,
        reason="Crisis, eigen team niet bereikbaar.",
        expires_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
    )


def review_url(g):
    return f"{GRANTS}/{g.id}/review"


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_log_per_persona(world, persona):
    log(world.own_worker, residents=[world.parent.id])
    user = getattr(world, persona)
    response = api_client(user).get(LOG)
    entry = last_entry(user)
    if persona == "privacy":
        assert response.status_code == 200
        [row] = response.json()["results"]
        assert row["username"] == "eigen" and row["residents"] == [
            {"id": str(world.parent.id), "name": "Fatima El Amrani"}
        ]
        assert (entry.action, entry.outcome, entry.part) == ("search", "allowed", "toegangslog")
        assert entry.access_point.startswith("api ")
    else:
        assert response.status_code == 403
        assert "eigen" not in response.content.decode()
        assert (entry.action, entry.outcome, entry.part) == ("search", "denied", "toegangslog")


@pytest.mark.parametrize("persona", PERSONAS)
def test_emergency_list_and_review_per_persona(world, persona):
    g = grant(world)
    user = getattr(world, persona)
    client = api_client(user)
    listing = client.get(GRANTS)
    review = client.post(review_url(g), {"note": "Terecht, crisis."}, format="json")
    g.refresh_from_db()
    entry = last_entry(user)
    if persona == "privacy":
        assert listing.status_code == 200 and [r["id"] for r in listing.json()["results"]] == [str(g.id)]
        assert review.status_code == 200, review.json()
        assert review.json()["reviewed_by"]["username"] == "privacy"
        assert g.review_note == "Terecht, crisis."
        assert (entry.action, entry.outcome) == ("update", "allowed")
    else:
        assert listing.status_code == 403 and review.status_code == 403
        assert "Crisis" not in listing.content.decode()
        assert g.reviewed_at is None
        assert (entry.action, entry.outcome, entry.part) == ("update", "denied", "noodtoegang-beoordeling")
        assert entry.object_id == str(g.id)


def test_anonymous_gets_401_everywhere(world):
    from rest_framework.test import APIClient

    g = grant(world)
    client = APIClient()
    for response in (
        client.get(LOG),
        client.get(GRANTS),
        client.post(review_url(g), {"note": "x" * 10}),
        client.get(f"/api/v1/residents/{world.parent.id}/data-export"),
    ):
        assert response.status_code == 401


def test_filters(world):
    with time_machine.travel(dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        log(world.own_worker, residents=[world.parent.id], part="a")
    with time_machine.travel(dt.datetime(2025, 3, 2, 12, tzinfo=dt.UTC), tick=False):
        log(world.colleague, residents=[world.child.id], part="b", outcome=Outcome.DENIED)
    with time_machine.travel(dt.datetime(2025, 3, 3, 12, tzinfo=dt.UTC), tick=False):
        log(world.colleague, residents=[world.parent.id], part="c", emergency=True)
    log(world.other_municipality_worker, part="elders")
    client = api_client(world.privacy)

    def parts(**params):
        results = client.get(LOG, params).json()["results"]
        return [r["part"] for r in results if r["username"] != "privacy"]

    assert parts() == ["c", "b", "a"]
    assert parts(resident=str(world.parent.id)) == ["c", "a"]
    assert parts(user="collega") == ["c", "b"]
    assert parts(outcome="denied") == ["b"]
    assert parts(emergency="true") == ["c"]
    period = {"from": "2025-03-02", "to": "2025-03-02"}  # "from" is a Python keyword
    assert parts(**period) == ["b"]
    entry = last_entry(world.privacy)
    assert entry.detail["van"] == "2025-03-02" and entry.detail["tot"] == "2025-03-02"


@pytest.mark.parametrize(
    "params, field",
    [
        ({"resident": "123"}, "resident"),
        ({"from": "gisteren"}, "from"),
        ({"to": "2025-13-01"}, "to"),
        ({"from": "2025-03-02", "to": "2025-03-01"}, "to"),
        ({"outcome": "??"}, "outcome"),
        ({"emergency": "misschien"}, "emergency"),
    ],
)
def test_bad_filters_are_400_with_the_parameter_name(world, params, field):
    response = api_client(world.privacy).get(LOG, params)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not last_entry_or_none(world.privacy)


def last_entry_or_none(user):
    from stevig.audit.models import AccessLogEntry

    return AccessLogEntry.objects.filter(user_id=user.id).first()


def test_paging_and_query_count(world):
    client = api_client(world.privacy)
    log(world.own_worker)

    def count(params):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(LOG, params)
        assert response.status_code == 200
        return len(ctx.captured_queries), response.json()

    for _ in range(4):
        log(world.own_worker, residents=[world.parent.id, world.child.id])
    few, _ = count({"user": "eigen"})
    for _ in range(45):
        log(world.own_worker, residents=[world.parent.id, world.child.id])
    many, first = count({"user": "eigen", "page_size": 20})
    assert many == few
    assert len(first["results"]) == 20 and first["next"] and first["previous"] is None
    # Deeper pages go by cursor (keyset): the same queries, no overlap, and back again.
    second = client.get(first["next"]).json()
    deep, third = count(
        {"user": "eigen", "page_size": 20, "cursor": second["next"].split("cursor=")[1].split("&")[0]}
    )
    assert deep == few
    assert len(third["results"]) == 10 and third["next"] is None
    seen = [row["event_id"] for page in (first, second, third) for row in page["results"]]
    assert len(set(seen)) == 50
    back = client.get(second["previous"]).json()
    assert [r["event_id"] for r in back["results"]] == [r["event_id"] for r in first["results"]]
    assert back["previous"] is None


def test_emergency_list_filter_and_scope(world):
    open_one = grant(world)
    done = grant(world)
    EmergencyAccess.objects.filter(id=done.id).update(
        reviewed_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC), reviewed_by=world.privacy, review_note="ok"
    )
    grant(world, household=world.other_household, user=world.other_municipality_worker)
    client = api_client(world.privacy)
    assert [r["id"] for r in client.get(GRANTS).json()["results"]] == [str(open_one.id), str(done.id)]
    assert [r["id"] for r in client.get(GRANTS, {"reviewed": "false"}).json()["results"]] == [
        str(open_one.id)
    ]
    assert [r["id"] for r in client.get(GRANTS, {"reviewed": "true"}).json()["results"]] == [str(done.id)]
    assert client.get(GRANTS, {"reviewed": "ja"}).status_code == 400
    row = client.get(GRANTS).json()["results"][0]
    assert row["address"] == world.household.address_line and row["user"]["username"] == "anderteam"


def test_review_bad_input_and_scope(world):
    g = grant(world)
    elsewhere = grant(world, household=world.other_household, user=world.other_municipality_worker)
    client = api_client(world.privacy)
    assert client.post(review_url(g), {}, format="json").status_code == 400
    assert "note" in client.post(review_url(g), {"note": "kort"}, format="json").json()["errors"]
    assert client.post(review_url(elsewhere), {"note": "Niet van ons."}, format="json").status_code == 404
    assert (last_entry(world.privacy).action, last_entry(world.privacy).outcome) == ("update", "denied")
    assert (
        client.post(f"{GRANTS}/{uuid.uuid4()}/review", {"note": "Bestaat niet."}, format="json").status_code
        == 404
    )
    assert client.post(review_url(g), {"note": "Eerste keer."}, format="json").status_code == 200
    again = client.post(review_url(g), {"note": "Tweede keer."}, format="json")
    assert again.status_code == 400 and "al beoordeeld" in again.json()["errors"]["note"][0]
    assert EmergencyAccess.objects.get(id=elsewhere.id).reviewed_at is None


def test_a_row_names_its_residents_and_part_as_the_serializers_did(world):
    """The residents are written out directly and the part label read from the Part choices (both for
    speed): the JSON is what `ResidentRefSerializer(many=True)` and `get_part_display()` gave."""
    from stevig.audit.api.serializers import ResidentRefSerializer
    from stevig.audit.models import AccessLogEntry, Part
    from stevig.audit.selectors import LogRow, ResidentRef

    gone = uuid.uuid4()  # a resident who no longer exists keeps the id, with the name null
    log(world.own_worker, residents=[world.parent.id, world.child.id, gone])
    rows = api_client(world.privacy).get(LOG, {"user": world.own_worker.username}).json()["results"]
    row = next(r for r in rows if str(gone) in {ref["id"] for ref in r["residents"]})
    entry = AccessLogEntry.objects.get(seq=row["seq"], municipality_code=world.municipality.code)
    refs = [
        ResidentRef(str(world.parent.id), world.parent.full_name),
        ResidentRef(str(world.child.id), world.child.full_name),
        ResidentRef(str(gone), None),
    ]
    expected = ResidentRefSerializer(refs, many=True).data
    assert sorted(row["residents"], key=lambda r: r["id"]) == sorted(expected, key=lambda r: r["id"])
    assert {"id": str(gone), "name": None} in row["residents"]
    assert row["part_label"] == entry.get_part_display() == str(Part(entry.part).label)
    for part in [*Part.values, "oud-onderdeel"]:
        entry.part = part
        assert LogRow(entry, []).part_label == entry.get_part_display()
