"""Load our own texts of the instrument: 4 values, the 13 principles, 26 statements."""

from django.db import migrations


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    from stevig.selfassessment.instrument import load as load_instrument

    load_instrument(apps)


class Migration(migrations.Migration):
    dependencies = [("selfassessment", "0001_instrument_rounds_actions")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
