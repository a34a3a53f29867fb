"""Run queued background jobs inside a test (see `stevig.core.tasks`)."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_queued_tasks() -> int:
    """Run every job that is ready, in the worker's order, in this thread and transaction; return how many ran.

    It uses the worker's own `run_task` (status, errors, signals as in production) but not its loop, which
    closes database connections between jobs and would end the test's transaction."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    count = 0
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
        count += 1
    return count
