"""The demo loader's bulk writer: COPY on PostgreSQL, batched INSERTs on SQLite, the same rows on both."""

import uuid
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stevig.demo.loader import _BulkInserter, load_demo
from stevig.people.models import Household, Resident, ResidentNameToken
from stevig.tenancy.models import Municipality

pytestmark = pytest.mark.django_db


def test_bulk_writer_copies_on_postgresql_and_inserts_on_sqlite():
    gm = Municipality.objects.create(code="GM9977", name="Kopieerdam")
    inserter = _BulkInserter(Resident, timezone.now())
    rows = [
        {
            "id": uuid.UUID(int=i + 1),
            "municipality_id": gm.id,
            "given_names": f"Jan{i}",
            "prefix": "van" if i == 4 else "",
            "surname": "D'ijk\t\\nieuw",  # quote, tab and backslash survive COPY's text format
            "date_of_birth": date(1980, 1, 1 + i),
            "bsn": "",
            "communication_needs": ["tolk"] if i else [],
            "surname_key": "dijk",
            "given_key": f"jan{i}",
        }
        for i in range(5)
    ]
    with CaptureQueriesContext(connection) as queries:
        inserter.insert(rows)
    statements = " ".join(q["sql"] for q in queries.captured_queries)
    if connection.vendor == "postgresql":
        assert inserter.method == "copy"
        assert "INSERT" not in statements
    else:
        assert inserter.method == "insert"
        assert "INSERT INTO" in statements
    stored = {r.id: r for r in Resident.objects.filter(municipality=gm)}
    assert len(stored) == 5
    first, last = stored[uuid.UUID(int=1)], stored[uuid.UUID(int=5)]
    assert first.surname == "D'ijk\t\\nieuw" and first.prefix == "" and first.communication_needs == []
    assert last.prefix == "van" and last.communication_needs == ["tolk"]
    assert last.date_of_birth == date(1980, 1, 5)
    # Columns left out of the rows get the model's defaults.
    assert first.preferred_language == "Nederlands" and first.phone == ""


def test_small_load_through_the_bulk_path_keeps_bsns_in_the_test_range():
    """A small load (on PostgreSQL through COPY): every row lands, BSNs only from 999…, ANALYZE done."""
    summary = load_demo(households=30, seed=11, today=date(2026, 3, 2), other_households=5, work=False)
    gm = Municipality.objects.get(code=summary.municipalities[0].code)
    assert Household.objects.filter(municipality=gm).count() == 30
    residents = Resident.objects.filter(municipality=gm)
    assert residents.count() == summary.municipalities[0].residents
    assert ResidentNameToken.objects.filter(municipality=gm).values("resident").distinct().count() == (
        residents.count()
    )
    with_bsn = residents.exclude(bsn="")
    assert with_bsn.count() == summary.municipalities[0].residents_with_bsn > 0
    assert not with_bsn.exclude(bsn__startswith="999").exists()


def _plain_indexes() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename IN "
                "('people_resident', 'people_residentnametoken', 'people_household', 'people_householdmembership')"
            )
        else:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
                "('people_resident', 'people_residentnametoken', 'people_household', 'people_householdmembership')"
            )
        return {row[0] for row in cursor.fetchall()}


def test_a_large_load_rebuilds_the_plain_indexes_after_copying(monkeypatch):
    """From REBUILD_INDEXES_FROM households on PostgreSQL the plain indexes are dropped for the COPY and
    built again with the same definition; unique ones stay. SQLite keeps its indexes throughout."""
    from stevig.demo import loader

    monkeypatch.setattr(loader, "REBUILD_INDEXES_FROM", 10)
    before = _plain_indexes()
    with CaptureQueriesContext(connection) as queries:
        load_demo(households=12, seed=3, today=date(2026, 3, 2), other_households=2, work=False)
    statements = [q["sql"] for q in queries.captured_queries]
    dropped = [s for s in statements if s.startswith("DROP INDEX")]
    created = [s for s in statements if s.startswith("CREATE INDEX")]
    if connection.vendor == "postgresql":
        assert dropped and len(created) == len(dropped)
        assert not any(s.startswith("CREATE UNIQUE") for s in statements)
    else:
        assert not dropped and not created
    assert _plain_indexes() == before
    assert Household.objects.filter(municipality__code="GM9901").count() == 12
