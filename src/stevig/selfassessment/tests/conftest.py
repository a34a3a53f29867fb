import pytest

from stevig.core.context import Actor
from stevig.selfassessment import services
from stevig.selfassessment.models import Group, Round, Statement


def actor(user, channel: str = "web") -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user=user, access_point="127.0.0.1", channel=channel)


def all_levels(level: int) -> dict[int, object]:
    return dict.fromkeys(Statement.objects.values_list("id", flat=True), level)


@pytest.fixture
def round_(world) -> Round:  # type: ignore[no-untyped-def]
    """A round over 2026 with the team lead (management), the own worker (team) and a partner."""
    r = services.start_round(actor=actor(world.policy), title="Voorjaar 2026", period="2026")
    for user, group in ((world.team_lead, Group.MANAGEMENT), (world.own_worker, Group.TEAM)):
        services.add_participant(actor=actor(world.policy), round_id=r.id, group=group, user_id=user.pk)
    services.add_participant(actor=actor(world.policy), round_id=r.id, group=Group.PARTNERS, name="GGD")
    return r
