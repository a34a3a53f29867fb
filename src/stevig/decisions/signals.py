"""A new municipality gets the default product categories, so decisions work from day one.

`decision_registered` is sent by `services.create_decision` inside its transaction, after the decision
and its log row are written, with `decision` and `actor`. Later apps (e.g. `istandaarden`, which sends
the provider a 301 toewijzing) connect to it instead of being imported here. A receiver that raises
undoes the decision: receivers store their own failures instead.
"""

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import Signal

decision_registered = Signal()


def _seed_new_municipality(
    sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        from stevig.decisions.seed import seed_categories

        seed_categories(instance.pk)


def connect() -> None:
    from stevig.tenancy.models import Municipality

    post_save.connect(_seed_new_municipality, sender=Municipality, dispatch_uid="decisions.seed_categories")
