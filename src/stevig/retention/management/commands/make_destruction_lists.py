"""Queue the month's destruction list for every municipality. Run it monthly from cron or a timer, e.g.
`0 6 1 * * manage.py make_destruction_lists`; the `db_worker` makes the lists. Running it twice is safe."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from stevig.retention.tasks import make_destruction_list
from stevig.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Zet de vernietigingslijst van deze maand voor elke gemeente klaar voor de achtergrondwerker."

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate().isoformat()
        for pk in Municipality.objects.values_list("id", flat=True):
            make_destruction_list.enqueue(str(pk), today)
        self.stdout.write("klaargezet")
