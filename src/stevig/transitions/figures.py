"""Figure for policy (kader principle 9), suppressed through `stevig.core.suppression`: the share of
young people with youth help who turned 17.5 in the period and have a toekomstplan."""

import uuid
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.core.suppression import Figure
from stevig.trajectories import figures as registry


def transition_figures(municipality_id: uuid.UUID, since: date | None, until: date | None) -> list[Figure]:
    from stevig.people.models import HouseholdMembership, Resident
    from stevig.transitions.models import FuturePlan
    from stevig.transitions.selectors import youth_help

    until = until or timezone.localdate()
    since = since or until - relativedelta(years=1)
    half = relativedelta(years=17, months=6)
    members = HouseholdMembership.objects.filter(end_date__isnull=True).values("resident_id")
    residents = (
        Resident.objects.filter(
            municipality_id=municipality_id,
            id__in=members,
            date_of_birth__gte=since - half,
            date_of_birth__lte=until - half,
        )
        .filter(youth_help(until))
        .annotate(planned=Exists(FuturePlan.objects.filter(resident_id=OuterRef("id"))))
    )
    total = residents.count()
    planned = residents.filter(planned=True).count()
    return [
        Figure.share_of(
            "youth_17_5_with_future_plan",
            _("Jongeren met jeugdhulp die 17,5 werden en een toekomstplan hebben"),
            planned,
            total,
        )
    ]


def register_figures() -> None:
    registry.register("transitions", transition_figures)
