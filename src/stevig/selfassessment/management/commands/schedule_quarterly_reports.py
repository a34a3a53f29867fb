"""Plan the daily background job that makes each municipality's quarterly report once the quarter has
ended (`selfassessment.tasks.make_due_quarterly_reports`). Run it once after a deploy; the job plans its
own next run. Running it again does nothing while a run is planned."""

from typing import Any

from django.core.management.base import BaseCommand

from stevig.selfassessment.services import schedule_due_reports


class Command(BaseCommand):
    help = "Plant de dagelijkse controle die na elk kwartaal de kwartaalrapportage laat maken."

    def handle(self, *args: Any, **options: Any) -> None:
        if schedule_due_reports():
            self.stdout.write("gepland")
        else:
            self.stdout.write("al gepland (of de achtergrondwerker kan niet uitstellen)")
