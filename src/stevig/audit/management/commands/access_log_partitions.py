"""Queue (or run) the job that creates the access log's coming monthly partitions. Run daily from cron
or a scheduler, like `refresh_patterns`; the default partition keeps writes working if it ever lags."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from stevig.audit.partitions import MONTHS_AHEAD, create_partitions, partitions
from stevig.audit.tasks import create_access_log_partitions


class Command(BaseCommand):
    help = (
        "Maakt de maandpartities van het toegangslog voor deze maand en de komende maanden aan "
        "(alleen PostgreSQL). Zonder --now klaargezet voor de achtergrondwerker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--months-ahead", type=int, default=MONTHS_AHEAD)
        parser.add_argument("--now", action="store_true", help="nu uitvoeren in plaats van klaarzetten")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["now"]:
            create_access_log_partitions.enqueue(options["months_ahead"])
            self.stdout.write("klaargezet")
            return
        names = create_partitions(months_ahead=options["months_ahead"])
        if not names:
            self.stdout.write("Het toegangslog is niet gepartitioneerd (SQLite): niets te doen.")
            return
        self.stdout.write(f"Partities aanwezig: {', '.join(names)}.")
        self.stdout.write(f"Alle partities: {len(partitions())}.")
