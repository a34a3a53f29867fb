"""Migration operations that give an auto-created many-to-many table an explicit through model with the
municipality column (Citus distribution key). Used by the apps' `*_link_tables_municipality` migrations;
keep the signature stable, migrations are history.
"""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def tenant_link_operations(
    *,
    app: str,
    owner: str,
    field: str,
    link: str,
    owner_fk: str,
    target: str,
    target_fk: str,
    table: str,
    source_table: str,
    source_column: str,
    m2m: dict[str, Any],
) -> list[migrations.operations.base.Operation]:
    """State: the existing table becomes model `link`. Database: add `municipality_id`, fill it from the
    row in `source_table` that `source_column` points to, then make it required."""

    def municipality(**extra: Any) -> models.ForeignKey:  # type: ignore[type-arg]
        return models.ForeignKey(
            on_delete=django.db.models.deletion.PROTECT, related_name="+", to="tenancy.municipality", **extra
        )

    # Table and column names come from the migration files, never from input.
    fill = f"UPDATE {table} SET municipality_id = (SELECT municipality_id FROM {source_table} WHERE {source_table}.id = {table}.{source_column})"  # noqa: S608
    return [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name=link,
                    fields=[
                        ("id", models.BigAutoField(primary_key=True, serialize=False)),
                        (
                            owner_fk,
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, to=f"{app}.{owner}"
                            ),
                        ),
                        (
                            target_fk,
                            models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=target),
                        ),
                    ],
                    options={"db_table": table, "unique_together": {(owner_fk, target_fk)}},
                ),
                migrations.AlterField(
                    model_name=owner,
                    name=field,
                    field=models.ManyToManyField(through=f"{app}.{link}", **m2m),
                ),
            ],
        ),
        migrations.AddField(model_name=link.lower(), name="municipality", field=municipality(null=True)),
        migrations.RunSQL(fill, migrations.RunSQL.noop),
        migrations.AlterField(model_name=link.lower(), name="municipality", field=municipality()),
    ]
