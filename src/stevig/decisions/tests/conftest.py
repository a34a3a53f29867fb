import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from stevig.core.context import Actor
from stevig.decisions import services
from stevig.decisions.models import ProductCategory

# "Today" in these tests: Monday 2 March 2026.
TODAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)

# Personas who may work in world.household's file (team Noord; own_worker is involved).
ALLOWED = {"own_worker", "colleague", "team_lead"}
# In the municipality, may break the glass: 403. Everyone else: 404 (nothing confirms the file exists).
BREAK_GLASS = {"other_team_worker", "coordinator"}


def actor(user, channel: str = "web") -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user=user, access_point="127.0.0.1", channel=channel)


@pytest.fixture(autouse=True)
def clock(request):  # type: ignore[no-untyped-def]
    if request.node.get_closest_marker("browser"):
        yield  # the browser's TOTP codes need the real clock
        return
    with time_machine.travel(TODAY, tick=True):
        yield


@pytest.fixture
def categories(world) -> dict[str, ProductCategory]:  # type: ignore[no-untyped-def]
    return {c.code: c for c in ProductCategory.objects.filter(municipality=world.municipality)}


def flag(world, resident=None):  # type: ignore[no-untyped-def]
    return services.flag_lifelong(
        actor=actor(world.own_worker),
        household_id=world.household.id,
        resident_id=(resident or world.parent).id,
        description="Blijvende verstandelijke beperking",
        since=dt.date(2026, 1, 10),
    )


def decide(world, categories, **overrides):  # type: ignore[no-untyped-def]
    fields = {
        "actor": actor(world.own_worker),
        "household_id": world.household.id,
        "resident_id": world.parent.id,
        "category_id": categories["begeleiding"].id,
        "form": "zin",
        "start_date": dt.date(2026, 3, 1),
        "end_date": dt.date(2026, 12, 31),
        "reason": "Mevrouw kan haar post en afspraken niet zelf overzien.",
        "legal_ground": "Wmo 2015 art. 2.3.5",
        "volume": Decimal(3),
        "unit": "uur",
        "frequency": "week",
    }
    fields.update(overrides)
    # Sent the day it was decided unless the test says otherwise (the objection term runs from sending).
    fields.setdefault("sent_on", fields.get("decided_on") or timezone.localdate())
    return services.create_decision(**fields)
