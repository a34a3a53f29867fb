"""Social map and warm referral: search, admin scope, referrals per persona, access log, bad input,
follow-ups as a query, a referral never closes the trajectory, constant query counts."""

import datetime as dt
import re
import uuid

import pytest

from stevig.analysis.tests.helpers import ALLOWED, count_queries, last_entry
from stevig.core.context import Actor
from stevig.socialmap import services
from stevig.socialmap.models import Facility, FacilityDomain, Referral
from stevig.socialmap.selectors import referral_follow_ups_due
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, api_client, api_denied_status, denied_status, web_client
from stevig.trajectories.models import Phase, Trajectory

pytestmark = pytest.mark.django_db

BREAK_GLASS = {"other_team_worker", "coordinator"}


def actor(user) -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user=user, access_point="test")


@pytest.fixture
def facilities(world):  # type: ignore[no-untyped-def]
    services.seed_example_facilities(world.municipality)
    north = world.team.neighbourhoods.get()
    south = world.other_team.neighbourhoods.get()
    local = Facility.objects.create(
        municipality=world.municipality,
        name="Buurtmoestuin Noord",
        sphere="collectief",
        kind="vrijwilligersgroep",
        neighbourhood=north,
        purpose="Samen tuinieren",
        contact="tuin@example.org",
    )
    services.set_facility_domains(local, ["tijdsbesteding", "sociaal_netwerk"])
    elsewhere = Facility.objects.create(
        municipality=world.municipality,
        name="Sportmaatje Zuid",
        sphere="collectief",
        kind="sportclub",
        neighbourhood=south,
        purpose="Samen sporten",
        contact="sport@example.org",
    )
    services.set_facility_domains(elsewhere, ["sociaal_netwerk"])
    other_gm = Facility.objects.create(
        municipality=world.other_municipality,
        name="Anderdorp Buurthuis",
        sphere="collectief",
        kind="buurthuis",
        purpose="x",
        contact="x",
    )
    services.set_facility_domains(other_gm, ["sociaal_netwerk"])
    return {
        "local": local,
        "elsewhere": elsewhere,
        "other_gm": other_gm,
        "maatje": Facility.objects.get(municipality=world.municipality, name="SchuldHulpMaatje"),
    }


def test_seed_is_idempotent_and_gives_domains(world):
    first = services.seed_example_facilities(world.municipality)
    assert len(first) >= 6
    assert services.seed_example_facilities(world.municipality) == []
    maatje = Facility.objects.get(municipality=world.municipality, name="SchuldHulpMaatje")
    assert set(maatje.domain_codes) == {"financien", "instrumentele_adl"}


def test_search_by_domain_and_neighbourhood(world, facilities):
    north = world.team.neighbourhoods.get()
    client = api_client(world.own_worker)
    response = client.get(f"/api/v1/social-map/facilities?domain=sociaal_netwerk&neighbourhood={north.id}")
    assert response.status_code == 200
    names = {f["name"] for f in response.json()["results"]}
    # Local to Noord, plus municipality-wide; not Zuid, not another municipality.
    assert "Buurtmoestuin Noord" in names and "Buurthuis De Schakel" in names
    assert "Sportmaatje Zuid" not in names and "Anderdorp Buurthuis" not in names
    money = client.get("/api/v1/social-map/facilities?domain=financien").json()["results"]
    assert {f["name"] for f in money} == {"SchuldHulpMaatje", "Voedselbank"}
    assert client.get("/api/v1/social-map/facilities?domain=astrologie").status_code == 400
    page = web_client(world.own_worker).get(
        f"/sociale-kaart/?domain=sociaal_netwerk&neighbourhood={north.id}"
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Buurtmoestuin Noord" in html and "Sportmaatje Zuid" not in html


def test_inactive_facilities_are_not_found(world, facilities):
    Facility.objects.filter(id=facilities["maatje"].id).update(active=False)
    money = (
        api_client(world.own_worker).get("/api/v1/social-map/facilities?domain=financien").json()["results"]
    )
    assert {f["name"] for f in money} == {"Voedselbank"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_staff_member_may_consult_the_social_map_of_their_own_municipality(world, facilities, persona):
    user = getattr(world, persona)
    response = api_client(user).get("/api/v1/social-map/facilities")
    assert response.status_code == 200
    names = {f["name"] for f in response.json()["results"]}
    assert ("Anderdorp Buurthuis" in names) == (persona == "other_municipality_worker")
    assert web_client(user).get("/sociale-kaart/").status_code == 200
    detail = web_client(user).get(f"/sociale-kaart/voorziening/{facilities['local'].id}/")
    assert detail.status_code == (404 if persona == "other_municipality_worker" else 200)


def test_search_query_count_is_constant(world, facilities):
    client = api_client(world.own_worker)
    web = web_client(world.own_worker)
    few = (
        count_queries(lambda: client.get("/api/v1/social-map/facilities?page_size=50")),
        count_queries(lambda: web.get("/sociale-kaart/")),
    )
    for n in range(30):
        extra = Facility.objects.create(
            municipality=world.municipality,
            name=f"Extra {n}",
            sphere="collectief",
            kind="overig",
            purpose="x",
            contact="x",
        )
        services.set_facility_domains(extra, ["financien", "huisvesting", "justitie"])
    many = (
        count_queries(lambda: client.get("/api/v1/social-map/facilities?page_size=50")),
        count_queries(lambda: web.get("/sociale-kaart/")),
    )
    assert many == few
    second = web.get("/sociale-kaart/?pagina=2")
    assert second.status_code == 200 and "Vorige pagina" in second.content.decode()


def refer_payload(world, target, **change):  # type: ignore[no-untyped-def]
    return {
        "facility": str(target.id),
        "residents": [str(world.parent.id)],
        "referred_on": "2026-03-02",
        "follow_up_on": "2026-03-16",
        "note": "Hulp bij de post",
        **change,
    }


def test_referral_keeps_the_trajectory_open_and_is_logged(world, trajectory, facilities):
    trajectory.phase = Phase.HELP
    trajectory.save()
    client = api_client(world.own_worker)
    response = client.post(
        f"/api/v1/trajectories/{trajectory.id}/referrals",
        refer_payload(world, facilities["maatje"]),
        format="json",
    )
    assert response.status_code == 201, response.json()
    referral = Referral.objects.get()
    entry = last_entry(world.own_worker)
    assert (entry.action, entry.outcome, entry.part) == ("create", "allowed", "verwijzing")
    assert entry.resident_ids == [str(world.parent.id)]
    outcome = client.post(
        f"/api/v1/referrals/{referral.id}/outcome",
        {"version": referral.version, "outcome": "gestart"},
        format="json",
    )
    assert outcome.status_code == 200, outcome.json()
    trajectory.refresh_from_db()
    assert trajectory.phase == Phase.HELP and trajectory.closed_at is None
    assert Trajectory.objects.filter(id=trajectory.id, phase=Phase.HELP).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"follow_up_on": "2026-03-01"}, "follow_up_on"),
        ({"residents": []}, "residents"),
        ({"residents": ["STRANGER"]}, "residents"),
        ({"facility": "OTHER_GM"}, "facility"),
        ({"facility": "INACTIVE"}, "facility"),
        ({"referred_on": "2026-04-01", "follow_up_on": "2026-04-10"}, "referred_on"),
    ],
)
def test_referral_bad_input(world, trajectory, facilities, change, field):
    stranger = f.ResidentFactory(municipality=world.municipality)
    inactive = Facility.objects.create(
        municipality=world.municipality,
        name="Gestopt",
        sphere="collectief",
        kind="overig",
        purpose="x",
        contact="x",
        active=False,
    )
    payload = refer_payload(world, facilities["maatje"], **change)
    payload["residents"] = [str(stranger.id) if r == "STRANGER" else r for r in payload["residents"]]
    payload["facility"] = {"OTHER_GM": str(facilities["other_gm"].id), "INACTIVE": str(inactive.id)}.get(
        payload["facility"], payload["facility"]
    )
    response = api_client(world.own_worker).post(
        f"/api/v1/trajectories/{trajectory.id}/referrals", payload, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Referral.objects.exists()


def test_referral_form_follow_up_before_date_is_a_field_error(world, trajectory, facilities):
    response = web_client(world.own_worker).post(
        f"/sociale-kaart/traject/{trajectory.id}/verwijzen/",
        refer_payload(world, facilities["maatje"], follow_up_on="2026-02-01"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nabellen kan niet voor de datum van de verwijzing" in html
    assert re.search(r'aria-describedby="[^"]*id_follow_up_on_error', html)
    assert "Hulp bij de post" in html
    assert not Referral.objects.exists()


def test_not_started_needs_a_reason(world, trajectory, facilities):
    referral = services.create_referral(
        actor=actor(world.own_worker),
        trajectory_id=trajectory.id,
        facility_id=facilities["maatje"].id,
        resident_ids=[world.parent.id],
        referred_on=dt.date(2026, 3, 2),
        follow_up_on=dt.date(2026, 3, 9),
    )
    client = api_client(world.own_worker)
    response = client.post(
        f"/api/v1/referrals/{referral.id}/outcome",
        {"version": referral.version, "outcome": "niet_gestart"},
        format="json",
    )
    assert response.status_code == 400 and "outcome_reason" in response.json()["errors"]
    page = web_client(world.own_worker).post(
        f"/sociale-kaart/verwijzing/{referral.id}/uitkomst/",
        {
            "version": referral.version,
            "outcome": "niet_gestart",
            "outcome_reason": "",
            "outcome_on": "2026-03-02",
        },
    )
    assert page.status_code == 400 and "waarom de inwoner niet is gestart" in page.content.decode()
    ok = client.post(
        f"/api/v1/referrals/{referral.id}/outcome",
        {
            "version": referral.version,
            "outcome": "niet_gestart",
            "outcome_reason": "Durfde niet alleen te gaan",
        },
        format="json",
    )
    assert ok.status_code == 200
    stale = client.post(
        f"/api/v1/referrals/{referral.id}/outcome",
        {"version": referral.version, "outcome": "gestart"},
        format="json",
    )
    assert stale.status_code == 409
    referral.refresh_from_db()
    assert referral.outcome == "niet_gestart" and referral.outcome_reason == "Durfde niet alleen te gaan"


def test_follow_ups_due_is_a_query(world, trajectory, facilities):
    me = actor(world.own_worker)
    due = services.create_referral(
        actor=me,
        trajectory_id=trajectory.id,
        facility_id=facilities["maatje"].id,
        resident_ids=[world.parent.id],
        referred_on=dt.date(2026, 2, 1),
        follow_up_on=dt.date(2026, 3, 1),
    )
    later = services.create_referral(
        actor=me,
        trajectory_id=trajectory.id,
        facility_id=facilities["local"].id,
        resident_ids=[world.child.id],
        referred_on=dt.date(2026, 3, 1),
        follow_up_on=dt.date(2026, 3, 20),
    )
    done = services.create_referral(
        actor=me,
        trajectory_id=trajectory.id,
        facility_id=facilities["local"].id,
        resident_ids=[world.child.id],
        referred_on=dt.date(2026, 2, 1),
        follow_up_on=dt.date(2026, 2, 15),
    )
    services.record_outcome(actor=me, referral_id=done.id, expected_version=done.version, outcome="gestart")
    assert list(referral_follow_ups_due(user=world.own_worker, until=dt.date(2026, 3, 2))) == [due]
    assert list(referral_follow_ups_due(user=world.own_worker, until=dt.date(2026, 3, 31))) == [due, later]
    assert list(referral_follow_ups_due(user=world.other_team_worker, until=dt.date(2026, 3, 31))) == []
    response = api_client(world.own_worker).get("/api/v1/referrals/follow-ups-due?until=2026-03-02")
    assert [r["id"] for r in response.json()["results"]] == [str(due.id)]
    entry = last_entry(world.own_worker)
    assert (entry.action, entry.resident_ids) == ("search", [str(world.parent.id)])
    refused = api_client(world.policy).get("/api/v1/referrals/follow-ups-due")
    assert refused.status_code == 403 and last_entry(world.policy).outcome == "denied"


@pytest.mark.parametrize("persona", PERSONAS)
def test_referral_pages_and_endpoints_per_persona(world, trajectory, facilities, persona):
    referral = services.create_referral(
        actor=actor(world.own_worker),
        trajectory_id=trajectory.id,
        facility_id=facilities["maatje"].id,
        resident_ids=[world.parent.id],
        referred_on=dt.date(2026, 3, 2),
        follow_up_on=dt.date(2026, 3, 9),
    )
    user = getattr(world, persona)
    web, api = web_client(user), api_client(user)
    pages = [
        f"/sociale-kaart/traject/{trajectory.id}/",
        f"/sociale-kaart/traject/{trajectory.id}/verwijzen/",
        f"/sociale-kaart/verwijzing/{referral.id}/uitkomst/",
    ]
    endpoints = [f"/api/v1/trajectories/{trajectory.id}/referrals", f"/api/v1/referrals/{referral.id}"]
    for url in pages:
        response = web.get(url)
        entry = last_entry(user)
        if persona in ALLOWED:
            assert response.status_code == 200, url
        else:
            assert response.status_code == denied_status(persona), url
            assert "El Amrani" not in response.content.decode()
            assert (entry.action, entry.outcome) == ("read", "denied")
    for url in endpoints:
        response = api.get(url)
        entry = last_entry(user)
        if persona in ALLOWED:
            assert response.status_code == 200, url
            assert entry.outcome == "allowed" and entry.resident_ids == [str(world.parent.id)]
        else:
            assert response.status_code == api_denied_status(persona), url
            assert entry.outcome == "denied"
    created = api.post(
        f"/api/v1/trajectories/{trajectory.id}/referrals",
        refer_payload(world, facilities["local"]),
        format="json",
    )
    assert created.status_code == (201 if persona in ALLOWED else api_denied_status(persona))
    assert Referral.objects.count() == (2 if persona in ALLOWED else 1)


def test_unknown_referral_is_404_and_logged(world):
    assert api_client(world.own_worker).get(f"/api/v1/referrals/{uuid.uuid4()}").status_code == 404
    assert last_entry(world.own_worker).outcome == "denied"


def test_referral_list_query_count_is_constant(world, trajectory, facilities):
    me = actor(world.own_worker)
    services.create_referral(
        actor=me,
        trajectory_id=trajectory.id,
        facility_id=facilities["maatje"].id,
        resident_ids=[world.parent.id],
        referred_on=dt.date(2026, 2, 1),
        follow_up_on=dt.date(2026, 2, 10),
    )
    web, api = web_client(world.own_worker), api_client(world.own_worker)
    urls = [
        (web, f"/sociale-kaart/traject/{trajectory.id}/"),
        (api, f"/api/v1/trajectories/{trajectory.id}/referrals"),
        (api, "/api/v1/referrals/follow-ups-due"),
    ]
    few = [count_queries(lambda c=c, u=u: c.get(u)) for c, u in urls]
    for n in range(8):
        services.create_referral(
            actor=me,
            trajectory_id=trajectory.id,
            facility_id=facilities["local" if n % 2 else "maatje"].id,
            resident_ids=[world.parent.id, world.child.id],
            referred_on=dt.date(2026, 2, 1),
            follow_up_on=dt.date(2026, 2, 10 + n),
        )
    assert [count_queries(lambda c=c, u=u: c.get(u)) for c, u in urls] == few


def test_closed_trajectory_takes_no_referral(world, facilities):
    from stevig.analysis.tests.helpers import open_trajectory

    closed = open_trajectory(world, phase=Phase.CLOSED)
    response = api_client(world.own_worker).post(
        f"/api/v1/trajectories/{closed.id}/referrals",
        refer_payload(world, facilities["maatje"]),
        format="json",
    )
    assert response.status_code == 400 and not Referral.objects.exists()


# --- the admin (/beheer/) ---------------------------------------------------------------------------


def test_admin_lists_only_own_municipality_and_saves_domains(world, facilities):
    client = web_client(world.admin)
    listing = client.get("/beheer/socialmap/facility/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Buurtmoestuin Noord" in html and "Anderdorp Buurthuis" not in html
    assert client.get(f"/beheer/socialmap/facility/{facilities['other_gm'].id}/change/").status_code in (
        302,
        403,
        404,
    )
    north = world.team.neighbourhoods.get()
    response = client.post(
        "/beheer/socialmap/facility/add/",
        {
            "name": "Repair Café",
            "sphere": "collectief",
            "kind": "vrijwilligersgroep",
            "domains": ["financien", "tijdsbesteding"],
            "neighbourhood": str(north.id),
            "purpose": "Samen spullen repareren",
            "contact": "repair@example.org",
            "address": "",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Facility.objects.get(name="Repair Café")
    assert created.municipality == world.municipality
    assert set(FacilityDomain.objects.filter(facility=created).values_list("domain", flat=True)) == {
        "financien",
        "tijdsbesteding",
    }


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - {"admin"}))
def test_admin_refuses_other_roles(world, persona):
    response = web_client(getattr(world, persona)).get("/beheer/socialmap/facility/")
    assert response.status_code in (302, 403)
