"""The instrument is data with our own texts: 4 values, 13 principles, 2 statements each, loaded by the
data migration; the scale has four levels."""

from django.apps import apps

from stevig.selfassessment import instrument
from stevig.selfassessment.models import Level, Principle, Statement, Value


def test_the_data_migration_loaded_values_principles_and_statements(db) -> None:
    assert list(Principle.objects.values_list("number", flat=True)) == list(range(1, 14))
    assert Value.objects.count() == 4
    assert all(p.statements.count() >= 2 for p in Principle.objects.all())
    assert Statement.objects.count() == sum(len(p[5]) for p in instrument.PRINCIPLES) == 26
    # Every principle has a value, a title, a short name for the radar chart and an explanation.
    for p in Principle.objects.select_related("value"):
        assert p.value.name and p.title and p.short and len(p.short) <= 16 and p.explanation
    assert Principle.objects.get(number=4).title == "Patronen en systeemknelpunten"


def test_the_scale_is_niet_beginnend_grotendeels_volledig() -> None:
    assert [str(label) for label in Level.labels] == ["niet", "beginnend", "grotendeels", "volledig"]
    assert Level.values == [0, 1, 2, 3]


def test_loading_again_updates_and_adds_nothing(db) -> None:
    changed = Statement.objects.get(principle__number=1, order=1)
    changed.text = "Door beheer aangepast."
    changed.save()
    instrument.load(apps)
    assert Statement.objects.count() == 26
    changed.refresh_from_db()
    assert changed.text == instrument.PRINCIPLES[0][5][0]
