"""Queue the summary-table refresh for every municipality (run nightly from cron or a scheduler)."""

from typing import Any

from django.core.management.base import BaseCommand

from stevig.patterns.tasks import refresh_summaries
from stevig.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Zet het bijwerken van de patronen voor elke gemeente klaar voor de achtergrondwerker."

    def handle(self, *args: Any, **options: Any) -> None:
        for pk in Municipality.objects.values_list("id", flat=True):
            refresh_summaries.enqueue(str(pk))
        self.stdout.write("klaargezet")
