"""Background jobs of the self-assessment app (see `stevig.core.tasks`)."""

import uuid

from stevig.core.tasks import task


@task()
def make_quarterly_report(report_id: str) -> None:
    """Make and keep one quarterly report (queued by `services.request_report`)."""
    from stevig.selfassessment.services import store_report

    store_report(report_id=uuid.UUID(report_id))
