from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from stevig.accounts import services
from stevig.accounts.models import User
from stevig.core.context import Actor


class Command(BaseCommand):
    help = (
        "Maakt een API-sleutel voor een extern systeem, op het account waarmee dat systeem werkt. De sleutel "
        "verschijnt één keer; Stevig bewaart alleen de hash. Intrekken: /beheer/ of /account/api-sleutels/."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True, help="account waarmee het systeem werkt")
        parser.add_argument("--system", required=True, help="naam van het systeem; staat in elke logregel")
        parser.add_argument("--name", default="", help="naam van de sleutel (standaard: de systeemnaam)")
        parser.add_argument("--days", type=int, default=90, help="geldigheid in dagen (1-366)")

    def handle(self, *args: Any, **options: Any) -> None:
        owner = User.objects.filter(username=options["username"], is_active=True).first()
        if owner is None or not owner.is_staff_member:
            raise CommandError("Geen actief account met een gemeente en een rol met die gebruikersnaam.")
        actor = Actor(user=owner, access_point="beheercommando", channel="beheer", purpose="inrichting")
        try:
            token, raw = services.create_api_token(
                actor=actor,
                owner=owner,
                name=options["name"] or options["system"],
                system=options["system"],
                days=options["days"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            f"Sleutel voor {token.system} (verloopt {token.expires_at:%Y-%m-%d}), maar één keer te zien:"
        )
        self.stdout.write(raw)
