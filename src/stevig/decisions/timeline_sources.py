"""Applications and decisions on the household timeline."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from stevig.core.context import Actor
from stevig.decisions.models import Application, Decision
from stevig.people.models import Household
from stevig.trajectories import timeline
from stevig.trajectories.timeline import TimelineItem


def decision_items(household: Household, actor: Actor) -> list[TimelineItem]:
    url = reverse("decisions:household", args=[household.id])
    items = [
        TimelineItem(
            a.received_on,
            "aanvraag",
            _("Aanvraag: %(what)s") % {"what": a.category.name if a.category else a.get_law_display()},
            Truncator(a.description).words(30),
            url + "#aanvragen",
        )
        for a in Application.objects.filter(household=household).select_related("category")
    ]
    items += [
        TimelineItem(
            d.decided_on,
            "beschikking",
            _("Beschikking: %(what)s (%(form)s)") % {"what": d.category.name, "form": d.get_form_display()},
            Truncator(d.reason).words(30),
            reverse("decisions:detail", args=[d.id]),
        )
        for d in Decision.objects.filter(household=household).select_related("category")
    ]
    return items


def register_sources() -> None:
    timeline.register("decisions", decision_items)
