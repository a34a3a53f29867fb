"""Mandate requests on the household timeline: sent, accepted, done, rejected, the coordinator's decision."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from stevig.core.context import Actor
from stevig.mandates.models import EventKind, MandateEvent
from stevig.people.models import Household
from stevig.trajectories import timeline
from stevig.trajectories.timeline import TimelineItem

TITLES = {
    EventKind.SENT: _("Mandaatverzoek aan %(department)s verstuurd"),
    EventKind.ACCEPTED: _("%(department)s nam het mandaatverzoek in behandeling"),
    EventKind.DONE: _("%(department)s voerde het mandaatverzoek uit"),
    EventKind.REJECTED: _("%(department)s wees het mandaatverzoek af"),
    EventKind.DECIDED: _("Coördinator zette het mandaatverzoek aan %(department)s door"),
    EventKind.ASKED: _("%(department)s stelde een vraag over het mandaatverzoek"),
    EventKind.ANSWERED: _("Antwoord aan %(department)s over het mandaatverzoek"),
    EventKind.CONFIRMED: _("Coördinator bevestigde de afwijzing door %(department)s"),
    EventKind.SENT_BACK: _("Coördinator stuurde het mandaatverzoek aan %(department)s terug"),
    EventKind.RESENT: _("Mandaatverzoek aan %(department)s opnieuw verstuurd"),
}


def mandate_items(household: Household, actor: Actor) -> list[TimelineItem]:
    rows = MandateEvent.objects.filter(household=household).select_related("request__department")
    items = []
    for event in rows:
        title = str(TITLES[EventKind(event.kind)]) % {"department": event.request.department.name}
        summary = event.note or (event.request.ask if event.kind == EventKind.SENT else "")
        items.append(
            TimelineItem(
                event.at,
                "mandaat",
                title,
                Truncator(summary).words(30),
                reverse("mandates:detail", args=[event.request_id]),
            )
        )
    return items


def register_sources() -> None:
    timeline.register("mandates.requests", mandate_items)
