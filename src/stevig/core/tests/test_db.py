"""core.db: the API-key lookup written once per process gives what the ORM gives, in one query; PostgreSQL
timestamps read by the fast loader are the values Django's own loader reads."""

import datetime as dt

import pytest
import time_machine
from django.db import DataError, connection
from django.test.utils import CaptureQueriesContext

from stevig.accounts.models import ApiToken, User
from stevig.accounts.selectors import token_hash, valid_api_token
from stevig.testing.personas import persona_token

pytestmark = pytest.mark.django_db


def _fields(instance: object) -> dict[str, object]:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}  # type: ignore[attr-defined]


def test_the_key_lookup_returns_what_the_orm_returns_with_user_municipality_and_team_in_one_query(world):
    raw = persona_token(world.own_worker)
    expected = ApiToken.objects.select_related("user__municipality", "user__team").get(
        key_hash=token_hash(raw)
    )
    with CaptureQueriesContext(connection) as queries:
        token = valid_api_token(raw)
        assert token is not None
        user, municipality, team = token.user, token.user.municipality, token.user.team
    assert len(queries.captured_queries) == 1
    assert _fields(token) == _fields(expected)
    assert _fields(user) == _fields(expected.user)
    assert _fields(municipality) == _fields(expected.user.municipality)
    assert _fields(team) == _fields(expected.user.team)
    assert isinstance(token.expires_at, dt.datetime) and token.expires_at.tzinfo is not None
    assert token._state.db == "default" and not token._state.adding


def test_a_user_without_team_gets_none_without_another_query(world):
    raw = persona_token(world.policy)
    assert world.policy.team_id is None
    with CaptureQueriesContext(connection) as queries:
        token = valid_api_token(raw)
        assert token is not None
        assert token.user.team is None
        assert token.user.municipality == world.municipality
    assert len(queries.captured_queries) == 1


def test_revoked_expired_and_inactive_keys_find_nothing(world):
    raw = persona_token(world.colleague)
    ApiToken.objects.filter(key_hash=token_hash(raw)).update(
        expires_at=dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
    )
    with time_machine.travel(dt.datetime(2026, 12, 1, 8, 59, tzinfo=dt.UTC), tick=False):
        assert valid_api_token(raw) is not None
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        assert valid_api_token(raw) is None  # expires_at is the first moment it no longer works
    ApiToken.objects.filter(key_hash=token_hash(raw)).update(
        expires_at=dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
    )
    User.objects.filter(pk=world.colleague.pk).update(is_active=False)
    assert valid_api_token(raw) is None
    User.objects.filter(pk=world.colleague.pk).update(is_active=True)
    ApiToken.objects.filter(key_hash=token_hash(raw)).update(
        revoked_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    )
    assert valid_api_token(raw) is None
    assert valid_api_token("stv_unknown") is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2026-11-30 14:24:36.123456+00", dt.datetime(2026, 11, 30, 14, 24, 36, 123456, tzinfo=dt.UTC)),
        ("2026-11-30 14:24:36+00", dt.datetime(2026, 11, 30, 14, 24, 36, tzinfo=dt.UTC)),
        # An offset other than UTC is turned into UTC by PostgreSQL before it is sent (the session is UTC).
        ("2026-03-29 03:30:00+02", dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)),
        ("0001-01-01 00:00:00+00", dt.datetime(1, 1, 1, tzinfo=dt.UTC)),
    ],
)
def test_timestamps_read_as_django_reads_them(text, expected):
    cast = "::timestamptz" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT %s{cast}", [text])
        value = cursor.fetchone()[0]
    if connection.vendor != "postgresql":
        assert value == text  # SQLite has no timestamp type: the ORM's converters parse it, not a loader
        return
    assert value == expected
    assert value.tzinfo is dt.UTC  # the same object Django's loader attaches


def test_the_fast_loader_is_the_one_cursors_use_and_falls_back_for_what_iso_cannot_say():
    if connection.vendor != "postgresql":
        return
    from psycopg.pq import Format

    connection.ensure_connection()
    loader = connection.connection.adapters.get_loader(1184, Format.TEXT)  # timestamptz
    assert loader.__name__ == "UtcIsoLoader"
    with connection.cursor() as cursor:
        cursor.execute("SELECT '2026-11-30 12:00:00+00'::timestamptz, 'infinity'::timestamptz::text")
        value, infinity = cursor.fetchone()
    assert value == dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC) and infinity == "infinity"
    # 'infinity' has no datetime: the fallback (Django's own loader) answers as before, with its error.
    with connection.cursor() as cursor, pytest.raises(DataError):
        cursor.execute("SELECT 'infinity'::timestamptz")
        cursor.fetchone()
