import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from stevig.audit.models import AccessLogChainHead, AccessLogEntry
from stevig.audit.services import checkpoint, verify_chain, verify_checkpoint


class Command(BaseCommand):
    help = (
        "Controleert de hash-keten van het toegangslog; meldt gewijzigde, verwijderde, toegevoegde en "
        "opnieuw berekende rijen en een ingekort einde. Drukt per gemeente een controlepunt af: bewaar dat "
        "buiten de database en geef het later mee met --checkpoint of --checkpoint-file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoint", action="append", default=[], help="GEMEENTE:RIJ:HASH uit een eerdere controle."
        )
        parser.add_argument(
            "--checkpoint-file",
            type=Path,
            help="Bestand met eerdere uitvoer; elke regel 'Controlepunt: ...' telt.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        points: list[str] = list(options["checkpoint"])
        if options["checkpoint_file"] is not None:
            for line in options["checkpoint_file"].read_text(encoding="utf-8").splitlines():
                if line.startswith("Controlepunt: "):
                    points.append(line.removeprefix("Controlepunt: "))
        codes = set(AccessLogChainHead.objects.values_list("municipality_code", flat=True))
        codes |= set(AccessLogEntry.objects.values_list("municipality_code", flat=True).distinct())
        checked = 0

        def count(rows: int) -> None:
            nonlocal checked
            checked += rows

        started = time.perf_counter()
        problems = [problem for code in sorted(codes) for problem in verify_chain(code, on_rows=count)]
        seconds = max(time.perf_counter() - started, 1e-6)
        problems += [problem for point in points for problem in verify_checkpoint(point)]
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"Het toegangslog is niet intact: {len(problems)} probleem/problemen.")
        self.stdout.write(
            f"Het toegangslog is intact ({len(codes)} gemeente(n), {len(points)} controlepunt(en) geldig)."
        )
        self.stdout.write(
            f"Gecontroleerd: {checked} rijen in {seconds:.1f} s ({checked / seconds:.0f} rijen/s)."
        )
        for code in sorted(codes):
            point = checkpoint(code)
            if point is not None:
                self.stdout.write(f"Controlepunt: {point}")
