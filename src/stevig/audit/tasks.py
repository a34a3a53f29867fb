"""Background jobs of the access log (see `stevig.core.tasks`)."""

from stevig.core.tasks import task


@task()
def create_access_log_partitions(months_ahead: int = 3) -> list[str]:
    """This month's and the next `months_ahead` months' partitions of the access log (PostgreSQL).
    Safe to run twice: an existing partition is left as it is."""
    from stevig.audit.partitions import create_partitions

    return create_partitions(months_ahead=months_ahead)
