"""Optimistic locking (`save_if_unchanged`): a stale save is refused, never silently overwrites."""

import pytest

from stevig.core.errors import VersionConflict
from stevig.core.versioning import save_if_unchanged
from stevig.people.models import Household

pytestmark = pytest.mark.django_db


def test_save_with_the_version_read_bumps_the_version(world):
    household = world.household
    read = household.version
    save_if_unchanged(household, expected_version=read, fields={"house_number": 12})
    assert household.version == read + 1 and household.house_number == 12
    stored = Household.objects.get(id=household.id)
    assert (stored.version, stored.house_number) == (read + 1, 12)


def test_second_save_from_the_same_read_is_a_conflict(world):
    first = Household.objects.get(id=world.household.id)
    second = Household.objects.get(id=world.household.id)
    read = first.version
    save_if_unchanged(first, expected_version=read, fields={"house_number": 12})
    with pytest.raises(VersionConflict):
        save_if_unchanged(second, expected_version=read, fields={"house_number": 14})
    assert Household.objects.get(id=world.household.id).house_number == 12
    assert second.house_number != 14  # the refused values are not applied to the instance either
