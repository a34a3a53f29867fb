"""The small selector additions the pages use: break-the-glass target, address lookup for a move."""

import pytest

from stevig.audit.models import AccessLogEntry, Action
from stevig.core import access
from stevig.core.context import Actor
from stevig.people import selectors
from stevig.testing import factories as f

pytestmark = pytest.mark.django_db


def actor(user):
    return Actor(user=user, access_point="test")


def test_denied_resident_points_to_the_household_only_for_file_roles_in_the_municipality(world):
    exc = access.deny(
        selectors.RESIDENT,
        actor=actor(world.other_team_worker),
        pk=world.child.id,
        action=Action.READ,
        part="inwoner",
    )
    assert exc.can_break_glass and exc.household_id == world.household.id
    exc = access.deny(
        selectors.RESIDENT, actor=actor(world.policy), pk=world.child.id, action=Action.READ, part="inwoner"
    )
    assert not exc.can_break_glass and exc.household_id is None
    exc = access.deny(
        selectors.RESIDENT,
        actor=actor(world.other_municipality_worker),
        pk=world.child.id,
        action=Action.READ,
        part="inwoner",
    )
    assert not exc.can_break_glass and exc.household_id is None


def test_denied_household_carries_its_id_for_break_the_glass(world):
    exc = access.deny(
        selectors.HOUSEHOLD,
        actor=actor(world.coordinator),
        pk=world.household.id,
        action=Action.READ,
        part="huishouden",
    )
    assert exc.can_break_glass and exc.household_id == world.household.id
    exc = access.deny(
        selectors.HOUSEHOLD,
        actor=actor(world.other_municipality_worker),
        pk=world.household.id,
        action=Action.READ,
        part="huishouden",
    )
    assert exc.household_id is None


def test_household_in_municipality(world):
    assert selectors.household_in_municipality(user=world.coordinator, household_id=world.household.id)
    assert not selectors.household_in_municipality(
        user=world.coordinator, household_id=world.other_household.id
    )


def test_households_at_address_is_scoped_and_logged(world):
    other_team = f.HouseholdFactory(
        municipality=world.municipality,
        team=world.other_team,
        postcode="1234 AB",
        house_number=world.household.house_number,
        house_number_addition="A",
    )
    f.add_member(other_team)
    found = selectors.households_at_address(
        actor=actor(world.own_worker), postcode="1234ab", house_number=world.household.house_number
    )
    assert found == [world.household]
    assert {m.resident_id for m in found[0].current_memberships} == {world.parent.id, world.child.id}
    entry = AccessLogEntry.objects.filter(user_id=world.own_worker.id).latest("id")
    assert (entry.action, entry.outcome, entry.part) == ("search", "allowed", "adres-zoeken")
    assert set(entry.resident_ids) == {str(world.parent.id), str(world.child.id)}
    assert entry.detail == {"postcode": "1234 AB", "huisnummer": world.household.house_number}
    assert (
        selectors.households_at_address(
            actor=actor(world.other_municipality_worker),
            postcode="1234 AB",
            house_number=world.household.house_number,
        )
        == []
    )
