from typing import Any

from django.db import models
from django.db.models import F

from stevig.core.errors import VersionConflict
from stevig.core.models import VersionedTenantModel


def save_if_unchanged(
    instance: VersionedTenantModel, *, expected_version: int, fields: dict[str, Any]
) -> None:
    """Write `fields` only if nobody saved the row since `expected_version` was read.

    A conditional UPDATE is atomic on both SQLite and PostgreSQL, so two concurrent saves can never
    both succeed: the second sees zero rows updated and gets a VersionConflict.
    """
    model: type[models.Model] = type(instance)
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        **fields, version=F("version") + 1
    )
    if updated != 1:
        raise VersionConflict()
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.version = expected_version + 1
