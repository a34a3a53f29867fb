"""Pages and API of signalering: personas on every page and endpoint, bad input, 409, query counts."""

import pytest

from stevig.signalering import services
from stevig.signalering.models import Signal
from stevig.signalering.tests.conftest import actor, raise_signal
from stevig.testing.personas import PERSONAS, api_client, web_client

TEAM = {"own_worker", "colleague", "team_lead"}
RAISERS = TEAM | {"other_team_worker", "coordinator", "other_municipality_worker"}


@pytest.fixture
def group(world, north):  # type: ignore[no-untyped-def]
    signals = [raise_signal(world, north, description=f"Wachtlijst GGZ, melding {i}.") for i in range(2)]
    return services.create_group(
        actor=actor(world.policy),
        title="wachtlijst GGZ",
        category="wachtlijst",
        neighbourhood_id=north.id,
        signal_ids=[s.id for s in signals],
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_pages_per_persona(world, north, group, persona) -> None:
    user = getattr(world, persona)
    client = web_client(user)
    signal = Signal.objects.filter(group=group).first()
    index = client.get("/knelpunten/")
    new = client.get("/knelpunten/melden/")
    detail = client.get(f"/knelpunten/{signal.id}/")
    group_page = client.get(f"/knelpunten/groepen/{group.id}/")
    groups = client.get("/knelpunten/groepen/")
    if persona == "policy":
        assert index.status_code == 200 and "2 signalen: wachtlijst, Noord" not in index.content.decode()
        assert "wachtlijst GGZ" in index.content.decode()
        assert new.status_code == 403
        assert detail.status_code == 200
        assert (
            group_page.status_code == 200
            and "2 signalen: wachtlijst GGZ, Noord" in group_page.content.decode()
        )
        assert groups.status_code == 200
    elif persona in RAISERS:
        assert index.status_code == 200 and new.status_code == 200
        assert detail.status_code == (200 if persona in TEAM else 404)
        assert group_page.status_code == 403 and groups.status_code == 403
    else:
        for response in (index, new, detail, group_page, groups):
            assert response.status_code == 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_per_persona(world, north, group, persona) -> None:
    user = getattr(world, persona)
    client = api_client(user)
    signal = Signal.objects.filter(group=group).first()
    listing = client.get("/api/v1/signals")
    detail = client.get(f"/api/v1/signals/{signal.id}")
    clusters = client.get("/api/v1/signal-clusters")
    group_detail = client.get(f"/api/v1/signal-groups/{group.id}")
    created = client.post(
        "/api/v1/signals",
        {"category": "financiering", "description": "Geen budget voor maatwerk."},
        format="json",
    )
    if persona == "policy":
        assert listing.status_code == 200 and len(listing.json()["results"]) == 2
        assert detail.status_code == 200 and clusters.status_code == 200 and group_detail.status_code == 200
        assert created.status_code == 403
    elif persona in RAISERS:
        ids = {r["id"] for r in listing.json()["results"]}
        assert (str(signal.id) in ids) == (persona in TEAM)
        assert detail.status_code == (200 if persona in TEAM else 404)
        assert clusters.status_code == 403 and group_detail.status_code == 403
        assert created.status_code == 201 and created.json()["status"] == "nieuw"
    else:
        for response in (listing, detail, clusters, group_detail, created):
            assert response.status_code == 403


def test_api_personal_data_warning_then_refusal(world) -> None:
    client = api_client(world.own_worker)
    body = {"category": "wachtlijst", "description": "Mevrouw, geboren 03-04-1980, wacht op zorg."}
    first = client.post("/api/v1/signals", body, format="json")
    assert first.status_code == 400 and first.json()["code"] == "persoonsgegevens"
    again = client.post("/api/v1/signals", body | {"warned": first.json()["warned"][0]}, format="json")
    assert again.status_code == 400 and again.json()["code"] == "geweigerd"
    assert Signal.objects.count() == 0


def test_api_answer_needs_reason_and_version(world, group) -> None:
    client = api_client(world.policy)
    url = f"/api/v1/signal-groups/{group.id}/answer"
    missing = client.post(url, {"status": "niet_overgenomen", "reason": "", "version": 1}, format="json")
    assert missing.status_code == 400 and "reason" in missing.json()["errors"]
    ok = client.post(
        url,
        {"status": "niet_overgenomen", "reason": "Past niet in de begroting.", "version": 1},
        format="json",
    )
    assert ok.status_code == 200 and ok.json()["group"]["status"] == "niet_overgenomen"
    stale = client.post(url, {"status": "beleid_aangepast", "reason": "x", "version": 1}, format="json")
    assert stale.status_code == 409
    other = api_client(world.other_municipality_worker)
    assert other.get(f"/api/v1/signals/{Signal.objects.first().id}").status_code == 404


def test_page_answer_without_reason_shows_field_error(world, group) -> None:
    response = web_client(world.policy).post(
        f"/knelpunten/groepen/{group.id}/antwoord/", {"status": "in_behandeling", "reason": "", "version": 1}
    )
    assert response.status_code == 400 and "Schrijf op waarom" in response.content.decode()
    group.refresh_from_db()
    assert group.status == "nieuw"


def test_page_warns_then_refuses(world, north) -> None:
    client = web_client(world.own_worker)
    body = {
        "category": "wachtlijst",
        "description": "Woont op 1234 AB 12 en wacht.",
        "neighbourhood": str(north.id),
    }
    first = client.post("/knelpunten/melden/", body)
    html = first.content.decode()
    assert first.status_code == 200 and "postcode met huisnummer" in html
    import re

    warned = re.search(r'name="warned" value="([0-9a-f]+)"', html).group(1)  # type: ignore[union-attr]
    second = client.post("/knelpunten/melden/", body | {"warned": warned})
    assert "Niet opgeslagen" in second.content.decode()
    assert Signal.objects.count() == 0
    ok = client.post(
        "/knelpunten/melden/",
        body | {"description": "Wachtlijst schuldhulp is drie maanden.", "warned": warned},
    )
    assert ok.status_code == 302 and Signal.objects.count() == 1


@pytest.mark.parametrize("url", ["/knelpunten/", "/api/v1/signals"])
def test_lists_run_a_constant_number_of_queries(world, north, url, django_assert_max_num_queries) -> None:
    client = api_client(world.own_worker) if url.startswith("/api") else web_client(world.own_worker)
    raise_signal(world, north)
    client.get(url)
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    for i in range(12):
        raise_signal(world, north, description=f"Geen passend aanbod voor jongeren, melding {i}.")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("persona", ["own_worker", "team_lead", "department_worker", "privacy"])
def test_policy_only_writes_are_refused_to_others(world, group, persona) -> None:
    user = getattr(world, persona)
    web, api = web_client(user), api_client(user)
    signal = Signal.objects.filter(group=group).first()
    assert (
        web.post("/knelpunten/groepen/nieuw/", {"title": "x", "signals": [str(signal.id)]}).status_code == 403
    )
    assert web.post(f"/knelpunten/groepen/{group.id}/antwoord/", {"reason": "x"}).status_code == 403
    assert web.post(f"/knelpunten/groepen/{group.id}/toevoegen/", {"version": 1}).status_code == 403
    assert api.get("/api/v1/signal-groups").status_code == 403
    body = {"status": "niet_overgenomen", "reason": "x", "version": 1}
    assert api.post(f"/api/v1/signal-groups/{group.id}/answer", body, format="json").status_code == 403
    add = {"signals": [str(signal.id)], "version": 1}
    assert api.post(f"/api/v1/signal-groups/{group.id}/signals", add, format="json").status_code == 403
    group.refresh_from_db()
    assert group.status == "nieuw" and group.version == 1
