"""Background job that fills the summary tables (see `stevig.core.tasks`)."""

import uuid

from stevig.core.tasks import task


@task()
def refresh_summaries(municipality_id: str) -> None:
    """Recount one municipality's patterns. Safe to run twice: it replaces the counts in one transaction."""
    from stevig.patterns.services import refresh

    refresh(municipality_id=uuid.UUID(municipality_id))
