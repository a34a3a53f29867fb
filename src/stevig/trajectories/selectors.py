"""Scoped reads of trajectories: visibility follows the household (need-to-know in one place)."""

from django.db.models import QuerySet

from stevig.accounts.models import User
from stevig.people.selectors import households_visible_to
from stevig.trajectories.models import Trajectory


def trajectories_visible_to(user: User) -> QuerySet[Trajectory]:
    return Trajectory.objects.filter(
        municipality_id=user.municipality_id, household__in=households_visible_to(user)
    )
