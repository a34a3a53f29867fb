"""The quarterly report: asked by policy, made by the background job, kept (listed, HTML and PDF, the
same after later changes); patterns, signals and answers, the 13 indicators; no resident in it; only
policy; a wrong period is a field error."""

import datetime as dt

import pytest
import time_machine

from stevig.patterns.services import refresh
from stevig.selfassessment import services
from stevig.selfassessment.models import QuarterlyReport
from stevig.selfassessment.tests.conftest import actor
from stevig.signalering import services as signals
from stevig.tenancy.models import Neighbourhood
from stevig.testing.personas import PERSONAS, api_client, web_client
from stevig.testing.tasks import run_queued_tasks

WHEN = dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC)


@pytest.fixture
def answered(world) -> None:  # type: ignore[no-untyped-def]
    """Q1 2026: six signals about the waiting list in Noord, grouped and answered by policy."""
    north = Neighbourhood.objects.get(municipality=world.municipality, name="Noord")
    with time_machine.travel(dt.datetime(2026, 2, 3, 9, tzinfo=dt.UTC), tick=False):
        raised = [
            signals.raise_signal(
                actor=actor(world.own_worker),
                category="wachtlijst",
                description=f"Jongeren wachten een half jaar op GGZ-behandeling ({i}).",
                neighbourhood_id=north.id,
            )
            for i in range(6)
        ]
        group = signals.create_group(
            actor=actor(world.policy),
            title="wachtlijst GGZ",
            category="wachtlijst",
            neighbourhood_id=north.id,
            signal_ids=[s.id for s in raised],
        )
        signals.answer_group(
            actor=actor(world.policy),
            group_id=group.id,
            expected_version=group.version,
            status="beleid_aangepast",
            reason="Vanaf 1 maart koopt de gemeente extra GGZ-plekken in.",
        )
        refresh(municipality_id=world.municipality.id)


def test_policy_asks_the_job_makes_and_keeps_the_report(world, answered) -> None:
    client = web_client(world.policy)
    with time_machine.travel(WHEN, tick=False):
        assert (
            client.post("/zelfevaluatie/kwartaalrapportages/nieuw/", {"period": "2026-K1"}).status_code == 302
        )
        report = QuarterlyReport.objects.get()
        assert client.get(f"/zelfevaluatie/kwartaalrapportages/{report.id}/").status_code == 202
        assert api_client(world.policy).get(f"/api/v1/quarterly-reports/{report.id}/pdf").status_code == 202
        assert run_queued_tasks() == 1
    report.refresh_from_db()
    assert report.status == "ready" and report.generated_at == WHEN
    client = web_client(world.policy)  # a new session: the clock moved on
    page = client.get(f"/zelfevaluatie/kwartaalrapportages/{report.id}/").content.decode()
    assert "Kwartaalrapportage kwartaal 1 van 2026" in page
    assert "Wat zien we in de wijken?" in page and "Knelpunten en antwoorden van beleid" in page
    assert "Medewerkers meldden dit kwartaal 6 knelpunten in het systeem." in page
    assert "wachtlijst GGZ" in page and "extra GGZ-plekken" in page and "beleid aangepast" in page
    assert page.count("Hoe berekend") >= 1 and "Cijfers per principe" in page
    # No resident in it.
    for secret in ("El Amrani", "Fatima", "Yusuf", "999990019", world.household.street):
        assert secret not in page
    pdf = client.get(f"/zelfevaluatie/kwartaalrapportages/{report.id}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert b"Kwartaalrapportage" in pdf.content and b"wachtlijst GGZ" in pdf.content
    # Listed and kept: a new signal later does not change the stored report.
    listed = api_client(world.policy).get("/api/v1/quarterly-reports").json()["results"]
    assert [r["period"] for r in listed] == ["2026-K1"] and listed[0]["status"] == "ready"
    html_before = report.html
    api = api_client(world.policy).get(f"/api/v1/quarterly-reports/{report.id}").json()
    assert api["html"] == html_before
    run_queued_tasks()
    report.refresh_from_db()
    assert report.html == html_before


def test_a_period_that_is_not_a_quarter_or_not_begun_is_refused(world) -> None:
    client = api_client(world.policy)
    with time_machine.travel(WHEN, tick=False):
        for bad in ("2026", "2026-K5", "vorig kwartaal", "2026-K3"):
            response = client.post("/api/v1/quarterly-reports", {"period": bad}, format="json")
            assert response.status_code == 400 and "period" in response.json()["errors"], bad
        page = web_client(world.policy).post("/zelfevaluatie/kwartaalrapportages/nieuw/", {"period": "2026"})
    assert page.status_code == 400 and "Kies een kwartaal" in page.content.decode()
    assert not QuarterlyReport.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_policy(world, persona) -> None:
    with time_machine.travel(WHEN, tick=False):
        report = services.request_report(actor=actor(world.policy), period="2026-K1")
        run_queued_tasks()
    web, api = web_client(getattr(world, persona)), api_client(getattr(world, persona))
    codes = {
        web.get("/zelfevaluatie/kwartaalrapportages/").status_code,
        web.post("/zelfevaluatie/kwartaalrapportages/nieuw/", {"period": "2026-K1"}).status_code,
        web.get(f"/zelfevaluatie/kwartaalrapportages/{report.id}/").status_code,
        web.get(f"/zelfevaluatie/kwartaalrapportages/{report.id}/pdf/").status_code,
        api.get("/api/v1/quarterly-reports").status_code,
        api.post("/api/v1/quarterly-reports", {"period": "2026-K1"}, format="json").status_code,
        api.get(f"/api/v1/quarterly-reports/{report.id}").status_code,
        api.get(f"/api/v1/quarterly-reports/{report.id}/pdf").status_code,
    }
    assert codes == ({200, 202, 302} if persona == "policy" else {403})
