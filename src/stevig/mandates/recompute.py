"""Open mandate requests follow the legal calendar: when a decree day is added, corrected or removed, the
term in working days is counted again from where it started (the day it was sent, or the day the
coordinator decided). Registered with `stevig.legalcalendar.recompute`; each moved date leaves a note on
the household timeline."""

from django.utils import timezone

from stevig.legalcalendar.clocks import Clock, deadline
from stevig.legalcalendar.recompute import Change
from stevig.mandates.models import OPEN_STATUSES, MandateRequest


def recompute_mandate_terms() -> list[Change]:
    changes: list[Change] = []
    moved: list[MandateRequest] = []
    rows = MandateRequest.objects.filter(status__in=OPEN_STATUSES).only(
        "id", "municipality_id", "household_id", "sent_on", "decided_at", "term_working_days", "due_on"
    )
    for request in rows.iterator(chunk_size=2000):
        start = timezone.localdate(request.decided_at) if request.decided_at else request.sent_on
        new_due = deadline(Clock.MANDATE_REQUEST, start, working_days=request.term_working_days)
        if new_due != request.due_on:
            changes.append(
                Change(
                    request.municipality_id,
                    request.household_id,
                    "mandate_request",
                    request.id,
                    Clock.MANDATE_REQUEST.name,
                    request.due_on,
                    new_due,
                )
            )
            request.due_on = new_due
            moved.append(request)
    MandateRequest.objects.bulk_update(moved, ["due_on"], batch_size=1000)
    return changes
