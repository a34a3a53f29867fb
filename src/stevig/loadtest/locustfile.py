"""The mixed workload of `make loadtest` (locust, headless). Read by locust, configured by environment.

Every simulated user sends requests at a fixed rate (`constant_throughput`), so the total arrival
rate is users x rate whatever the response times: a slow server shows as latency, not as fewer
requests. Users are `FastHttpUser` (geventhttpclient, several times less CPU per request than the
`requests`-based `HttpUser`): on a 2-core machine the load generator must not take the CPU the
server is being measured on. The plan (tokens, ids, cursors) comes from `STEVIG_LOADTEST_PLAN`, a JSON file that
`python -m stevig.loadtest` writes; the names below are the endpoint names in its report.
"""

import json
import os
import random

from locust import FastHttpUser, constant_throughput, task

PLAN = json.loads(open(os.environ["STEVIG_LOADTEST_PLAN"], encoding="utf-8").read())


class Worker(FastHttpUser):
    """A medewerker (and now and then the privacy officer) working through the API."""

    wait_time = constant_throughput(float(PLAN["rate_per_user"]))

    def on_start(self) -> None:
        self.worker = {"Authorization": f"Token {random.choice(PLAN['worker_tokens'])}"}
        self.privacy = {"Authorization": f"Token {PLAN['privacy_token']}"}

    def _get(self, name: str, path: str, headers: dict[str, str] | None = None) -> None:
        self.client.get(path, headers=headers or self.worker, name=name)

    @task(4)
    def baseline(self) -> None:
        self._get("B me", "/api/v1/me")

    @task(3)
    def household_list(self) -> None:
        self._get("household list", "/api/v1/households")

    @task(2)
    def household_list_deep(self) -> None:
        self._get("household list page 200", f"/api/v1/households?cursor={PLAN['deep_cursor']}")

    @task(4)
    def household_file(self) -> None:
        self._get("household file", f"/api/v1/households/{random.choice(PLAN['household_ids'])}")

    @task(4)
    def search(self) -> None:
        word = random.choice(PLAN["search_words"])
        self.client.post(
            "/api/v1/residents/search", json={"name": word}, headers=self.worker, name=f"search {word!r}"
        )

    @task(2)
    def trajectories(self) -> None:
        self._get("trajectory list", "/api/v1/trajectories?scope=team")

    @task(2)
    def questions(self) -> None:
        self._get("question list", "/api/v1/questions")

    @task(1)
    def mandate_requests(self) -> None:
        self._get("mandate requests (mine)", "/api/v1/mandate-requests")

    @task(1)
    def access_log(self) -> None:
        self._get("access log by person", "/api/v1/access-log?user=anna", self.privacy)

    # The privacy officer's other filters (issue 14 point 5): a period, the refusals, one resident.
    @task(1)
    def access_log_period(self) -> None:
        self._get("access log by period", f"/api/v1/access-log?{PLAN['log_period']}", self.privacy)

    @task(1)
    def access_log_denied(self) -> None:
        self._get("access log refusals", "/api/v1/access-log?outcome=denied", self.privacy)

    @task(1)
    def access_log_resident(self) -> None:
        resident = random.choice(PLAN["resident_ids"])
        self._get("access log by resident", f"/api/v1/access-log?resident={resident}", self.privacy)
