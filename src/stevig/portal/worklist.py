"""A resident's message from Mijn Stevig on the worklist (`stevig.web.worklist`) until someone reads it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from stevig.portal import selectors
from stevig.web.worklist import WorkItem, WorkQuery, register_source


def resident_messages(query: WorkQuery) -> list[WorkItem]:
    """Mine: messages to me, or to my team when the household has no contact person. Team: all of them.
    One query; due the day it was sent (a resident waits for an answer)."""
    rows = selectors.messages_for_worklist(
        households=query.households, user=query.user, mine=query.scope == "mine", limit=query.limit
    )
    return [
        WorkItem(
            kind="bericht-inwoner",
            kind_label=_("Bericht van inwoner"),
            title=_("Bericht van %(name)s") % {"name": row.resident.full_name},
            due=row.sent_at.date(),
            url=reverse("portal_staff:message", args=[row.id]),
            status=_("ongelezen"),
            household_id=row.household_id,
        )
        for row in rows
    ]


def register() -> None:
    register_source("bericht-inwoner", resident_messages, roles=("medewerker", "teamleider", "coordinator"))
