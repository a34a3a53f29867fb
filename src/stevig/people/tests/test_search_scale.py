"""Name search as Dutch name search expects, answered from indexes in index order (no sort of all matches)."""

import pytest

from stevig.core.context import Actor
from stevig.core.pagination import FIRST_PAGE, slice_of
from stevig.people import selectors
from stevig.people.models import Resident
from stevig.people.selectors import NAME_SEARCH_KEYSET, ResidentSearch, name_search_tokens, search_residents
from stevig.testing import factories as f
from stevig.testing.explain import assert_indexed

pytestmark = pytest.mark.django_db


def _actor(user):
    return Actor(user=user, access_point="127.0.0.1")


def _names(world, name):
    page = search_residents(actor=_actor(world.own_worker), criteria=ResidentSearch(name=name))
    return sorted(r.full_name for r in page.rows)


@pytest.fixture
def dutch_names(world):
    household = f.HouseholdFactory(municipality=world.municipality, team=world.team)
    for given, prefix, surname in [
        ("Joost", "van", "Dijk"),
        ("Anna", "van der", "Dijk"),
        ("Pieter", "", "Dijkstra"),
        ("Jan", "", "Jansen"),
        ("Henk", "de", "Vries"),
        ("Mila", "van", "Vliet"),
    ]:
        f.add_member(household, relation="kind", given_names=given, prefix=prefix, surname=surname)
    return household


def test_tussenvoegsel_and_surname_both_find_the_resident(world, dutch_names):
    assert _names(world, "van dijk") == ["Anna van der Dijk", "Joost van Dijk"]
    assert _names(world, "dijk") == ["Anna van der Dijk", "Joost van Dijk", "Pieter Dijkstra"]
    assert _names(world, "Dijk van") == ["Anna van der Dijk", "Joost van Dijk"]
    assert _names(world, "van der dijk") == ["Anna van der Dijk"]
    assert _names(world, "van") == ["Anna van der Dijk", "Joost van Dijk", "Mila van Vliet"]
    assert _names(world, "de vr") == ["Henk de Vries"]


@pytest.mark.parametrize("by", ["name", "address"])
def test_the_household_row_comes_along_only_for_the_page_that_shows_the_address(world, dutch_names, by):
    from stevig.people.models import HouseholdMembership

    if by == "name":
        criteria = ResidentSearch(name="dijk")
    else:
        criteria = ResidentSearch(postcode=dutch_names.postcode, house_number=dutch_names.house_number)
    actor = _actor(world.own_worker)
    for with_address in (True, False):
        rows = search_residents(actor=actor, criteria=criteria, with_address=with_address).rows
        memberships = [m for r in rows for m in r.current_memberships]
        assert memberships and all(m.household_id == dutch_names.id for m in memberships)
        assert {HouseholdMembership.household.is_cached(m) for m in memberships} == {with_address}


def test_a_resident_with_two_matching_words_comes_once(world, dutch_names):
    assert _names(world, "jan") == ["Jan Jansen"]


def test_search_drives_from_the_surname_not_the_tussenvoegsel():
    assert selectors._driving_word(["dijk", "van"]) == "dijk"
    assert selectors._driving_word(["de", "vr"]) == "vr"
    assert selectors._driving_word(["der", "van"]) == "van"  # only tussenvoegsels: the longest


def test_other_teams_residents_are_not_found(world, dutch_names):
    page = search_residents(actor=_actor(world.other_team_worker), criteria=ResidentSearch(name="van"))
    assert [r for r in page.rows if r.surname in ("Dijk", "Vliet")] == []


@pytest.mark.parametrize("name", ["van", "de", "jan", "van dijk", "dijk"])
def test_name_search_walks_the_token_index_in_order(world, dutch_names, name):
    tokens = name_search_tokens(actor=_actor(world.own_worker), criteria=ResidentSearch(name=name))
    assert_indexed(slice_of(FIRST_PAGE, tokens, NAME_SEARCH_KEYSET), ordered_by_index=True)


def test_bsn_and_address_lookups_are_exact_and_indexed(world, dutch_names):
    municipality_id = world.municipality.id
    assert_indexed(Resident.objects.filter(municipality_id=municipality_id, bsn="999990019"))
    assert_indexed(
        dutch_names.__class__.objects.filter(
            municipality_id=municipality_id,
            postcode=dutch_names.postcode,
            house_number=dutch_names.house_number,
        )
    )
