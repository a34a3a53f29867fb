"""Reads of a municipality's set-up (reference data, no resident data: no access-log rows)."""

from django.db.models import Prefetch, QuerySet

from stevig.accounts.models import User
from stevig.tenancy.models import ExpertiseTag, Location, OpeningHours


def expertise_tags_of(user: User) -> QuerySet[ExpertiseTag]:
    """The expertise tags of the user's municipality (what a trajectory may need, what staff offer)."""
    return ExpertiseTag.objects.filter(municipality_id=user.municipality_id).order_by("name", "id")


def locations_of(user: User) -> QuerySet[Location]:
    """The places of the user's municipality where residents can meet the team, with their opening hours."""
    return (
        Location.objects.filter(municipality_id=user.municipality_id)
        .select_related("neighbourhood", "team")
        .prefetch_related(
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
        )
        .order_by("name", "id")
    )
