"""Add to the demo municipality a household made from the BRP's fictitious persons (see
`stevig.demo.koppelingen`): `make run` runs it after `stevig_demo`. Does nothing when it is there."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from stevig.accounts.models import Role, User
from stevig.demo.koppelingen import brp_family_loaded, load_brp_family
from stevig.demo.spec import MUNICIPALITIES
from stevig.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Voegt aan de demogemeente een huishouden uit de test-BRP toe (voor Mijn Stevig: gezag)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEMO or settings.DEBUG):
            raise CommandError("Alleen in een demo- of ontwikkelomgeving: zet STEVIG_DEMO=1.")
        municipality = Municipality.objects.filter(code=MUNICIPALITIES[0].code).first()
        if municipality is None:
            raise CommandError("Laad eerst de demogemeente: manage.py stevig_demo.")
        if brp_family_loaded(municipality):
            self.stdout.write("Het huishouden uit de test-BRP bestaat al.")
            return
        worker = (
            User.objects.filter(municipality=municipality, role=Role.WORKER, is_active=True)
            .order_by("username")
            .first()
        )
        if worker is None:
            raise CommandError("De demogemeente heeft geen medewerker.")
        household = load_brp_family(municipality=municipality, worker=worker, today=timezone.localdate())
        if household is None:
            raise CommandError("Geen huishouden uit de test-BRP gemaakt (staat STEVIG_BRP_MOCK aan?).")
        self.stdout.write(f"Huishouden uit de test-BRP: {household} (team {household.team}).")
