import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine

from stevig.core.context import Actor
from stevig.decisions import services as decision_services
from stevig.decisions.models import ProductCategory
from stevig.istandaarden.models import Provider
from stevig.people.models import Resident

EXAMPLES = Path(__file__).resolve().parent / "berichten"
TODAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
PROVIDER_AGB = "42420001"


def actor(user, channel: str = "web") -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user=user, access_point="127.0.0.1", channel=channel)


@pytest.fixture(autouse=True)
def clock(request):  # type: ignore[no-untyped-def]
    if request.node.get_closest_marker("browser"):
        yield
        return
    with time_machine.travel(TODAY, tick=True):
        yield


@pytest.fixture
def provider(world) -> Provider:  # type: ignore[no-untyped-def]
    Resident.objects.filter(id=world.parent.id).update(bsn="999970884")
    Resident.objects.filter(id=world.child.id).update(bsn="999970896")
    return Provider.objects.create(municipality=world.municipality, agb_code=PROVIDER_AGB, name="Zorg Noord")


def decide(world, category: str = "begeleiding", resident=None, **overrides):  # type: ignore[no-untyped-def]
    categories = {c.code: c for c in ProductCategory.objects.filter(municipality=world.municipality)}
    fields = {
        "actor": actor(world.own_worker),
        "household_id": world.household.id,
        "resident_id": (resident or world.parent).id,
        "category_id": categories[category].id,
        "form": "zin",
        "start_date": dt.date(2026, 3, 1),
        "end_date": dt.date(2026, 12, 31),
        "reason": "Mevrouw kan haar post en afspraken niet zelf overzien.",
        "legal_ground": "Wmo 2015 art. 2.3.5",
        "volume": Decimal(3),
        "unit": "uur",
        "frequency": "week",
        "provider": "Zorg Noord",
    }
    fields.update(overrides)
    fields.setdefault("sent_on", dt.date(2026, 3, 2))
    return decision_services.create_decision(**fields)
