"""Background work: the one runner for the whole project.

Stevig runs slow or periodic work (PDF letters, summary tables, recomputing deadlines, destruction lists,
reminders) outside the request with **django-tasks**, the backport of the `django.tasks` API that Django 6
has built in, and its **database backend** (django-tasks-db): jobs are rows in the same database, so it
works on SQLite and PostgreSQL alike and needs no broker. `make run` starts a worker beside the web
server; in production run `python manage.py db_worker` as its own process (README, "Achtergrondwerk").

Adding a job
------------
1. Put the job in `<app>/tasks.py` and decorate it with `task` from this module::

       from stevig.core.tasks import task

       @task()
       def recompute_deadlines(municipality_id: str) -> None:
           from stevig.legalcalendar.services import recompute  # the work itself is a service

           recompute(municipality_id=uuid.UUID(municipality_id))

2. Enqueue it from a service, inside the service's `transaction.atomic`::

       recompute_deadlines.enqueue(str(municipality.id))

   With the database backend the job row is written in the same transaction: when the service rolls
   back, the job was never queued; when it commits, the worker picks it up.

Rules
-----
* Arguments are JSON: pass ids as strings, never model instances. The job reloads what it needs.
* A job is a system operation without a person behind it: it writes no access-log row for reading.
  The person who later sees the result (a download, a page) is logged there, as always.
* A job must be safe to run twice (a worker can stop half-way and the job is then run again): check the
  state it expects first and do nothing when the work is already done.
* Store what a person needs in the app's own model (e.g. `decisions.LetterPdf`), with a status the page
  can show ("wordt gemaakt"); do not read `TaskResult` in pages.

Tests
-----
The suite uses the database backend like production. A test that needs a job's result calls
`stevig.testing.tasks.run_queued_tasks()`, which runs every queued job now, in the test's transaction,
deterministically. `settings.TASKS` can be switched to `IMMEDIATE_BACKEND` for a test that wants jobs to run
during `enqueue`.
"""

from django_tasks import TaskResultStatus, default_task_backend, task

IMMEDIATE_BACKEND = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

__all__ = ["IMMEDIATE_BACKEND", "TaskResultStatus", "default_task_backend", "task"]
