"""Emergency-access review: list (unreviewed first), detail, review form; personas, log, bad input."""

import datetime as dt
import re
import uuid

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stevig.audit.models import AccessLogEntry
from stevig.audit.tests.helpers import last_entry
from stevig.people.models import EmergencyAccess
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, web_client

pytestmark = pytest.mark.django_db

LIST = "/toegangslog/noodtoegang/"


def grant(
    world,
    *,
    user=None,
    household=None,
    when=dt.datetime(2025, 5, 1, 8, 0, tzinfo=dt.UTC),
    reason="Crisis, eigen team niet bereikbaar.",
):
    with time_machine.travel(when, tick=False):
        return EmergencyAccess.objects.create(
            municipality=(household or world.household).municipality,
            household=household or world.household,
            user=user or world.other_team_worker,
            reason=reason,
            expires_at=when + dt.timedelta(hours=24),
        )


def detail(g):
    return f"/toegangslog/noodtoegang/{g.id}/"


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_per_persona(world, persona):
    g = grant(world)
    user = getattr(world, persona)
    response = web_client(user).get(LIST)
    entry = last_entry(user)
    if persona == "privacy":
        assert response.status_code == 200
        assert world.household.address_line in response.content.decode()
        assert (entry.action, entry.outcome, entry.part) == ("search", "allowed", "noodtoegang-overzicht")
        assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}
    else:
        assert response.status_code == 403
        assert "Crisis" not in response.content.decode()
        assert world.household.address_line not in response.content.decode()
        assert (entry.action, entry.outcome) == ("search", "denied")
    assert EmergencyAccess.objects.get(id=g.id).reviewed_at is None


@pytest.mark.parametrize("persona", PERSONAS)
def test_detail_and_review_per_persona(world, persona):
    g = grant(world)
    user = getattr(world, persona)
    client = web_client(user)
    response = client.get(detail(g))
    if persona == "privacy":
        assert response.status_code == 200
        assert "Crisis, eigen team niet bereikbaar." in response.content.decode()
        assert (last_entry(user).action, last_entry(user).outcome) == ("read", "allowed")
    else:
        assert response.status_code == 403
        assert "Crisis" not in response.content.decode()
        entry = last_entry(user)
        assert (entry.action, entry.outcome, entry.object_id) == ("read", "denied", str(g.id))
    response = client.post(detail(g), {"note": "Terecht: crisis buiten kantoortijd."})
    g.refresh_from_db()
    entry = last_entry(user)
    if persona == "privacy":
        assert response.status_code == 302 and response["Location"] == LIST
        assert g.reviewed_by == world.privacy and g.review_note == "Terecht: crisis buiten kantoortijd."
        assert (entry.action, entry.outcome, entry.part) == ("update", "allowed", "noodtoegang-beoordeling")
    else:
        assert response.status_code == 403
        assert g.reviewed_at is None
        assert (entry.action, entry.outcome, entry.part) == ("update", "denied", "noodtoegang-beoordeling")


def test_unreviewed_first_then_newest(world):
    old_open = grant(
        world, when=dt.datetime(2025, 1, 1, tzinfo=dt.UTC), reason="oud en open, nog niet gezien"
    )
    new_done = grant(world, when=dt.datetime(2025, 6, 1, tzinfo=dt.UTC), reason="nieuw en beoordeeld, klaar")
    new_open = grant(
        world, when=dt.datetime(2025, 5, 1, tzinfo=dt.UTC), reason="nieuwer en open, nog niet gezien"
    )
    EmergencyAccess.objects.filter(id=new_done.id).update(
        reviewed_at=dt.datetime(2025, 6, 2, tzinfo=dt.UTC), reviewed_by=world.privacy, review_note="ok"
    )
    page = web_client(world.privacy).get(LIST).context["page"]
    assert [g.id for g in page] == [new_open.id, old_open.id, new_done.id]


def test_only_own_municipality(world):
    elsewhere = grant(
        world,
        household=world.other_household,
        user=world.other_municipality_worker,
        reason="andere gemeente, niet zichtbaar",
    )
    response = web_client(world.privacy).get(LIST)
    assert elsewhere.id not in [g.id for g in response.context["page"]]
    assert web_client(world.privacy).get(detail(elsewhere)).status_code == 404
    entry = last_entry(world.privacy)
    assert (entry.action, entry.outcome, entry.resident_ids) == ("read", "denied", [])
    response = web_client(world.privacy).post(detail(elsewhere), {"note": "Mag niet kunnen."})
    assert response.status_code == 404
    assert EmergencyAccess.objects.get(id=elsewhere.id).reviewed_at is None
    assert (last_entry(world.privacy).action, last_entry(world.privacy).outcome) == ("update", "denied")
    assert web_client(world.privacy).get(f"/toegangslog/noodtoegang/{uuid.uuid4()}/").status_code == 404


@pytest.mark.parametrize(
    "note, message",
    [
        ("", "Schrijf een korte beoordeling."),
        ("ok", "minstens 5 tekens"),
        ("x" * 2001, "hoogstens 2000 tekens"),
    ],
)
def test_bad_review_shows_the_error_at_the_field(world, note, message):
    g = grant(world)
    response = web_client(world.privacy).post(detail(g), {"note": note})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert re.search(r'aria-describedby="[^"]*id_note_error', html) and 'id="id_note_error"' in html
    assert EmergencyAccess.objects.get(id=g.id).reviewed_at is None


def test_second_review_is_refused(world):
    g = grant(world)
    client = web_client(world.privacy)
    assert client.post(detail(g), {"note": "Eerste beoordeling."}).status_code == 302
    response = client.post(detail(g), {"note": "Tweede beoordeling."})
    assert response.status_code == 400
    assert "al beoordeeld" in response.content.decode()
    assert EmergencyAccess.objects.get(id=g.id).review_note == "Eerste beoordeling."


def test_list_query_count_is_constant(world):
    client = web_client(world.privacy)

    def make(n):
        for _ in range(n):
            household = f.HouseholdFactory(municipality=world.municipality, team=world.other_team)
            f.add_member(household)
            grant(world, household=household)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST).status_code == 200
        return len(ctx.captured_queries)

    count()  # the first read of the log also creates the municipality's chain head
    make(5)
    few = count()
    make(45)
    assert count() == few
    assert AccessLogEntry.objects.filter(user_id=world.privacy.id).count() == 3
