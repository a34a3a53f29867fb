"""Background job of the retention app (see `stevig.core.tasks`): the monthly destruction list."""

import uuid
from datetime import date

from stevig.core.tasks import task


@task()
def make_destruction_list(municipality_id: str, today: str) -> None:
    """Make one municipality's list for the month of `today` (ISO date). Safe to run twice: a month that
    has its list keeps it (`services.make_destruction_list`)."""
    from stevig.retention.services import make_destruction_list as make

    make(municipality_id=uuid.UUID(municipality_id), today=date.fromisoformat(today))
