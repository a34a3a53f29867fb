"""The data migration seeds the decree days of 2024-2030."""

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps

from stevig.legalcalendar.models import DecreeDay

pytestmark = pytest.mark.django_db

seed_migration = importlib.import_module("stevig.legalcalendar.migrations.0002_seed_decree_days_2024_2030")

FRIDAYS_AFTER_ASCENSION = {
    date(2024, 5, 10),
    date(2025, 5, 30),
    date(2026, 5, 15),
    date(2027, 5, 7),
    date(2028, 5, 26),
    date(2029, 5, 11),
    date(2030, 5, 31),
}
BRIDGE_DAYS = {date(2024, 12, 27), date(2026, 1, 2), date(2028, 4, 28)}


def test_rows_exist_after_migrate():
    rows = {row.date: row for row in DecreeDay.objects.all()}
    assert set(rows) == FRIDAYS_AFTER_ASCENSION | BRIDGE_DAYS
    for day in FRIDAYS_AFTER_ASCENSION:
        assert day.weekday() == 4
        assert rows[day].description == "vrijdag na Hemelvaartsdag"
        assert rows[day].decree_reference
    assert "2 januari 2026, 15 mei 2026" in rows[date(2026, 5, 15)].decree_reference
    assert "10 mei 2024" in rows[date(2024, 5, 10)].decree_reference
    assert rows[date(2030, 5, 31)].decree_reference.startswith("Nog geen besluit")


def test_every_computed_friday_follows_the_libraries_ascension_day():
    import holidays

    for friday in FRIDAYS_AFTER_ASCENSION:
        library = holidays.country_holidays("NL", years=friday.year, language="nl")
        assert library.get(friday - timedelta(days=1)) == "Hemelvaartsdag"


def test_reverse_removes_only_seeded_rows_and_seed_is_idempotent():
    DecreeDay.objects.create(
        date=date(2031, 5, 23), description="vrijdag na Hemelvaartsdag", decree_reference="KB 2030"
    )

    seed_migration.unseed(apps, None)
    assert list(DecreeDay.objects.values_list("date", flat=True)) == [date(2031, 5, 23)]

    seed_migration.seed(apps, None)
    seed_migration.seed(apps, None)  # idempotent
    assert DecreeDay.objects.count() == len(FRIDAYS_AFTER_ASCENSION | BRIDGE_DAYS) + 1


def test_seed_does_not_overwrite_an_edited_row():
    DecreeDay.objects.filter(date=date(2026, 5, 15)).update(decree_reference="Stcrt. 2025, 12345")
    seed_migration.seed(apps, None)
    assert DecreeDay.objects.get(date=date(2026, 5, 15)).decree_reference == "Stcrt. 2025, 12345"
