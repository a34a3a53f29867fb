"""The URL coverage gate (`stevig.testing.url_gate`) fails on a deliberately unprotected URL."""

import re
import uuid

from django.http import HttpResponse
from django.urls import path

from stevig.accounts.models import Role
from stevig.core import access
from stevig.testing import url_gate
from stevig.testing.personas import web_client
from stevig.urls import urlpatterns as stevig_urlpatterns


def unprotected(request):
    return HttpResponse("Iedereen ziet dit, ook zonder rechten.")


@access.page(Role.POLICY)
def policy_only(request):
    return HttpResponse("Alleen beleid.")


# The real URLconf plus one unprotected and one guarded page.
urlpatterns = [path("open/", unprotected), path("beleid/", policy_only), *stevig_urlpatterns]


def test_the_gate_reports_an_unprotected_url_and_passes_a_refused_one(world, settings):
    settings.ROOT_URLCONF = __name__
    with url_gate.recording(url_gate.Recorder()) as recorder:
        worker = web_client(world.own_worker)
        assert worker.get("/open/").status_code == 200  # nothing refuses anyone here
        assert worker.get("/beleid/").status_code == 403
        assert web_client(world.policy).get("/beleid/").status_code == 200
    gaps = url_gate.uncovered(recorder, urlconf=__name__)
    assert "open/" in gaps and "persona without rights" in gaps["open/"]
    assert "beleid/" not in gaps
    assert "account/inloggen/" not in gaps  # listed as public


def test_an_anonymous_refusal_does_not_count_for_a_page_with_resident_data(world, settings, client):
    settings.ROOT_URLCONF = __name__
    with url_gate.recording(url_gate.Recorder()) as recorder:
        assert client.get("/beleid/").status_code == 302  # to the login page
    assert recorder.hits["beleid/"] == {"hit", "refused-anonymous"}
    assert "beleid/" in url_gate.uncovered(recorder, urlconf=__name__)


def test_a_url_never_requested_is_reported(settings):
    settings.ROOT_URLCONF = __name__
    gaps = url_gate.uncovered(url_gate.Recorder(), urlconf=__name__)
    assert gaps["beleid/"].endswith("(never requested)")


def test_a_refused_staff_session_counts_as_a_persona_on_an_endpoint_for_residents(world):
    """Mijn Stevig's API ignores a staff session and refuses it: that is a refused persona, not an
    anonymous caller."""
    with url_gate.recording(url_gate.Recorder()) as recorder:
        assert web_client(world.own_worker).get("/api/v1/mijn").status_code == 403
    assert "refused-persona" in recorder.hits["api/v1/mijn"]


def test_recording_with_keep_counts_for_the_run(world):
    outer = url_gate.Recorder()
    with url_gate.recording(outer):
        with url_gate.recording(url_gate.Recorder(), keep=True):
            web_client(world.policy).get(f"/inwoners/huishouden/{world.household.id}/")
    assert "refused-persona" in outer.hits["inwoners/huishouden/<uuid:household_id>/"]


def test_worker_results_merge():
    recorder = url_gate.Recorder()
    recorder.merge({"trajecten/": ["hit"]})
    recorder.merge({"trajecten/": ["refused-persona"]})
    assert recorder.dump() == {"trajecten/": ["hit", "refused-persona"]}


def _url(route):
    route = re.sub(r"<uuid:\w+>", lambda _: str(uuid.uuid4()), route)
    return "/" + re.sub(r"<int:\w+>", "1", route)


def test_every_url_outside_the_public_ones_refuses_an_anonymous_caller(db, client):
    """Default deny: without logging in, every page sends to the login page and every endpoint refuses
    (401/403). Public pages are listed in `url_gate.PUBLIC` with a reason."""
    served = {}
    # Kept for the run's gate: this is the anonymous refusal of every page open to all staff.
    with url_gate.recording(url_gate.Recorder(), keep=True) as recorder:
        for route in sorted(url_gate.all_routes() - url_gate.PUBLIC_ROUTES):
            response = client.get(_url(route))
            if response.status_code == 405:
                response = client.post(_url(route))
            if response.status_code == 405:
                # A path with only PATCH/PUT/DELETE: an undeclared method is a 405 before authentication
                # (core middleware), so ask with a method the path has (its `Allow` header).
                method = next(m.strip() for m in response["Allow"].split(",") if m.strip() != "OPTIONS")
                response = client.generic(method, _url(route))
            if response.status_code not in (302, 401, 403):
                served[route] = response.status_code
    assert served == {}
    assert all("refused-anonymous" in recorder.hits[route] for route in recorder.hits)
    assert set(recorder.hits) == url_gate.all_routes() - url_gate.PUBLIC_ROUTES
