"""`manage.py stevig_demo_credentials [--json]`: how to log in to the demo (only in demo mode)."""

import json
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import NoReverseMatch, reverse

from stevig.accounts.models import Role
from stevig.demo.credentials import (
    current_code,
    demo_credentials,
    demo_residents,
    demo_users,
    seconds_left,
    totp_device,
)
from stevig.demo.loader import demo_loaded
from stevig.demo.spec import DEMO_PASSWORD

COMMAND = ".venv/bin/python manage.py stevig_demo_credentials"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return [line, rule, *body]


class Command(BaseCommand):
    help = (
        "Toont de demo-accounts: gebruikersnaam, wachtwoord, rol, team, TOTP-geheim, API-token en de "
        "code van dit moment. Werkt alleen met STEVIG_DEMO=1 en een geladen demogemeente."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--json", action="store_true", help="Als JSON (voor scripts en tests).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO:
            raise CommandError(
                "Dit commando werkt alleen in de demo-omgeving: zet STEVIG_DEMO=1. "
                "In een echte omgeving toont Stevig nooit wachtwoorden of geheimen."
            )
        if not demo_loaded():
            raise CommandError(
                "De demogemeente is nog niet geladen. Voer eerst uit: .venv/bin/python manage.py stevig_demo"
            )
        credentials = demo_credentials()
        if options["json"]:
            self.stdout.write(json.dumps(credentials, indent=2, ensure_ascii=False))
            return
        self._print_readable(credentials)

    def _print_readable(self, credentials: list[Any]) -> None:
        users = {u.username: u for u in demo_users()}
        role_labels = dict(Role.choices)
        devices = {name: totp_device(user) for name, user in users.items()}
        left = next((seconds_left(d) for d in devices.values() if d), 30)
        try:
            login_path = reverse("accounts:login")
        except NoReverseMatch:
            login_path = "/"
        out = self.stdout.write
        out("")
        out(
            self.style.MIGRATE_HEADING(
                "Demo-accounts van Stevig (alleen voor de demo, alle gegevens zijn verzonnen)"
            )
        )
        out("")
        out("Zo logt u in:")
        out(f"  1. Ga naar http://127.0.0.1:8000{login_path}")
        out("  2. Vul een gebruikersnaam uit de tabel in.")
        out(f"  3. Vul het wachtwoord in. Dat is voor iedereen hetzelfde: {DEMO_PASSWORD}")
        out(
            "  4. Vul de code in uit de kolom 'Code nu'. U kunt ook het TOTP-geheim in een authenticator-app zetten."
        )
        out("")
        rows = []
        for c in credentials:
            user = users[c["username"]]
            device = devices[c["username"]]
            rows.append(
                [
                    c["username"],
                    c["password"],
                    str(role_labels.get(c["role"], c["role"])),
                    c["team"] or "-",
                    user.municipality.name if user.municipality else "-",  # type: ignore[union-attr]
                    current_code(device) if device else "(geen)",
                ]
            )
        for line in _table(["Gebruiker", "Wachtwoord", "Rol", "Team", "Gemeente", "Code nu"], rows):
            out("  " + line)
        out("")
        out(
            f"Codes veranderen elke 30 seconden (deze nog {left} seconden): voer dit commando opnieuw uit "
            f"voor een nieuwe code: {COMMAND}"
        )
        out("")
        out("Voor een authenticator-app en voor de API (kopje 'Authorization: Token <token>'):")
        secrets = [[c["username"], c["totp_secret"] or "(geen)", c["api_token"]] for c in credentials]
        for line in _table(["Gebruiker", "TOTP-geheim", "API-token"], secrets):
            out("  " + line)
        out("")
        out(f"Als JSON: {COMMAND} --json")
        self._print_residents()

    def _print_residents(self) -> None:
        out = self.stdout.write
        residents = demo_residents()
        out("")
        out(
            self.style.MIGRATE_HEADING(
                "Mijn Stevig: inloggen als inwoner (DigiD-oefenomgeving, verzonnen BSN's)"
            )
        )
        out("  1. Ga naar http://127.0.0.1:8000/mijn/ en kies 'Inloggen met DigiD'.")
        out("  2. U komt in de DigiD-oefenomgeving. Kies 'Met een burgerservicenummer'.")
        out("  3. Vul een BSN uit de tabel in en kies 'Inloggen'. Een wachtwoord is niet nodig.")
        out("")
        rows = [[r["name"], r["bsn"], r["municipality"], r["note"]] for r in residents]
        for line in _table(["Inwoner", "BSN", "Gemeente", "Wat u ziet"], rows):
            out("  " + line)
