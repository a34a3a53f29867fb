"""`stevig_demo`: what lands in the database, idempotence, refusal outside demo mode, bad input."""

from collections import Counter
from datetime import date

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum.nl import bsn as stdnum_bsn

from stevig.accounts.models import ApiToken, Role, User
from stevig.audit.models import AccessLogEntry
from stevig.demo.generator import HouseholdPlanner, totp_key
from stevig.demo.loader import load_demo
from stevig.demo.spec import ANDERDORP, DEMO_PASSWORD, STEVIGDAM
from stevig.people.models import Household, HouseholdMembership, Involvement, Resident
from stevig.tenancy.models import (
    Department,
    ExpertiseTag,
    Location,
    Municipality,
    Neighbourhood,
    OpeningHours,
    PostcodeArea,
    Team,
)
from stevig.testing.shared_world import DEMO

pytestmark = pytest.mark.django_db
TODAY = DEMO["today"]
assert DEMO == {"households": 60, "seed": 7, "today": date(2026, 3, 2)}, "the tests below count on it"


@pytest.fixture
def demo(shared_demo):
    """The shared demo (`stevig.testing.shared_world.DEMO`: 60 households, seed 7, dated TODAY)."""
    return shared_demo


@pytest.fixture
def demo_mode(settings):
    settings.DEMO = True
    return settings


def test_summary_counts_what_was_written(demo):
    stevigdam, anderdorp = demo.municipalities
    assert (stevigdam.code, stevigdam.households, anderdorp.code, anderdorp.households) == (
        "GM9901",
        60,
        "GM9902",
        20,
    )
    assert Household.objects.filter(municipality__code="GM9901").count() == 60
    # The work adds four young people of 17 and a half per worker (18-/18+) on top of the planned residents.
    added = [r for w in demo.work for r in w.young_people]
    assert len(added) == 20, "four workers in Stevigdam, one in Anderdorp"
    assert Resident.objects.filter(municipality__code="GM9901").exclude(id__in=added).count() == (
        stevigdam.residents
    )
    assert (
        Resident.objects.filter(municipality__code="GM9902").exclude(bsn="").count()
        == anderdorp.residents_with_bsn
    )
    assert "Stevigdam (GM9901): 60 huishoudens" in demo.line()


def test_database_holds_exactly_what_the_planner_planned(demo):
    """Same seed, same data: the rows equal a fresh planner run (names, BSNs, ids)."""
    planned = list(HouseholdPlanner(STEVIGDAM, seed=7, today=TODAY, total=60).households())
    expected = {
        (m.id, m.given_names, m.prefix, m.surname, m.bsn, m.date_of_birth) for h in planned for m in h.members
    }
    added = [r for w in demo.work for r in w.young_people]  # 18-/18+: added by the work, through the service
    stored = set(
        Resident.objects.filter(municipality__code="GM9901")
        .exclude(id__in=added)
        .values_list("id", "given_names", "prefix", "surname", "bsn", "date_of_birth")
    )
    assert stored == expected
    assert set(Household.objects.filter(municipality__code="GM9901").values_list("id", flat=True)) == {
        h.id for h in planned
    }


def test_bsns_are_valid_in_the_test_range_and_unique_per_municipality(demo):
    for code in ("GM9901", "GM9902"):
        bsns = list(
            Resident.objects.filter(municipality__code=code).exclude(bsn="").values_list("bsn", flat=True)
        )
        assert bsns and len(bsns) == len(set(bsns))
        assert all(b.startswith("999") and stdnum_bsn.is_valid(b) for b in bsns)
        total = Resident.objects.filter(municipality__code=code).count()
        assert 0.6 < len(bsns) / total < 0.95


def test_municipality_set_up(demo):
    gm = Municipality.objects.get(code="GM9901")
    assert gm.name == "Stevigdam"
    hoods = {n.code: n for n in Neighbourhood.objects.filter(municipality=gm)}
    assert set(hoods) == {"WK990101", "WK990102", "WK990103"}
    noord, zuid = (
        Team.objects.get(municipality=gm, name="Team Noord"),
        Team.objects.get(municipality=gm, name="Team Zuid"),
    )
    assert {n.code for n in noord.neighbourhoods.all()} == {"WK990101"}
    assert {n.code for n in zuid.neighbourhoods.all()} == {"WK990102", "WK990103"}
    areas = PostcodeArea.objects.filter(municipality=gm)
    assert {a.neighbourhood.code for a in areas} == set(hoods)
    assert all(len(a.postcode_digits) == 4 and a.postcode_digits.isdigit() for a in areas)
    kinds = set(Location.objects.filter(municipality=gm).values_list("kind", flat=True))
    assert kinds == set(Location.Kind.values)
    for location in Location.objects.filter(municipality=gm):
        assert location.accessibility_notes
        assert OpeningHours.objects.filter(location=location).exists()
    assert set(
        Department.objects.filter(municipality=gm).values_list("name", "response_term_working_days")
    ) >= {
        ("Werk & Inkomen", 10),
        ("Schuldhulpverlening", 5),
        ("Wonen", 10),
        ("Leerplicht", 5),
        ("Wmo-voorzieningen", 10),
        ("Jeugdhulp", 10),
    }
    assert set(ExpertiseTag.objects.filter(municipality=gm).values_list("name", flat=True)) == {
        "GGZ",
        "LVB",
        "verslaving",
        "schulden",
        "opvoeding",
        "jeugd",
        "ouderen",
    }


def test_households_belong_to_the_team_of_their_neighbourhood(demo):
    for household in Household.objects.select_related("neighbourhood", "team"):
        assert household.neighbourhood.teams.get() == household.team
        assert PostcodeArea.objects.filter(
            municipality=household.municipality_id,
            postcode_digits=household.postcode[:4],
            neighbourhood=household.neighbourhood,
        ).exists()
    assert Counter(
        Household.objects.filter(municipality__code="GM9901").values_list("team__name", flat=True)
    ).keys() == {"Team Noord", "Team Zuid"}


def test_members_and_relations(demo):
    sizes = Counter(
        HouseholdMembership.objects.filter(end_date__isnull=True, municipality__code="GM9901").values_list(
            "household_id", flat=True
        )
    )
    assert len(sizes) == 60 and min(sizes.values()) >= 1 and max(sizes.values()) <= 6
    relations = set(HouseholdMembership.objects.values_list("relation", flat=True))
    assert {"ouder", "kind"} <= relations


def test_every_role_with_totp_backup_codes_and_token(demo):
    users = {u.username: u for u in User.objects.filter(municipality__code="GM9901").select_related("team")}
    assert {u.role for u in users.values()} == set(Role.values)
    workers = [u for u in users.values() if u.role == Role.WORKER]
    assert len({w.team_id for w in workers}) >= 2
    assert users["anna"].team.name == "Team Noord" and users["bram"].team.name == "Team Zuid"
    assert users["sanne"].department.name == "Schuldhulpverlening" and users["wim"].department.name == "Wonen"
    assert users["henk"].is_staff and not users["anna"].is_staff
    for user in User.objects.filter(municipality__code__in=["GM9901", "GM9902"]):
        device = TOTPDevice.objects.get(user=user)
        assert device.confirmed and device.key == totp_key(7, user.username)
        assert StaticToken.objects.filter(device__user=user, device__confirmed=True).count() == 10
        assert ApiToken.objects.filter(user=user, name="demo").exists()
        assert user.is_staff_member
    anna = users["anna"]
    assert anna.check_password(DEMO_PASSWORD)
    assert set(anna.expertise.values_list("name", flat=True)) == {"opvoeding", "jeugd"}


def test_demo_password_passes_the_password_validators(demo):
    for user in User.objects.all():
        validate_password(DEMO_PASSWORD, user=user)  # raises ValidationError if not


def test_the_other_municipality_is_separate(demo):
    gm = Municipality.objects.get(code=ANDERDORP.code)
    assert set(User.objects.filter(municipality=gm).values_list("username", "role")) == {
        ("dirk", "medewerker"),
        ("petra", "privacy"),
    }
    assert Household.objects.filter(municipality=gm).count() == 20
    assert not Household.objects.filter(municipality=gm).exclude(team__municipality=gm).exists()
    assert not Resident.objects.filter(
        municipality=gm, memberships__household__municipality__code="GM9901"
    ).exists()


def test_own_workers_are_involved_in_a_few_households(demo):
    anna = User.objects.get(username="anna")
    involved = Involvement.objects.filter(user=anna).select_related("household__team")
    teams = Counter(i.household.team.name for i in involved)
    assert teams["Team Noord"] >= 3 and teams["Team Zuid"] == 1  # one file beyond her own team
    assert Involvement.objects.filter(user__username="dirk", household__municipality__code="GM9902").exists()


def test_loader_leaves_an_access_log_history_from_the_demo_work(demo):
    # The households are bulk-loaded (no log); the work in progress goes through the services as the demo
    # staff, so the privacy officer has a real access-log history to look at (issue 11, point 10).
    assert AccessLogEntry.objects.exists()


# -- the command ------------------------------------------------------------------------------------


@pytest.mark.system
def test_command_loads_and_prints_one_line(demo_mode, capsys):
    """On an empty database `--if-empty` loads (as `make run` calls it)."""
    call_command("stevig_demo", "--households", "25", "--seed", "3", "--if-empty")
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "Stevigdam (GM9901): 25 huishoudens" in out[0]
    assert Household.objects.filter(municipality__code="GM9901").count() == 25


# The two below start from the shared demo (already loaded) instead of loading one first: same check,
# without building a municipality twice per test.
def test_if_empty_is_idempotent(demo, demo_mode, capsys):
    counts = (
        Household.objects.count(),
        Resident.objects.count(),
        User.objects.count(),
        TOTPDevice.objects.count(),
    )
    call_command("stevig_demo", "--households", "15", "--if-empty")
    assert (
        Household.objects.count(),
        Resident.objects.count(),
        User.objects.count(),
        TOTPDevice.objects.count(),
    ) == counts
    assert "bestaat al" in capsys.readouterr().out


def test_loading_twice_without_if_empty_is_refused(demo, demo_mode):
    households = Household.objects.count()
    with pytest.raises(CommandError, match="bestaat al"):
        call_command("stevig_demo", "--households", "10")
    assert Household.objects.count() == households


@pytest.mark.parametrize("value", ["0", "-5", "veel"])
def test_bad_household_count_is_refused(demo_mode, value):
    with pytest.raises(CommandError):
        call_command("stevig_demo", "--households", value)
    assert not Municipality.objects.exists()


def test_refused_outside_demo_mode(settings):
    settings.DEMO = False
    settings.DEBUG = False
    with pytest.raises(CommandError, match="STEVIG_DEMO=1"):
        call_command("stevig_demo", "--households", "5")
    assert not Municipality.objects.exists()


def _planner_knows_households(municipality_rows: int) -> bool:
    """Whether the database's statistics for the household table exist (and count the load)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'people_household'")
            return cursor.fetchone()[0] >= municipality_rows
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone()[0]:
            return False
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'people_household'")
        stats = [row[0] for row in cursor.fetchall()]
        return bool(stats) and all(int(stat.split()[0]) >= municipality_rows for stat in stats)


def test_loader_analyzes_the_tables_it_filled(db):
    """ANALYZE after the bulk load: the planner must not guess '1000 rows' for a one-row lookup."""
    from django.db import connection

    if connection.vendor == "sqlite":  # PostgreSQL keeps statistics across rolled-back tests
        assert not _planner_knows_households(60)
    calls = []
    # Without the work in progress (made through the services after the bulk load): not what is tested here.
    load_demo(
        households=60,
        seed=7,
        today=TODAY,
        progress=lambda done, total: calls.append((done, total)),
        work=False,
    )
    assert _planner_knows_households(60)
    assert calls[-1] == (60 + 20, 80) and calls == sorted(calls)
