"""A new municipality gets the default product categories, so decisions work from day one."""

from typing import Any

from django.db.models.signals import post_save


def _seed_new_municipality(
    sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        from stevig.decisions.seed import seed_categories

        seed_categories(instance.pk)


def connect() -> None:
    from stevig.tenancy.models import Municipality

    post_save.connect(_seed_new_municipality, sender=Municipality, dispatch_uid="decisions.seed_categories")
