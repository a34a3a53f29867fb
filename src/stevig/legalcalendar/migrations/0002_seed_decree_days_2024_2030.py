"""Seed the days equated with a holiday by royal decree (Algemene termijnenwet art. 3 lid 3), 2024-2030.

The Friday after Ascension Day is computed from Easter (Ascension Day is Easter + 39 days). Every
decree so far has equated it. The other bridge days cannot be computed; they are copied from the
decrees. For 2029 and 2030 no decree exists yet: the Fridays are entered as expected days and
functioneel beheer checks them when the decree is published.
"""

from datetime import date, timedelta

from dateutil.easter import easter
from django.db import migrations

DECREE_2023_2025 = (
    "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en "
    "30 mei 2025 met een algemeen erkende feestdag"
)
DECREE_2026_2028 = (
    "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en "
    "26 mei 2028 met een algemeen erkende feestdag"
)
NOT_YET_DECREED = "Nog geen besluit gepubliceerd (verwacht); controleren zodra het besluit verschijnt"

DECREE_BY_YEAR = {
    2024: DECREE_2023_2025,
    2025: DECREE_2023_2025,
    2026: DECREE_2026_2028,
    2027: DECREE_2026_2028,
    2028: DECREE_2026_2028,
    2029: NOT_YET_DECREED,
    2030: NOT_YET_DECREED,
}

BRIDGE_DAYS = [
    (date(2024, 12, 27), "vrijdag na Tweede Kerstdag", DECREE_2023_2025),
    (date(2026, 1, 2), "vrijdag na Nieuwjaarsdag", DECREE_2026_2028),
    (date(2028, 4, 28), "vrijdag na Koningsdag", DECREE_2026_2028),
]


def fridays_after_ascension():
    for year, reference in DECREE_BY_YEAR.items():
        yield easter(year) + timedelta(days=40), "vrijdag na Hemelvaartsdag", reference


def seed(apps, schema_editor):
    DecreeDay = apps.get_model("legalcalendar", "DecreeDay")
    for day, description, reference in [*fridays_after_ascension(), *BRIDGE_DAYS]:
        DecreeDay.objects.get_or_create(date=day, defaults={"description": description, "decree_reference": reference})


def unseed(apps, schema_editor):
    DecreeDay = apps.get_model("legalcalendar", "DecreeDay")
    days = [day for day, _description, _reference in [*fridays_after_ascension(), *BRIDGE_DAYS]]
    DecreeDay.objects.filter(date__in=days).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("legalcalendar", "0001_decree_day"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
