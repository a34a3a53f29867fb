"""Issue 12 point 4: the quarterly report is made by the background job after each quarter ends, once per
municipality and quarter (idempotent), with the daily check planning its own next run. Clock: time-machine,
Europe/Amsterdam times."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from stevig.core.tasks import TaskResultStatus
from stevig.patterns.models import SummaryRefresh
from stevig.selfassessment import services
from stevig.selfassessment.models import QuarterlyReport
from stevig.selfassessment.tasks import make_due_quarterly_reports
from stevig.tenancy.models import Municipality
from stevig.testing.tasks import run_queued_tasks

AMS = ZoneInfo("Europe/Amsterdam")


def planned() -> list[dt.datetime]:
    rows = DBTaskResult.objects.filter(
        task_path=make_due_quarterly_reports.module_path, status=TaskResultStatus.READY
    )
    return [timezone_local(r.run_after) for r in rows]


def timezone_local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(AMS)


def scheduled(period: str) -> list[QuarterlyReport]:
    return list(QuarterlyReport.objects.filter(period=period, requested_by__isnull=True))


def test_last_ended_quarter_on_its_boundaries() -> None:
    assert str(services.last_ended_quarter(dt.date(2026, 4, 1))) == "2026-K1"
    assert str(services.last_ended_quarter(dt.date(2026, 3, 31))) == "2025-K4"
    assert str(services.last_ended_quarter(dt.date(2026, 1, 1))) == "2025-K4"
    assert str(services.last_ended_quarter(dt.date(2026, 12, 31))) == "2026-K3"


def test_the_job_makes_each_quarters_report_once_after_the_quarter_ends(world) -> None:
    municipalities = Municipality.objects.count()
    assert municipalities >= 2
    # 30 June 2026, 23:30 in Amsterdam (21:30 UTC): the second quarter has not ended yet.
    with time_machine.travel(dt.datetime(2026, 6, 30, 23, 30, tzinfo=AMS), tick=False):
        call_command("schedule_quarterly_reports", stdout=open("/dev/null", "w"))
        call_command("schedule_quarterly_reports", stdout=open("/dev/null", "w"))  # twice: still one run
        assert planned() == [dt.datetime(2026, 7, 1, 2, 0, tzinfo=AMS)]
        assert run_queued_tasks() == 0  # not before 02:00
    with time_machine.travel(dt.datetime(2026, 7, 1, 1, 59, tzinfo=AMS), tick=False):
        assert run_queued_tasks() == 0
        assert scheduled("2026-K2") == []
    # 1 July 2026, 02:05: the daily job runs, makes and keeps the report of K2 for every municipality.
    with time_machine.travel(dt.datetime(2026, 7, 1, 2, 5, tzinfo=AMS), tick=False):
        run_queued_tasks()
        reports = scheduled("2026-K2")
        assert len(reports) == municipalities
        assert all(r.status == "ready" and r.html and r.pdf[:4] == b"%PDF" for r in reports)
        assert {r.municipality_id for r in reports} == set(Municipality.objects.values_list("id", flat=True))
        # The summary tables were refreshed before the report read them.
        assert SummaryRefresh.objects.filter(municipality=world.municipality).exists()
        assert planned() == [dt.datetime(2026, 7, 2, 2, 0, tzinfo=AMS)]
        # Run again the same night: nothing new (idempotent).
        assert services.make_due_reports() == []
    # The next nights: still one report of K2, one planned run.
    for day in (2, 3):
        with time_machine.travel(dt.datetime(2026, 7, day, 2, 30, tzinfo=AMS), tick=False):
            run_queued_tasks()
            assert len(scheduled("2026-K2")) == municipalities
            assert planned() == [dt.datetime(2026, 7, day + 1, 2, 0, tzinfo=AMS)]
    # A report policy asked for by hand does not stop the scheduled one, and the other way round.
    assert QuarterlyReport.objects.filter(period="2026-K3").count() == 0
    # After the third quarter ends (the job had stopped for months: it catches up at the next run).
    with time_machine.travel(dt.datetime(2026, 10, 1, 2, 30, tzinfo=AMS), tick=False):
        run_queued_tasks()
        assert len(scheduled("2026-K3")) == municipalities
        assert len(scheduled("2026-K2")) == municipalities
        assert QuarterlyReport.objects.count() == 2 * municipalities
