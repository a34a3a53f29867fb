"""Folder mode for iWmo/iJw messages, for a provider or a message broker that exchanges files.

    manage.py stevig_berichten_map --gebruiker koppeling

Folder (STEVIG_BERICHTEN_MAP): every `in/*.xml` is delivered as through the HTTP inbox (XSD check,
match, duplicate check); accepted files move to `in/verwerkt/`, refused ones to `in/geweigerd/` with a
`.fout.txt` beside them. Every ready outgoing message is written to `uit/<AGB-code>/<identificatie>.xml`
and marked as fetched. Run it from cron or a timer; running it twice is safe.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from stevig.accounts.models import User
from stevig.core.context import Actor
from stevig.istandaarden import services
from stevig.istandaarden.models import Provider


class Command(BaseCommand):
    help = "Berichten (iWmo/iJw) uit de map in/ afleveren en klaarstaande berichten in uit/ zetten."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--gebruiker", required=True, help="het koppelingsaccount (functioneel beheer)")
        parser.add_argument("--map", default="", help="de map (standaard STEVIG_BERICHTEN_MAP)")

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["map"] or settings.BERICHTEN_MAP)
        if not str(folder) or str(folder) == ".":
            raise CommandError("Geen map: zet STEVIG_BERICHTEN_MAP of geef --map.")
        user = User.objects.filter(username=options["gebruiker"], is_active=True).first()
        if user is None:
            raise CommandError("Onbekend of uitgeschakeld account.")
        actor = Actor(user=user, access_point="map", channel="map", purpose="iWmo/iJw-berichten uitwisselen")
        inbox, done, refused = folder / "in", folder / "in" / "verwerkt", folder / "in" / "geweigerd"
        for path in (inbox, done, refused, folder / "uit"):
            path.mkdir(parents=True, exist_ok=True)
        accepted = rejected = 0
        for path in sorted(inbox.glob("*.xml")):
            try:
                services.receive(actor=actor, body=path.read_bytes())
            except ValidationError as exc:
                rejected += 1
                (refused / f"{path.name}.fout.txt").write_text(
                    "\n".join(exc.messages) + "\n", encoding="utf-8"
                )
                path.rename(refused / path.name)
            else:
                accepted += 1
                path.rename(done / path.name)
        written = 0
        for provider in Provider.objects.filter(municipality_id=user.municipality_id, active=True):
            for message in services.fetch_outbox(actor=actor, agb_code=provider.agb_code, limit=1000):
                target = folder / "uit" / provider.agb_code
                target.mkdir(parents=True, exist_ok=True)
                (target / f"{message.standard}{message.code}-{message.identification}.xml").write_text(
                    message.xml, encoding="utf-8"
                )
                written += 1
        self.stdout.write(f"Ontvangen: {accepted}, geweigerd: {rejected}, klaargezet: {written}.")
