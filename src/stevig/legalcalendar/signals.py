"""Keep the per-year holiday cache and the stored open deadlines in step with the decree days."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from stevig.legalcalendar.calendar import clear_cache
from stevig.legalcalendar.models import DecreeDay
from stevig.legalcalendar.recompute import recompute_open_deadlines


@receiver(post_save, sender=DecreeDay, dispatch_uid="legalcalendar_decree_saved")
@receiver(post_delete, sender=DecreeDay, dispatch_uid="legalcalendar_decree_deleted")
def decree_day_changed(sender: type[DecreeDay], instance: DecreeDay, **kwargs: Any) -> None:
    # Clear now, so this request sees the change, and again after commit, in case something in the
    # same transaction filled the cache between the save and the commit.
    clear_cache()
    transaction.on_commit(clear_cache)
    if kwargs.get("raw"):  # loading a fixture: nothing to recompute
        return
    reason = (
        _("Gelijkgestelde dag %(day)s verwijderd")
        if "created" not in kwargs
        else _("Gelijkgestelde dag %(day)s gewijzigd")
    ) % {"day": f"{instance.date:%d-%m-%Y}"}
    transaction.on_commit(lambda: recompute_open_deadlines(reason=reason))
