from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from stevig.audit.grants import app_role_sql


class Command(BaseCommand):
    help = (
        "Rechten voor de applicatierol in PostgreSQL: gewone tabellen lezen en schrijven, het toegangslog "
        "alleen INSERT en SELECT. Zonder --apply alleen de SQL tonen. Draai als eigenaar van de tabellen, "
        "na elke migratie."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="naam van de PostgreSQL-rol waarmee de applicatie verbindt")
        parser.add_argument("--apply", action="store_true", help="de SQL meteen uitvoeren")

    def handle(self, *args: Any, **options: Any) -> None:
        statements = app_role_sql(options["role"])
        for statement in statements:
            self.stdout.write(f"{statement};")
        if not options["apply"]:
            return
        if connection.vendor != "postgresql":
            raise CommandError("--apply werkt alleen op PostgreSQL; SQLite kent geen rollen.")
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(f"Rechten gezet voor {options['role']}.")
