from typing import Any

from django.core.management.base import BaseCommand, CommandError

from stevig.audit.models import AccessLogChainHead, AccessLogEntry
from stevig.audit.services import verify_chain


class Command(BaseCommand):
    help = "Controleert de hash-keten van het toegangslog; meldt gewijzigde of verwijderde rijen."

    def handle(self, *args: Any, **options: Any) -> None:
        codes = set(AccessLogChainHead.objects.values_list("municipality_code", flat=True))
        codes |= set(AccessLogEntry.objects.values_list("municipality_code", flat=True).distinct())
        problems = [problem for code in sorted(codes) for problem in verify_chain(code)]
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"Het toegangslog is niet intact: {len(problems)} probleem/problemen.")
        self.stdout.write(f"Het toegangslog is intact ({len(codes)} gemeente(n)).")
