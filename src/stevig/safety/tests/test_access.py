"""Need-to-know for safety notes, narrower than the file: the persona matrix on every safety page and
endpoint, the access-log row (purpose 'veiligheid') for every read and every denial, emergency access
with a reason, and no safety note anywhere else (trajectory page, timeline, search, data export)."""

import pytest

from stevig.accounts.models import Role
from stevig.audit.models import AccessLogEntry
from stevig.safety import services
from stevig.safety.selectors import PURPOSE
from stevig.safety.tests.conftest import actor_for, walk
from stevig.testing import factories as f
from stevig.testing.personas import api_client, web_client

pytestmark = pytest.mark.django_db

NOTE = "Kind vertelt over harde klappen"

# persona → expected page status (the API answers 404 for every denial)
MATRIX = {
    "own_worker": 200,  # vast aanspreekpunt
    "named_colleague": 200,
    "team_lead": 200,
    "named_coordinator": 200,
    "unnamed_colleague": 403,  # same team, sees the file, not the notes: 403 + emergency access
    "unnamed_coordinator": 403,  # involved in the household, not named
    "department_worker": 403,
    "policy": 403,
    "other_municipality_worker": 404,
}

ROLES_WITHOUT_FILES = ("department_worker", "policy")

PAGES = {
    "detail": "{t}/",
    "step1": "{t}/stap/1/",
    "step4": "{t}/stap/4/",
    "step5": "{t}/stap/5/",
    "follow_up": "{t}/veilig-thuis/",
    "colleague": "{t}/collega/",
    "risks": "{t}/wie-loopt-gevaar/",
}

API = {
    "detail": ("get", "{t}", None),
    "steps": ("post", "{t}/steps", {"version": 1, "number": 2, "done_on": "2026-03-02", "notes": "x"}),
    "weigh": ("post", "{t}/weigh", {"version": 1, "done_on": "2026-03-02", "notes": "x"}),
    "decide": (
        "post",
        "{t}/decide",
        {"version": 1, "done_on": "2026-03-02", "notes": "x", "outcome": "hulp"},
    ),
    "follow_up": (
        "post",
        "{t}/veilig-thuis",
        {"version": 1, "follow_up_on": "2026-03-02", "follow_up": "x"},
    ),
    "colleagues": ("post", "{t}/colleagues", {"user": "00000000-0000-0000-0000-000000000000"}),
    "risks": ("put", "{t}/risks", {"version": 1, "risks": []}),
}


@pytest.fixture
def people(world, track):
    """Name a colleague and a coordinator; add an unnamed team colleague and an unnamed coordinator."""
    named_colleague = world.colleague
    named_coordinator = f.UserFactory(
        username="coord2", municipality=world.municipality, role=Role.COORDINATOR
    )
    unnamed_colleague = f.UserFactory(
        username="teamgenoot", municipality=world.municipality, role=Role.WORKER, team=world.team
    )
    for user in (named_colleague, named_coordinator):
        services.name_colleague(actor=actor_for(world.own_worker), track_id=track.id, user_id=user.id)
    walk(track, world.own_worker, to=1)
    track.steps.filter(number=1).update(notes=NOTE)
    track.refresh_from_db()
    return {
        "own_worker": world.own_worker,
        "named_colleague": named_colleague,
        "team_lead": world.team_lead,
        "named_coordinator": named_coordinator,
        "unnamed_colleague": unnamed_colleague,
        "unnamed_coordinator": world.coordinator,
        "department_worker": world.department_worker,
        "policy": world.policy,
        "other_municipality_worker": world.other_municipality_worker,
    }


def _last(user):
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")


@pytest.mark.parametrize("persona", sorted(MATRIX))
@pytest.mark.parametrize("page", sorted(PAGES))
def test_safety_pages_per_persona(world, track, people, persona, page):
    user = people[persona]
    response = web_client(user).get("/veiligheid/" + PAGES[page].format(t=track.id))
    body = response.content.decode()
    entry = _last(user)
    assert response.status_code == MATRIX[persona], body[:300]
    assert entry.purpose == PURPOSE  # also a role denial (department, policy) by the access layer
    assert entry.object_id == str(track.id)
    if MATRIX[persona] == 200:
        assert entry.outcome == "allowed" and entry.object_id == str(track.id)
        assert NOTE in body or page != "detail"
        assert world.child.full_name in body
    else:
        assert NOTE not in body and world.child.full_name not in body
        assert entry.outcome == "denied"
        assert (entry.resident_ids == []) is (persona == "other_municipality_worker")
        assert ("Noodtoegang vragen" in body) is (persona in ("unnamed_colleague", "unnamed_coordinator"))


@pytest.mark.parametrize("persona", sorted(MATRIX))
@pytest.mark.parametrize("endpoint", sorted(API))
def test_safety_api_per_persona(world, track, people, persona, endpoint):
    user = people[persona]
    method, path, data = API[endpoint]
    response = getattr(api_client(user), method)(
        "/api/v1/safety-tracks/" + path.format(t=track.id), data, format="json"
    )
    if MATRIX[persona] == 200:
        assert response.status_code in (200, 400, 409), response.content
        if endpoint == "detail":
            assert response.json()["steps"][0]["notes"] == NOTE
    else:
        # A role without files: 403 whatever the track; anyone else out of scope: 404 (nothing confirmed).
        assert response.status_code == (403 if persona in ROLES_WITHOUT_FILES else 404)
        assert NOTE not in response.content.decode()
        entry = _last(user)
        assert (entry.outcome, entry.purpose) == ("denied", PURPOSE)
        assert entry.object_id == str(track.id)


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_worklist_and_list_show_only_own_tracks(world, track, people, persona):
    user = people[persona]
    response = web_client(user).get("/veiligheid/")
    api = api_client(user).get("/api/v1/safety-tracks")
    if persona in ("department_worker", "policy"):
        assert response.status_code == 403 and api.status_code == 403  # the same answer on both
        return
    listed = MATRIX[persona] == 200
    assert response.status_code == 200
    assert (world.household.street in response.content.decode()) is listed
    assert bool(api.json()["results"]) is listed
    assert NOTE not in api.content.decode()


def test_unnamed_colleague_sees_that_a_track_runs_but_no_notes(world, track, people):
    body = web_client(people["unnamed_colleague"]).get(f"/trajecten/{track.trajectory_id}/").content.decode()
    assert "Er loopt een veiligheidsspoor" in body and "U staat niet op dit spoor" in body
    assert NOTE not in body and f"/veiligheid/{track.id}/" not in body
    own = web_client(world.own_worker).get(f"/trajecten/{track.trajectory_id}/").content.decode()
    assert f"/veiligheid/{track.id}/" in own


def test_emergency_access_needs_a_reason_and_is_reviewed(world, track, people):
    user = people["unnamed_colleague"]
    client = web_client(user)
    response = client.post(f"/veiligheid/{track.id}/noodtoegang/", {"reason": "kort"})
    assert response.status_code == 400
    response = client.post(
        f"/veiligheid/{track.id}/noodtoegang/",
        {"reason": "Kind staat huilend aan de balie, vaste collega ziek."},
    )
    assert response.status_code == 302
    page = client.get(f"/veiligheid/{track.id}/")
    assert page.status_code == 200 and NOTE in page.content.decode()
    entry = _last(user)
    assert entry.emergency and entry.purpose == PURPOSE
    from stevig.people.models import EmergencyAccess

    grant = EmergencyAccess.objects.get(user=user)
    assert grant.reviewed_at is None and grant.reason.startswith("Veiligheidsspoor (Meldcode)")
    # The privacy officer sees it in the ordinary review list.
    review = web_client(world.privacy).get("/toegangslog/noodtoegang/")
    assert "Veiligheidsspoor (Meldcode)" in review.content.decode()


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        (persona, path)
        for persona in ("department_worker", "policy", "other_municipality_worker")
        for path in ("/veiligheid/", "/veiligheid/traject/{j}/openen/", "/veiligheid/{t}/noodtoegang/")
        # a worker elsewhere may open her own (empty) list: nothing to deny there
        if (persona, path) != ("other_municipality_worker", "/veiligheid/")
    ],
)
def test_denials_on_list_open_and_emergency_pages_are_logged_with_the_safety_purpose(
    world, track, people, persona, path
):
    user = people[persona]
    before = AccessLogEntry.objects.filter(user_id=user.id).count()
    response = web_client(user).get(path.format(t=track.id, j=track.trajectory_id))
    assert response.status_code in (403, 404)
    assert "Noodtoegang vragen" not in response.content.decode()
    rows = AccessLogEntry.objects.filter(user_id=user.id).order_by("id")[before:]
    assert [(r.outcome, r.purpose) for r in rows] == [("denied", PURPOSE)]
    if "{t}" in path:
        assert rows[0].object_id == str(track.id)
    if "{j}" in path:
        assert rows[0].object_id == str(track.trajectory_id)


def test_emergency_access_refused_to_other_roles_and_municipalities(world, track, people):
    for persona in ("policy", "other_municipality_worker"):
        response = api_client(people[persona]).post(
            f"/api/v1/safety-tracks/{track.id}/emergency-access",
            {"reason": "Ik wil het gewoon zien."},
            format="json",
        )
        assert response.status_code in (403, 404)
    assert not AccessLogEntry.objects.filter(emergency=True).exists()


def test_no_safety_note_in_timeline_search_export_or_print(world, track, people):
    own = web_client(world.own_worker)
    timeline = api_client(world.own_worker).get(f"/api/v1/trajectories/{track.trajectory_id}/timeline")
    assert NOTE not in timeline.content.decode()
    search = own.get("/inwoners/zoeken/", {"naam": "El Amrani"})
    assert NOTE not in search.content.decode()
    export = web_client(world.privacy).get(f"/toegangslog/inwoner/{world.child.id}/export.json")
    assert export.status_code == 200 and NOTE not in export.content.decode()
    # The printable pages: the inzage (AVG art. 15) and the household plan of the trajectory.
    inzage = web_client(world.privacy).get(f"/toegangslog/inwoner/{world.child.id}/inzage/")
    assert inzage.status_code == 200 and NOTE not in inzage.content.decode()
    for user in (world.own_worker, people["unnamed_colleague"]):
        plan = web_client(user).get(f"/plannen/traject/{track.trajectory_id}/")
        assert plan.status_code == 200 and NOTE not in plan.content.decode()


def test_mandate_request_never_carries_safety_notes(world, track, people):
    from stevig.mandates.models import MandateRequest

    fields = {f.name for f in MandateRequest._meta.get_fields()}
    assert not any("safety" in name or "veilig" in name for name in fields)


def test_list_runs_constant_queries(world, track, people, django_assert_max_num_queries):
    client = web_client(world.team_lead)
    with django_assert_max_num_queries(25):
        client.get("/veiligheid/")


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_open_and_emergency_endpoints_per_persona(world, track, people, persona):
    """POST /safety-tracks/ (open) and /emergency-access/: a department, policy or another municipality is
    refused (403 for a role without files, 404 for another municipality; logged with the safety purpose); a file role of the municipality reaches the service."""
    user = people[persona]
    client = api_client(user)
    opened = client.post(
        "/api/v1/safety-tracks",
        {"trajectory": str(track.trajectory_id), "source": "signalen"},
        format="json",
    )
    emergency = client.post(
        f"/api/v1/safety-tracks/{track.id}/emergency-access",
        {"reason": "Kind staat huilend aan de balie, vaste collega ziek."},
        format="json",
    )
    denied = persona in ("department_worker", "policy", "other_municipality_worker")
    if denied:
        expected = 403 if persona in ROLES_WITHOUT_FILES else 404
        assert (opened.status_code, emergency.status_code) == (expected, expected)
        rows = AccessLogEntry.objects.filter(user_id=user.id).order_by("-id")[:2]
        assert [(r.outcome, r.purpose) for r in rows] == [("denied", PURPOSE)] * 2
        assert NOTE not in opened.content.decode() + emergency.content.decode()
    else:
        # The track is already open: a clear 400, not a denial; emergency access is granted (201) or,
        # for someone who already reads the notes, refused with a reason.
        assert opened.status_code == 400, opened.content
        assert emergency.status_code in (201, 400), emergency.content
