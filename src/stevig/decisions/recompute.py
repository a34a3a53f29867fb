"""Recompute open decision terms when the legal calendar changes (see `stevig.legalcalendar.recompute`):
open aanvragen (Wmo/Jeugdwet term, moved by opschorting) and open bezwaren/klachten (Awb 7:10, 9:11)."""

from stevig.decisions.models import Application, ApplicationStatus, Law, LegalRemedy, RemedyStatus
from stevig.decisions.services import LAW_CLOCKS, application_due, remedy_due
from stevig.legalcalendar.recompute import Change


def recompute_decision_terms() -> list[Change]:
    changes: list[Change] = []
    applications: list[Application] = []
    open_applications = Application.objects.filter(
        status=ApplicationStatus.OPEN, postponed_until__isnull=True
    )
    for a in open_applications.iterator(chunk_size=2000):
        new_due = application_due(a)
        if new_due != a.due_on:
            changes.append(
                Change(
                    a.municipality_id,
                    a.household_id,
                    "application",
                    a.id,
                    LAW_CLOCKS[Law(a.law)].name,
                    a.due_on,
                    new_due,
                )
            )
            a.due_on = new_due
            applications.append(a)
    Application.objects.bulk_update(applications, ["due_on"], batch_size=1000)
    remedies: list[LegalRemedy] = []
    open_remedies = LegalRemedy.objects.filter(status=RemedyStatus.OPEN, due_on__isnull=False).select_related(
        "decision"
    )
    for r in open_remedies.iterator(chunk_size=2000):
        remedy_new_due = remedy_due(r, r.decision)
        if remedy_new_due is not None and r.due_on is not None and remedy_new_due != r.due_on:
            changes.append(
                Change(r.municipality_id, r.household_id, "remedy", r.id, r.kind, r.due_on, remedy_new_due)
            )
            r.due_on = remedy_new_due
            remedies.append(r)
    LegalRemedy.objects.bulk_update(remedies, ["due_on"], batch_size=1000)
    return changes
