"""`manage.py stevig_demo`: load the fictitious municipalities Stevigdam (GM9901) and Anderdorp (GM9902)."""

from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from stevig.demo.loader import demo_loaded, load_demo
from stevig.demo.spec import DEFAULT_HOUSEHOLDS, DEFAULT_SEED


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError as exc:
        raise ArgumentTypeError(f"{value!r} is geen heel getal") from exc
    if number < 1:
        raise ArgumentTypeError("moet minstens 1 zijn")
    return number


class Command(BaseCommand):
    help = (
        "Laadt de demogemeente Stevigdam (GM9901) met verzonnen huishoudens, en de kleine gemeente "
        "Anderdorp (GM9902). Alleen met STEVIG_DEMO=1 of STEVIG_DEBUG=1: alle demo-accounts hebben "
        "hetzelfde, openbare wachtwoord."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--households",
            type=_positive,
            default=DEFAULT_HOUSEHOLDS,
            help=f"Aantal huishoudens in Stevigdam (standaard {DEFAULT_HOUSEHOLDS}).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Startgetal voor de toevalsgenerator (standaard {DEFAULT_SEED}); "
            "dezelfde seed geeft dezelfde gegevens.",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Niets doen als de demogemeente al bestaat."
        )

    def _progress(self, done: int, total: int) -> None:
        """A text progress bar on stderr (a terminal shows it in place; a log gets one line per batch)."""
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "." * (width - filled)
        self.stderr.write(f"\r[{bar}] {done:,} / {total:,} huishoudens".replace(",", "."), ending="")
        self.stderr.flush()

    def handle(self, *args: Any, households: int, seed: int, if_empty: bool, **options: Any) -> None:
        if not (settings.DEMO or settings.DEBUG):
            raise CommandError(
                "De demogemeente heeft accounts met een openbaar wachtwoord. Laad haar alleen in een "
                "demo- of ontwikkelomgeving: zet STEVIG_DEMO=1."
            )
        if demo_loaded():
            if if_empty:
                self.stdout.write("De demogemeente Stevigdam bestaat al: niets gedaan.")
                return
            raise CommandError(
                "De demogemeente bestaat al in deze database. Gebruik --if-empty, of begin met een lege database."
            )
        summary = load_demo(households=households, seed=seed, progress=self._progress)
        self.stderr.write("")
        self.stdout.write(summary.line())
        if any(m.bsn_range_exhausted for m in summary.municipalities):
            self.stdout.write(
                "Let op: de BSN-testreeks (999…) is op; de laatste inwoners hebben geen BSN.",
                self.style.WARNING,
            )
