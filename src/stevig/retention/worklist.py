"""An open destruction request (Jeugdwet art. 7.3.9, Wmo 2015 art. 5.3.5) on the worklist of the worker
responsible for the household, with its three-month due date, until the privacy officer decides."""

from django.urls import reverse
from django.utils.translation import gettext as _

from stevig.retention import selectors
from stevig.retention.models import RequestLaw
from stevig.web.worklist import WorkItem, WorkQuery

ARTICLE: dict[str, str] = {RequestLaw.JEUGDWET: "Jeugdwet art. 7.3.9", RequestLaw.WMO: "Wmo 2015 art. 5.3.5"}


def destruction_requests(query: WorkQuery) -> list[WorkItem]:
    """Mine: requests I registered, or of a household I am the vast aanspreekpunt of. Team: those of my
    team's households. Constant queries (see `selectors.requests_for_worklist`)."""
    rows = selectors.requests_for_worklist(
        user=query.user, households=query.households, mine=query.scope == "mine", limit=query.limit
    )
    return [
        WorkItem(
            kind="vernietigingsverzoek",
            kind_label=_("Verzoek om vernietiging"),
            title=_("%(address)s: verzoek om vernietiging van het dossier (%(article)s)")
            % {"address": household.address_line, "article": ARTICLE.get(request.law, request.law)},
            due=request.due_on,
            url=reverse("people:household", args=[household.id]),
            status=_("wacht op besluit van de privacy officer"),
            household_id=household.id,
        )
        for request, household in rows
    ]
