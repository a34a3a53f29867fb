"""The household planner without a database: deterministic, plausible, valid BSNs."""

from collections import Counter
from datetime import date, timedelta

import pytest
from stdnum.nl import bsn as stdnum_bsn

from stevig.demo.generator import (
    HouseholdPlanner,
    backup_codes,
    bsn_pool,
    plan_postcode_areas,
    split_households,
    split_surname,
    totp_key,
    valid_test_bsns,
)
from stevig.demo.spec import ANDERDORP, STEVIGDAM
from stevig.people.models import CommunicationNeed, Relation
from stevig.people.validators import validate_postcode

TODAY = date(2026, 3, 2)


def plan(seed=2026, total=300, today=TODAY, spec=STEVIGDAM):
    return list(HouseholdPlanner(spec, seed=seed, today=today, total=total).households())


def fingerprint(households):
    return [
        (
            h.id,
            h.street,
            h.house_number,
            h.postcode,
            [
                (m.id, m.given_names, m.prefix, m.surname, m.bsn, m.date_of_birth, m.relation)
                for m in h.members
            ],
        )
        for h in households
    ]


def test_same_seed_gives_the_same_households():
    assert fingerprint(plan()) == fingerprint(plan())


def test_another_seed_gives_other_households():
    first, other = plan(seed=1), plan(seed=2)
    assert {m.bsn for h in first for m in h.members} != {m.bsn for h in other for m in h.members}
    assert [h.id for h in first] != [h.id for h in other]


def test_names_bsns_and_ids_do_not_change_from_day_to_day():
    today, tomorrow = plan(today=TODAY), plan(today=TODAY + timedelta(days=1))
    strip = [[(m.id, m.given_names, m.surname, m.bsn) for m in h.members] for h in today]
    assert strip == [[(m.id, m.given_names, m.surname, m.bsn) for m in h.members] for h in tomorrow]
    # Ages stay the same: every date moves along with today.
    assert today[0].members[0].date_of_birth + timedelta(days=1) == tomorrow[0].members[0].date_of_birth


def test_test_range_holds_only_valid_999_bsns():
    numbers = valid_test_bsns()
    assert len(numbers) == len(set(numbers)) == 90909
    assert all(n.startswith("999") and len(n) == 9 and stdnum_bsn.is_valid(n) for n in numbers)
    # Every valid 999 number is there: the elfproef leaves exactly one in eleven prefixes out.
    assert sum(stdnum_bsn.is_valid(f"999{i:06d}") for i in range(0, 1_000_000, 7)) == sum(
        1 for n in numbers if int(n[3:]) % 7 == 0
    )


def test_the_two_municipalities_never_share_a_bsn():
    assert not set(bsn_pool(2026, STEVIGDAM.code)) & set(bsn_pool(2026, ANDERDORP.code))


def test_planned_bsns_are_valid_unique_and_about_eighty_percent():
    households = plan(total=400)
    members = [m for h in households for m in h.members]
    bsns = [m.bsn for m in members if m.bsn]
    assert len(bsns) == len(set(bsns))
    assert all(stdnum_bsn.is_valid(b) and b.startswith("999") for b in bsns)
    assert 0.72 < len(bsns) / len(members) < 0.88


def test_households_are_plausible():
    households = plan(total=400)
    sizes = Counter(len([m for m in h.members if m.end_date is None]) for h in households)
    assert min(sizes) >= 1 and max(sizes) <= 6
    assert sizes[1] > 0 and sum(v for k, v in sizes.items() if k >= 4) > 0
    for h in households:
        parents = [m for m in h.members if m.relation == Relation.PARENT]
        children = [m for m in h.members if m.relation == Relation.CHILD]
        if children:
            assert parents, h
            youngest_parent = max(p.date_of_birth for p in parents)
            assert all(c.date_of_birth > youngest_parent for c in children)
        for m in h.members:
            assert m.date_of_birth <= TODAY and m.start_date <= TODAY
            assert m.start_date >= m.date_of_birth
            assert m.end_date is None or m.start_date <= m.end_date <= TODAY
            assert m.relation in Relation.values
            assert set(m.communication_needs) <= set(CommunicationNeed.values)
            assert m.surname_key == m.surname_key.lower() and m.surname_key
    everyone = [m for h in households for m in h.members]
    same_name = [h for h in households if len({m.given_names.split()[0] for m in h.members}) < len(h.members)]
    assert len(same_name) < len(households) / 50  # siblings rarely share a first name
    assert any(m.date_of_birth > TODAY - timedelta(days=18 * 365) for m in everyone)  # children
    assert any(m.date_of_birth < TODAY - timedelta(days=75 * 365) for m in everyone)  # elderly
    assert any(m.communication_needs for m in everyone)
    assert any(m.prefix for m in everyone)  # tussenvoegsels: 'van', 'de' ...


def test_addresses_are_unique_and_valid():
    households = plan(total=2500)
    keys = [(h.postcode, h.house_number, h.house_number_addition) for h in households]
    assert len(keys) == len(set(keys))
    for h in households[:200]:
        validate_postcode(h.postcode)
        assert h.city == "Stevigdam"
    areas = plan_postcode_areas(STEVIGDAM, 2500)
    for h in households:
        assert h.postcode[:4] in areas[h.neighbourhood_code]


def test_households_are_spread_over_the_neighbourhoods():
    counts = split_households(STEVIGDAM, 1000)
    assert sum(counts.values()) == 1000
    assert set(counts) == {"WK990101", "WK990102", "WK990103"}
    assert all(c > 150 for c in counts.values())
    households = plan(total=1000)
    assert Counter(h.neighbourhood_code for h in households) == Counter(counts)


def test_postcode_areas_grow_with_the_municipality():
    small, large = plan_postcode_areas(STEVIGDAM, 500), plan_postcode_areas(STEVIGDAM, 100_000)
    assert all(len(v) == 2 for v in small.values())
    assert sum(len(v) for v in large.values()) > 20
    digits = [d for v in large.values() for d in v]
    assert len(digits) == len(set(digits))


@pytest.mark.parametrize(
    ("full", "expected"),
    [
        ("van der Ploeg", ("van der", "Ploeg")),
        ("de Vries", ("de", "Vries")),
        ("Jansen", ("", "Jansen")),
        ("Goyaerts van Waderle", ("", "Goyaerts van Waderle")),
        ("in 't Veld", ("in 't", "Veld")),
    ],
)
def test_split_surname(full, expected):
    assert split_surname(full) == expected


def test_totp_keys_and_backup_codes_are_derived_from_seed_and_username():
    assert totp_key(2026, "anna") == totp_key(2026, "anna")
    assert totp_key(2026, "anna") != totp_key(2026, "bram") != totp_key(2027, "bram")
    assert len(bytes.fromhex(totp_key(2026, "anna"))) == 20
    codes = backup_codes(2026, "anna")
    assert len(codes) == len(set(codes)) == 10 and codes == backup_codes(2026, "anna")
