"""Abstract base models shared by every domain app."""

import uuid

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
