from django.db import migrations, models


def c_collation(apps, schema_editor):
    """PostgreSQL: tokens sort bytewise ("C"), so prefix ranges and ORDER BY token use one plain index."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'ALTER TABLE people_residentnametoken ALTER COLUMN token TYPE varchar(60) COLLATE "C"'
        )


def default_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE people_residentnametoken ALTER COLUMN token TYPE varchar(60)")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_resident_name_tokens"),
        ("tenancy", "0002_department_debt_help"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="residentnametoken", name="resident_name_token"),
        migrations.RunPython(c_collation, default_collation),
        migrations.AddIndex(
            model_name="residentnametoken",
            index=models.Index(fields=["municipality", "token", "resident"], name="resident_name_token_order"),
        ),
    ]
