"""schemathesis against a live test server with the demo municipality (issue 13, point 7: "CI runs
schemathesis against a live test server (all checks, stateful links where useful)").

Its own stage in `make test` (`pytest -m contract`, on SQLite and on PostgreSQL); `make check` leaves it
out to stay fast.

How it runs:

* The server is Django's live test server (`LiveServerThread`, as pytest-django's `live_server` uses,
  one request at a time) on a free port of 127.0.0.1: every request goes over HTTP through the whole stack (middleware,
  authentication, throttling, exception handler) as a client's would. pytest-django's `live_server`
  fixture itself empties the database after every test, so the 200 operations would each rebuild the
  demo (about 17 s); here the demo is loaded once per test process and committed, the server shares
  that database, and the database is emptied once at the end (`flush`, as `TransactionTestCase` does).
* The schema is the committed `openapi.yaml` (what a client reads), with `schemathesis.toml` beside it:
  every check, valid and invalid requests, a fixed seed and deterministic generation (the same requests
  every run), 4 examples per operation and mode.
* Every operation is one pytest test (`@schema.parametrize()`). The stateful test follows the links
  of `openapi.yaml` (`stevig.core.schema.api_links`: create a question, then read it, ...) for a fixed
  number of short scenarios.
* The client is Anna (a worker of Team Noord in the demo) with an API key, so reads of her team's files
  succeed and everything else is refused as documented (403/404).
* Rules across two parameters or of a service that a JSON schema cannot express are listed in
  `schemathesis.toml` per operation (a 400 there is the documented answer to a valid-looking request).
* The requests change the demo of their process (a question registered, a trajectory closed), as a
  client's would. The requests are the same every run; under `pytest -n` the operations a process gets
  can differ from run to run, so an answer that depends on an earlier write (404 for what was closed,
  409 for a stale version) is one `schemathesis.toml` allows for writes.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from django.conf import settings as django_settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from django.test.utils import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from stevig.testing.shared_world import DEMO, SHARED

# `django_db` so that pytest-django creates the test database; `_django_db_helper` below replaces its
# per-test transaction: the server thread writes and commits as a real server does.
pytestmark = [pytest.mark.contract, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[4]

schema = schemathesis.openapi.from_path(
    ROOT / "openapi.yaml", config=SchemathesisConfig.from_path(ROOT / "schemathesis.toml")
)

HYPOTHESIS = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,  # one server, one demo and one key for all examples
    ],
}


class OneRequestAtATime(LiveServerThread):
    """Django's live test server, answering one request at a time in its own thread (Django then closes
    each connection after its answer). The threaded server let two requests share the one in-memory
    SQLite connection of the test database at once, which no real server does: a request thread still
    finishing beside the next one broke the access log's chain (a duplicate sequence number)."""

    def _create_server(self, connections_override: Any = None) -> WSGIServer:
        return WSGIServer((self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False)


class LiveApi:
    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.headers = {"Authorization": f"Token {token}"}
        self.session = requests.Session()


@pytest.fixture(scope="module")
def live_api(django_db_setup: None, django_db_blocker: Any) -> Iterator[LiveApi]:
    """The demo, committed, and a live server on it; emptied again at the end of the module."""
    from stevig.accounts.models import User
    from stevig.demo.loader import load_demo
    from stevig.testing.personas import persona_token

    SHARED.close(django_db_blocker)  # no shared outer transaction: the server must see what is loaded
    demo = override_settings(DEMO=True)
    demo.enable()
    # Open for this whole module, not per test: the server closes its database connection after it has
    # sent the answer (request_finished), when the test may already be over.
    unblocked = django_db_blocker.unblock()
    unblocked.__enter__()
    load_demo(**DEMO)
    token = persona_token(User.objects.get(username="anna"))
    # The in-memory SQLite test database exists only in this connection: the server thread uses it too.
    shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    for connection in shared.values():
        connection.inc_thread_sharing()
    server = OneRequestAtATime("127.0.0.1", StaticFilesHandler, connections_override=shared)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    assert "127.0.0.1" in django_settings.ALLOWED_HOSTS
    api = LiveApi(f"http://127.0.0.1:{server.port}", token)
    try:
        yield api
    finally:
        api.session.close()
        server.terminate()
        for connection in shared.values():
            connection.dec_thread_sharing()
        call_command("flush", interactive=False, verbosity=0)
        unblocked.__exit__(None, None, None)
        demo.disable()


@pytest.fixture
def _django_db_helper(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Database access without a per-test transaction (pytest-django's fixture of this name opens one):
    the server thread reads and writes the committed database while the test waits for its answer."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def api(live_api: LiveApi, _django_db_helper: None) -> LiveApi:
    return live_api


@schema.parametrize()
@settings(**HYPOTHESIS)
def test_the_api_keeps_its_contract(case: Any, api: LiveApi) -> None:
    case.call_and_validate(base_url=api.url, session=api.session, headers=api.headers)


def test_the_documented_links_hold(api: LiveApi) -> None:
    """Short scenarios along the links of openapi.yaml: what a create answers with can be read (and used
    for the next step) at once, with the id it gave; stateful checks (a created resource is there, a
    deleted one is gone) on top of all the others."""

    class Workflow(schema.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"base_url": api.url, "session": api.session, "headers": api.headers}

    Workflow.run(settings=settings(max_examples=100, stateful_step_count=6, **HYPOTHESIS))
