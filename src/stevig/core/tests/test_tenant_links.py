"""Every link table of resident data carries the municipality (the Citus distribution key)."""

from django.apps import apps
from django.db import models

from stevig.core.models import TenantLink, TenantModel


def test_every_many_to_many_between_tenant_rows_has_a_municipality_column():
    missing = []
    for model in apps.get_models():
        # tenancy: the organisation's own set-up (teams and their neighbourhoods), no resident data.
        if not issubclass(model, TenantModel) or model._meta.app_label == "tenancy":
            continue
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if not issubclass(through, TenantLink) or not isinstance(
                through._meta.get_field("municipality"), models.ForeignKey
            ):
                missing.append(f"{model._meta.label}.{field.name}")
    assert missing == []
