"""Recompute the open legal deadlines of questions when the legal calendar changes (see
`stevig.legalcalendar.recompute`)."""

from stevig.intake.models import LegalDeadline
from stevig.legalcalendar.clocks import Clock, deadline
from stevig.legalcalendar.recompute import Change


def recompute_question_deadlines() -> list[Change]:
    changes: list[Change] = []
    moved: list[LegalDeadline] = []
    rows = LegalDeadline.objects.filter(met_at__isnull=True, cancelled_at__isnull=True).select_related(
        "question"
    )
    for row in rows.iterator(chunk_size=2000):
        if row.clock not in Clock.names:
            continue
        new_due = deadline(Clock[row.clock], row.start_date)
        if new_due != row.due_date:
            changes.append(
                Change(
                    row.municipality_id,
                    row.question.household_id,
                    "question",
                    row.question_id,
                    row.clock,
                    row.due_date,
                    new_due,
                )
            )
            row.due_date = new_due
            moved.append(row)
    LegalDeadline.objects.bulk_update(moved, ["due_date"], batch_size=1000)
    return changes
