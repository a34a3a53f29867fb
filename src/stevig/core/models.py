"""Abstract base models shared by every domain app."""

import uuid
from typing import Any

from django.db import models


class TenantModel(models.Model):
    """A row that belongs to exactly one municipality.

    The municipality is the tenant and the distribution key (Citus-ready): every resident-data table
    carries it, and every selector filters on it first, so no query crosses municipalities.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class VersionedTenantModel(TenantModel):
    """A tenant row that people edit: `version` detects concurrent edits (optimistic locking)."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class TenantLinkQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def bulk_create(self, objs, *args, **kwargs):  # type: ignore[no-untyped-def]
        """Fill the municipality of new link rows from their source row (one query per call).

        Django's many-to-many managers (`.add()`, `.set()`) create link rows with `bulk_create` and know
        nothing of extra columns, so the call sites stay as they are.
        """
        objs = list(objs)
        missing = [obj for obj in objs if obj.municipality_id is None]
        if missing:
            source: Any = self.model._meta.get_field(self.model.TENANT_SOURCE)  # type: ignore[attr-defined]
            ids = {getattr(obj, source.attname) for obj in missing}
            owners = dict(
                source.related_model._base_manager.using(self.db)
                .filter(pk__in=ids)
                .values_list("pk", "municipality_id")
            )
            for obj in missing:
                obj.municipality_id = owners[getattr(obj, source.attname)]
        return super().bulk_create(objs, *args, **kwargs)


class TenantLink(models.Model):
    """A row of a many-to-many link table of resident data. It carries the municipality as well, so
    Citus can distribute and co-locate link tables by it like every other resident-data table.

    Subclasses name the foreign key whose row gives the municipality in `TENANT_SOURCE`.
    """

    TENANT_SOURCE = "resident"

    id = models.BigAutoField(primary_key=True)
    municipality = models.ForeignKey("tenancy.Municipality", on_delete=models.PROTECT, related_name="+")

    objects = TenantLinkQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.municipality_id is None:
            self.municipality_id = getattr(self, self.TENANT_SOURCE).municipality_id
        super().save(*args, **kwargs)


def tenant_link(
    name: str, *, module: str, owner: Any, owner_fk: str, target: Any, target_fk: str, table: str, source: str
) -> type[TenantLink]:
    """The through model `name` of an existing many-to-many table `table` between `owner` and `target`,
    with the municipality taken from the row that `source` (one of the two keys) points to."""
    meta = type("Meta", (), {"db_table": table, "unique_together": [(owner_fk, target_fk)]})
    attributes = {
        "__module__": module,
        "__doc__": f"A row of {table}, with the municipality (Citus distribution key).",
        "TENANT_SOURCE": source,
        owner_fk: models.ForeignKey(owner, on_delete=models.CASCADE),
        target_fk: models.ForeignKey(target, on_delete=models.CASCADE),
        "Meta": meta,
    }
    return type(name, (TenantLink,), attributes)
