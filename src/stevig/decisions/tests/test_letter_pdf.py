"""The decision letter PDF is made by the background worker (stevig.core.tasks): queued once per decision
version, stored, served when ready; a failure is queued again; out of scope queues nothing."""

import signal

import pytest
from django.core.management import call_command
from django.db.models import F
from django_tasks_db.models import DBTaskResult

from stevig.core.tasks import IMMEDIATE_BACKEND, TaskResultStatus
from stevig.decisions import services
from stevig.decisions.models import Decision, LetterPdf, LetterPdfStatus
from stevig.decisions.tests.conftest import actor, decide
from stevig.testing.personas import api_client, api_denied_status, web_client
from stevig.testing.tasks import run_queued_tasks


@pytest.fixture
def decision(world, categories):  # type: ignore[no-untyped-def]
    return decide(world, categories, reason="Mevrouw kan haar post niet zelf overzien.")


def _request(world, decision) -> LetterPdf:  # type: ignore[no-untyped-def]
    return services.request_letter_pdf(actor=actor(world.own_worker), decision_id=decision.id)


@pytest.mark.django_db
def test_queued_once_then_stored_and_served(world, decision):
    first = _request(world, decision)
    again = _request(world, decision)
    assert first.id == again.id and first.status == LetterPdfStatus.QUEUED
    assert DBTaskResult.objects.count() == 1
    assert run_queued_tasks() == 1
    stored = LetterPdf.objects.get(id=first.id)
    assert stored.status == LetterPdfStatus.READY and bytes(stored.content).startswith(b"%PDF")
    assert stored.rendered_at is not None
    assert stored.filename.startswith("beschikking-2026-03-02-")
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    # Served from the store: nothing new is queued.
    assert _request(world, decision).status == LetterPdfStatus.READY
    assert run_queued_tasks() == 0


@pytest.mark.django_db
def test_edited_decision_gets_a_new_pdf_and_a_stale_job_is_dropped(world, decision):
    old = _request(world, decision)
    Decision.objects.filter(id=decision.id).update(version=F("version") + 1, reason="Nieuwe reden.")
    new = _request(world, decision)
    assert new.id != old.id and new.decision_version == old.decision_version + 1
    assert run_queued_tasks() == 2
    assert not LetterPdf.objects.filter(id=old.id).exists()  # the letter of an older version is never served
    assert LetterPdf.objects.get(id=new.id).status == LetterPdfStatus.READY


@pytest.mark.django_db
def test_failed_rendering_is_queued_again(world, decision, monkeypatch):
    def broken(letter):  # type: ignore[no-untyped-def]
        raise RuntimeError("font missing")

    monkeypatch.setattr("stevig.decisions.letter.render_pdf", broken)
    pdf = _request(world, decision)
    run_queued_tasks()
    assert LetterPdf.objects.get(id=pdf.id).status == LetterPdfStatus.FAILED
    response = web_client(world.own_worker).get(f"/beschikkingen/{decision.id}/brief.pdf")
    assert response.status_code == 202  # asked again: queued again
    assert LetterPdf.objects.get(id=pdf.id).status == LetterPdfStatus.QUEUED
    monkeypatch.undo()
    assert run_queued_tasks() == 1
    assert LetterPdf.objects.get(id=pdf.id).status == LetterPdfStatus.READY


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["other_team_worker", "other_municipality_worker", "policy"])
def test_out_of_scope_queues_nothing(world, decision, persona):
    response = api_client(getattr(world, persona)).get(f"/api/v1/decisions/{decision.id}/letter.pdf")
    assert response.status_code == api_denied_status(persona)
    assert not LetterPdf.objects.exists() and not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_immediate_backend_serves_at_once(world, decision, settings):
    """Small installations without a worker: STEVIG_TASKS_BACKEND=immediate renders during the request."""
    settings.TASKS = IMMEDIATE_BACKEND
    response = api_client(world.own_worker).get(f"/api/v1/decisions/{decision.id}/letter.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_db_worker_command_renders_the_queued_letter(world, decision):
    """The real worker (`manage.py db_worker`, as `make run` and production start it) picks the job up."""
    pdf = _request(world, decision)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0
        )
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    assert LetterPdf.objects.get(id=pdf.id).status == LetterPdfStatus.READY


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pdf_is_made_in_the_background_as_a_person_sees_it(page, live_server, world, categories):
    from playwright.sync_api import expect

    from stevig.testing.browser import assert_no_axe_violations, login

    decision = decide(world, categories)
    base = live_server.url
    login(page, base, world.own_worker)
    page.goto(f"{base}/beschikkingen/{decision.id}/")
    page.get_by_role("link", name="Brief als PDF").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("De PDF wordt gemaakt")
    expect(page.get_by_role("status")).to_contain_text("Dat duurt meestal een paar seconden.")
    assert_no_axe_violations(page)
    assert run_queued_tasks() == 1  # the worker's turn
    with page.expect_download() as download:
        page.get_by_role("link", name="Kijk of de PDF klaar is").click()
    assert (
        download.value.suggested_filename == f"beschikking-{decision.decided_on}-{str(decision.id)[:8]}.pdf"
    )
