"""The monthly destruction list (background job), the privacy officer's review (page and API: approve →
destroyed now, reject → kept; 409 on a stale list) and the litigation hold (placed and lifted with a
reason, logged), with every persona refused but the privacy officer."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from stevig.audit.models import AccessLogEntry
from stevig.audit.services import verify_chain
from stevig.core.context import Actor
from stevig.decisions.models import Decision, ProductCategory
from stevig.people.models import Household
from stevig.retention import services
from stevig.retention.models import DestructionList, DestructionListItem, LitigationHold
from stevig.retention.tasks import make_destruction_list
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, api_client, web_client
from stevig.testing.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db

# "Today": Monday 5 January 2026, the first working day of the month the job runs for.
NOW = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 1, 5)
OTHERS = [p for p in PERSONAS if p != "privacy"]


@pytest.fixture(autouse=True)
def clock(request):  # type: ignore[no-untyped-def]
    if request.node.get_closest_marker("browser"):
        yield  # the browser's login codes need the real clock
        return
    with time_machine.travel(NOW, tick=True):
        yield


def old_wmo_file(world, household=None) -> Household:  # type: ignore[no-untyped-def]
    """A household whose Wmo provision ran from 4 January 2010 to Friday 31 December 2010: its 15 years
    (Selectielijst 2020, 8.1.1) ended on 31 December 2025."""
    household = household or world.household
    Household.objects.filter(id=household.id).update(created_at=dt.datetime(2009, 11, 2, 9, 0, tzinfo=dt.UTC))
    category = ProductCategory.objects.create(
        municipality=world.municipality,
        code="hulp-bij-huishouden-test",
        name="Hulp bij het huishouden",
        law="wmo",
    )
    member = household.memberships.first().resident
    Decision.objects.create(
        municipality=world.municipality,
        household=household,
        resident=member,
        category=category,
        law="wmo",
        form="zin",
        outcome="toekenning",
        start_date=dt.date(2010, 1, 4),
        end_date=dt.date(2010, 12, 31),
        reason="Hulp bij het huishouden",
        decided_on=dt.date(2010, 1, 4),
        decided_by=world.own_worker,
    )
    return household


def recent_file(household) -> None:  # type: ignore[no-untyped-def]
    Household.objects.filter(id=household.id).update(created_at=dt.datetime(2024, 5, 1, 9, 0, tzinfo=dt.UTC))


def the_list(world, today=TODAY) -> DestructionList:  # type: ignore[no-untyped-def]
    return services.make_destruction_list(municipality_id=world.municipality.id, today=today)


def item_of(destruction_list, household) -> DestructionListItem:  # type: ignore[no-untyped-def]
    return destruction_list.items.get(household_ref=str(household.id))


# ---- The monthly job ----------------------------------------------------------------------------------


def test_the_monthly_job_lists_the_files_whose_period_passed(world):
    old_wmo_file(world)
    recent_file(world.other_household)
    make_destruction_list.enqueue(str(world.municipality.id), TODAY.isoformat())
    assert run_queued_tasks() == 1
    destruction_list = DestructionList.objects.get(municipality=world.municipality)
    assert (destruction_list.month, destruction_list.made_on) == (dt.date(2026, 1, 1), TODAY)
    refs = set(destruction_list.items.values_list("household_ref", flat=True))
    assert str(world.household.id) in refs and str(world.other_household.id) not in refs
    item = item_of(destruction_list, world.household)
    assert (item.kinds, item.last_involvement, item.keep_until) == (
        ["wmo"],
        dt.date(2010, 12, 31),
        dt.date(2025, 12, 31),
    )
    assert item.sources[0].startswith("Selectielijst 2020, 8.1.1")
    # Safe to run twice: the month keeps its one list.
    make_destruction_list.enqueue(str(world.municipality.id), TODAY.isoformat())
    run_queued_tasks()
    assert DestructionList.objects.filter(municipality=world.municipality).count() == 1
    assert destruction_list.items.count() == len(refs)


def test_on_the_last_day_of_the_period_the_file_is_not_listed(world):
    old_wmo_file(world)
    december = the_list(world, today=dt.date(2025, 12, 31))
    assert not december.items.filter(household_ref=str(world.household.id)).exists()


def test_a_file_with_something_still_running_is_not_listed(world):
    old_wmo_file(world)
    Decision.objects.filter(household=world.household).update(end_date=dt.date(2030, 12, 31))
    assert not the_list(world).items.filter(household_ref=str(world.household.id)).exists()


def test_the_management_command_queues_the_job_for_every_municipality(world):
    from django.core.management import call_command

    old_wmo_file(world)
    call_command("make_destruction_lists")
    assert run_queued_tasks() >= 2
    assert DestructionList.objects.filter(municipality=world.municipality, month=dt.date(2026, 1, 1)).exists()


# ---- Review page ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_page_per_persona(world, persona):
    old_wmo_file(world)
    destruction_list = the_list(world)
    user = getattr(world, persona)
    response = web_client(user).get(f"/bewaren/lijst/{destruction_list.id}/")
    entry = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    if persona == "privacy":
        assert response.status_code == 200
        assert world.household.address_line in response.content.decode()
        assert entry.outcome == "allowed" and entry.part == "vernietigingslijst"
        assert {str(world.parent.id), str(world.child.id)} <= set(entry.resident_ids)
    else:
        assert response.status_code == 403
        assert (entry.outcome, entry.part) == ("denied", "vernietigingslijst")
        assert world.household.street not in response.content.decode()


@pytest.mark.parametrize("persona", OTHERS)
def test_only_the_privacy_officer_reviews_on_the_page(world, persona):
    old_wmo_file(world)
    item = item_of(the_list(world), world.household)
    user = getattr(world, persona)
    client = web_client(user)
    assert client.get(f"/bewaren/dossier/{item.id}/").status_code == 403
    response = client.post(
        f"/bewaren/dossier/{item.id}/",
        {"decision": "goedkeuren", "reason": "Termijn voorbij.", "expected_version": item.version},
    )
    assert response.status_code == 403
    assert Household.objects.filter(id=world.household.id).exists()
    entry = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    assert (entry.outcome, entry.action) == ("denied", "delete")


def test_lists_index_per_persona(world):
    the_list(world)
    assert web_client(world.privacy).get("/bewaren/").status_code == 200
    for persona in OTHERS:
        assert web_client(getattr(world, persona)).get("/bewaren/").status_code == 403


def test_approving_on_the_page_destroys_the_file_and_keeps_the_log(world):
    old_wmo_file(world)
    item = item_of(the_list(world), world.household)
    client = web_client(world.privacy)
    response = client.post(
        f"/bewaren/dossier/{item.id}/",
        {
            "decision": "goedkeuren",
            "reason": "Termijn voorbij, niets loopt nog.",
            "expected_version": item.version,
        },
    )
    assert response.status_code == 302
    assert not Household.objects.filter(id=world.household.id).exists()
    item.refresh_from_db()
    assert item.status == "vernietigd" and item.decided_by == world.privacy and item.record is not None
    assert "Selectielijst 2020, 8.1.1" in item.record.ground
    last = AccessLogEntry.objects.filter(user_id=world.privacy.id).latest("seq")
    assert (last.action, last.part, last.object_id) == ("update", "vernietigingslijst", str(item.id))
    assert set(last.resident_ids) == {str(world.parent.id), str(world.child.id)}
    assert verify_chain(world.municipality.code) == []
    # The list page still shows the item, without the destroyed address.
    page = client.get(f"/bewaren/lijst/{item.destruction_list_id}/").content.decode()
    assert "Dossier (vernietigd)" in page and world.household.street not in page


def test_bad_input_on_the_page_changes_nothing(world):
    old_wmo_file(world)
    item = item_of(the_list(world), world.household)
    response = web_client(world.privacy).post(
        f"/bewaren/dossier/{item.id}/", {"decision": "", "reason": "", "expected_version": item.version}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kies goedkeuren of afwijzen." in body and "Schrijf op waarom." in body
    assert Household.objects.filter(id=world.household.id).exists()


def test_list_page_runs_constant_queries(world, django_assert_max_num_queries):
    old_wmo_file(world)
    client = web_client(world.privacy)
    first = the_list(world)
    with django_assert_max_num_queries(40):
        assert client.get(f"/bewaren/lijst/{first.id}/").status_code == 200
    # Eight more files on next month's list: the same budget.
    for _n in range(8):
        extra = f.HouseholdFactory(municipality=world.municipality)
        f.add_member(extra)
        Household.objects.filter(id=extra.id).update(created_at=dt.datetime(2010, 1, 1, tzinfo=dt.UTC))
    second = the_list(world, today=dt.date(2026, 2, 2))
    assert second.items.count() >= first.items.count() + 8
    with django_assert_max_num_queries(40):
        assert client.get(f"/bewaren/lijst/{second.id}/").status_code == 200


# ---- Review API ----------------------------------------------------------------------------------------


def review(user, item, **body):  # type: ignore[no-untyped-def]
    data = {"decision": "afwijzen", "reason": "Nog nodig voor een zaak.", "expected_version": item.version}
    data.update(body)
    return api_client(user).post(f"/api/v1/destruction-list-items/{item.id}/review", data, format="json")


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_items_per_persona(world, persona):
    old_wmo_file(world)
    destruction_list = the_list(world)
    user = getattr(world, persona)
    response = api_client(user).get(f"/api/v1/destruction-lists/{destruction_list.id}/items")
    entry = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    if persona == "privacy":
        assert response.status_code == 200
        rows = {r["item"]["household"]: r for r in response.json()["results"]}
        assert rows[str(world.household.id)]["item"]["keep_until"] == "2025-12-31"
        assert entry.outcome == "allowed"
    else:
        assert response.status_code == 403
        assert entry.outcome == "denied"
    lists = api_client(user).get("/api/v1/destruction-lists")
    assert lists.status_code == (200 if persona == "privacy" else 403)


@pytest.mark.parametrize("persona", OTHERS)
def test_api_review_refused_for_every_other_persona(world, persona):
    old_wmo_file(world)
    item = item_of(the_list(world), world.household)
    user = getattr(world, persona)
    assert review(user, item, decision="goedkeuren").status_code == 403
    assert Household.objects.filter(id=world.household.id).exists()
    assert AccessLogEntry.objects.filter(user_id=user.id).latest("id").outcome == "denied"


def test_api_reject_keeps_the_file(world):
    old_wmo_file(world)
    item = item_of(the_list(world), world.household)
    response = review(world.privacy, item)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "afgewezen"
    assert response.json()["reason"] == "Nog nodig voor een zaak."
    assert Household.objects.filter(id=world.household.id).exists()


def test_api_409_when_the_item_was_decided_since_it_was_read(world):
    old_wmo_file(world)
    item = item_of(the_list(world), world.household)
    assert review(world.privacy, item).status_code == 200
    stale = review(world.privacy, item, decision="goedkeuren")  # the version read before the rejection
    assert stale.status_code == 409
    assert stale.json()["code"] == "version_conflict"
    assert Household.objects.filter(id=world.household.id).exists()


def test_api_409_on_a_list_replaced_by_a_newer_month(world):
    old_wmo_file(world)
    item = item_of(the_list(world), world.household)
    the_list(world, today=dt.date(2026, 2, 2))
    response = review(world.privacy, item, decision="goedkeuren")
    assert response.status_code == 409
    assert Household.objects.filter(id=world.household.id).exists()


def test_api_bad_input(world):
    old_wmo_file(world)
    item = item_of(the_list(world), world.household)
    response = review(world.privacy, item, decision="weggooien", reason="")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"decision", "reason"}
    short = review(world.privacy, item, reason="ok")
    assert short.status_code == 400 and "reason" in short.json()["errors"]
    item.refresh_from_db()
    assert item.status == "voorgesteld"


def test_api_another_municipality_gets_not_found(world):
    old_wmo_file(world)
    item = item_of(the_list(world), world.household)
    other_privacy = f.UserFactory(username="privacy2", municipality=world.other_municipality, role="privacy")
    assert review(other_privacy, item, decision="goedkeuren").status_code == 404
    assert (
        api_client(other_privacy)
        .get(f"/api/v1/destruction-lists/{item.destruction_list_id}/items")
        .status_code
        == 404
    )
    assert Household.objects.filter(id=world.household.id).exists()


# ---- Litigation hold ---------------------------------------------------------------------------------


def test_a_hold_blocks_approval_until_it_is_lifted(world):
    old_wmo_file(world)
    item = item_of(the_list(world), world.household)
    client = api_client(world.privacy)
    placed = client.post(
        f"/api/v1/households/{world.household.id}/litigation-holds",
        {"reason": "Beroep bij de rechtbank tegen de beschikking."},
        format="json",
    )
    assert placed.status_code == 201 and placed.json()["active"] is True
    entry = AccessLogEntry.objects.filter(user_id=world.privacy.id).latest("id")
    assert (entry.action, entry.part) == ("create", "bewaarplicht")
    refused = review(world.privacy, item, decision="goedkeuren")
    assert refused.status_code == 400
    assert "bewaarplicht" in str(refused.json()["errors"])
    assert Household.objects.filter(id=world.household.id).exists()
    item.refresh_from_db()
    assert item.status == "voorgesteld"

    # Lifted on the page, with a reason; lifting twice answers 409 in the API.
    hold = LitigationHold.objects.get(id=placed.json()["id"])
    response = web_client(world.privacy).post(
        f"/bewaren/bewaarplicht/{hold.id}/opheffen/", {"reason": "Uitspraak gedaan, geen hoger beroep."}
    )
    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_by == world.privacy and hold.lift_reason.startswith("Uitspraak")
    again = client.post(
        f"/api/v1/litigation-holds/{hold.id}/lift", {"reason": "Nog een keer."}, format="json"
    )
    assert again.status_code == 409
    assert review(world.privacy, item, decision="goedkeuren").status_code == 200
    assert not Household.objects.filter(id=world.household.id).exists()


def test_placing_a_hold_on_the_page_and_bad_input(world):
    client = web_client(world.privacy)
    url = f"/bewaren/huishouden/{world.household.id}/bewaarplicht/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"reason": ""})
    assert bad.status_code == 400 and "Schrijf op waarom." in bad.content.decode()
    assert not LitigationHold.objects.filter(household=world.household).exists()
    assert client.post(url, {"reason": "Klacht bij de ombudsman loopt."}).status_code == 302
    hold = LitigationHold.objects.get(household=world.household)
    assert hold.placed_by == world.privacy and hold.lifted_at is None
    assert "Klacht bij de ombudsman loopt." in client.get(url).content.decode()


@pytest.mark.parametrize("persona", OTHERS)
def test_holds_refused_for_every_other_persona(world, persona):
    user = getattr(world, persona)
    hold = LitigationHold.objects.create(
        municipality=world.municipality,
        household=world.household,
        reason="Bezwaar loopt",
        placed_by=world.privacy,
        placed_at=timezone.now(),
    )
    url = f"/bewaren/huishouden/{world.household.id}/bewaarplicht/"
    assert web_client(user).get(url).status_code == 403
    assert web_client(user).post(url, {"reason": "Ik wil bewaren."}).status_code == 403
    assert (
        web_client(user)
        .post(f"/bewaren/bewaarplicht/{hold.id}/opheffen/", {"reason": "Weg ermee."})
        .status_code
        == 403
    )
    api = api_client(user)
    assert api.get(f"/api/v1/households/{world.household.id}/litigation-holds").status_code == 403
    assert (
        api.post(
            f"/api/v1/litigation-holds/{hold.id}/lift", {"reason": "Weg ermee."}, format="json"
        ).status_code
        == 403
    )
    hold.refresh_from_db()
    assert hold.lifted_at is None
    assert LitigationHold.objects.filter(household=world.household).count() == 1
    assert AccessLogEntry.objects.filter(user_id=user.id, outcome="denied", part="bewaarplicht").count() == 5


def test_holds_of_another_municipality_are_not_found(world):
    other_privacy = f.UserFactory(username="privacy2", municipality=world.other_municipality, role="privacy")
    api = api_client(other_privacy)
    assert api.get(f"/api/v1/households/{world.household.id}/litigation-holds").status_code == 404
    response = api.post(
        f"/api/v1/households/{world.household.id}/litigation-holds",
        {"reason": "Niet van mij."},
        format="json",
    )
    assert response.status_code == 404
    assert not LitigationHold.objects.filter(household=world.household).exists()


def closed_question(world, household, kind: str, received: dt.datetime, ref: str) -> None:  # type: ignore[no-untyped-def]
    from stevig.intake.models import Question

    Question.objects.create(
        municipality=world.municipality,
        reference=ref,
        text="Vraag",
        kind=kind,
        channel="telefoon",
        team=world.team,
        household=household,
        status="afgesloten",
        received_at=received,
        idempotency_key=ref,
    )


def test_a_debt_question_file_is_listed_after_five_years_and_a_wmo_file_after_fifteen(world):
    # Debt help only (Selectielijst 8.1.9): question of Monday 2 March 2020 → kept to 2 March 2025.
    Household.objects.filter(id=world.other_household.id).update(
        created_at=dt.datetime(2020, 3, 2, 9, 0, tzinfo=dt.UTC)
    )
    closed_question(
        world, world.other_household, "wgs", dt.datetime(2020, 3, 2, 9, 0, tzinfo=dt.UTC), "VR-T1"
    )
    # A file with a Wmo provision that ended in 2010 and a debt question of Monday 2 May 2016: its last
    # involvement is 2016 and its longest period Wmo's 15 years (to 2031), so it is not on the list.
    old_wmo_file(world)
    closed_question(world, world.household, "wgs", dt.datetime(2016, 5, 2, 9, 0, tzinfo=dt.UTC), "VR-T2")
    destruction_list = the_list(world)
    debt = item_of(destruction_list, world.other_household)
    assert (debt.kinds, debt.last_involvement, debt.keep_until) == (
        ["wgs"],
        dt.date(2020, 3, 2),
        dt.date(2025, 3, 2),
    )
    assert debt.sources == ["Selectielijst 2020, 8.1.9 (schuldhulpverlening): 5 jaar"]
    assert not destruction_list.items.filter(household_ref=str(world.household.id)).exists()


def test_the_privacy_officer_finds_a_household_by_address_to_place_a_hold(world):
    client = web_client(world.privacy)
    household = world.household
    response = client.post(
        "/bewaren/bewaarplicht/zoeken/",
        {"postcode": household.postcode.replace(" ", "").lower(), "house_number": household.house_number},
    )
    assert response.status_code == 200
    assert f"/bewaren/huishouden/{household.id}/bewaarplicht/" in response.content.decode()
    entry = AccessLogEntry.objects.filter(user_id=world.privacy.id).latest("id")
    assert (entry.action, entry.part) == ("search", "bewaarplicht")
    assert {str(world.parent.id), str(world.child.id)} <= set(entry.resident_ids)
    bad = client.post("/bewaren/bewaarplicht/zoeken/", {"postcode": "12", "house_number": "x"})
    assert bad.status_code == 400
    assert "Vul een postcode in zoals 1234 AB." in bad.content.decode()
    # A running hold shows on the start page of the lists.
    services.place_hold(
        actor=Actor(user=world.privacy, access_point="127.0.0.1"),
        household_id=household.id,
        reason="Bezwaar loopt.",
    )
    assert "Bezwaar loopt." in client.get("/bewaren/").content.decode()


@pytest.mark.parametrize("persona", OTHERS)
def test_hold_search_refused_for_every_other_persona(world, persona):
    user = getattr(world, persona)
    client = web_client(user)
    assert client.get("/bewaren/bewaarplicht/zoeken/").status_code == 403
    response = client.post(
        "/bewaren/bewaarplicht/zoeken/", {"postcode": world.household.postcode, "house_number": 1}
    )
    assert response.status_code == 403
    assert world.household.street not in response.content.decode()
    assert AccessLogEntry.objects.filter(user_id=user.id, outcome="denied", part="bewaarplicht").count() == 2


def test_every_row_of_the_review_has_the_purpose_privacy_supervision(world):
    old_wmo_file(world)
    item = item_of(the_list(world), world.household)
    assert review(world.privacy, item).status_code == 200
    assert review(world.own_worker, item).status_code == 403
    rows = AccessLogEntry.objects.filter(part="vernietigingslijst")
    assert rows.count() >= 2
    assert set(rows.values_list("purpose", flat=True)) == {"privacytoezicht"}
