"""Background jobs of the self-assessment app (see `stevig.core.tasks`)."""

import uuid

from stevig.core.tasks import task


@task()
def make_quarterly_report(report_id: str) -> None:
    """Make and keep one quarterly report (queued by `services.request_report` or `make_due_reports`)."""
    from stevig.selfassessment.services import store_report

    store_report(report_id=uuid.UUID(report_id))


@task()
def make_due_quarterly_reports() -> None:
    """Daily: once a quarter has ended, make every municipality's report of it (once), then plan the next
    run for the next night. Started by `manage.py schedule_quarterly_reports` (idempotent; `make run`
    calls it)."""
    from stevig.selfassessment.services import make_due_reports, schedule_due_reports

    make_due_reports()
    schedule_due_reports()
