"""The demo's connections: zorgaanbieders with an AGB code, and a family from the BRP.

* Every demo municipality has two providers (`istandaarden.Provider`). The demo's granted decisions in
  kind name "Zorg Noord (AGB 42420001)", so each gets an allocation and a 301 in the outbox (signal
  `decisions.signals.decision_registered`), shown on the decision's page.
* `manage.py stevig_demo_brp` (run by `make run` after `stevig_demo`) adds to the first municipality a
  household made from the BRP's fictitious persons (`brp.services.household_from_brp`: the persons at
  the address, relations, gezag), with a question of the parent and a decision (jeugdhulp, in kind, at
  Zorg Noord) for the child. In Mijn Stevig the parent sees the child's file because the BRP gives them
  gezag (`portal.services.gezag_at_login`). It is a separate step because the generated demo is exactly
  what its planner planned (same seed, same data); this household comes from the BRP instead.

Everything goes through the services as a demo worker, like the rest of the demo (`demo.work`).
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError

from stevig.accounts.models import User
from stevig.core.context import Actor
from stevig.people.models import Household, HouseholdMembership, Relation
from stevig.tenancy.models import Municipality

PROVIDERS = (("42420001", "Zorg Noord"), ("42420002", "Jeugdhulp West"))
DEMO_PROVIDER = "Zorg Noord (AGB 42420001)"
# Parents in the BRP test data with gezag over a child under 16, three persons at their address; the
# first whose address nobody in the demo has yet (the demo's own BSNs are drawn at random) is used.
BRP_PARENTS = ("999970872", "999970811", "999970859")


def load_providers(municipality: Municipality) -> None:
    from stevig.istandaarden.models import Provider

    for agb_code, name in PROVIDERS:
        Provider.objects.get_or_create(municipality=municipality, agb_code=agb_code, defaults={"name": name})


def load_brp_family(*, municipality: Municipality, worker: User, today: date) -> Household | None:
    """A household from the BRP, with a question and a decision with a provider for the child. The demo
    is loaded before the server runs, so the built-in test BRP answers in process."""
    from stevig.brp import client
    from stevig.brp import services as brp
    from stevig.decisions import selectors as decision_selectors
    from stevig.decisions import services as decisions
    from stevig.intake import services as intake

    if not settings.BRP_MOCK:
        return None  # a real BRP holds real people: the demo never asks it
    actor = Actor(user=worker, access_point="demo", channel="web", purpose="ondersteuning")
    client.set_transport(client.mock_transport)
    try:
        household = None
        for bsn in BRP_PARENTS:
            try:
                household = brp.household_from_brp(actor=actor, bsn=bsn)
            except ValidationError:
                continue
            break
    finally:
        client.set_transport(None)
    if household is None:
        return None
    members = {
        m.relation: m.resident
        for m in HouseholdMembership.objects.filter(household=household, end_date__isnull=True)
        .select_related("resident")
        .order_by("-relation", "resident__date_of_birth")
    }
    parent, child = members.get(Relation.PARENT), members.get(Relation.CHILD)
    if parent is None or child is None:
        return household
    intake.register_question(
        actor=actor,
        household_id=household.id,
        text="Ik maak me zorgen om mijn kind. Het gaat thuis en op de opvang niet goed.",
        channel="telefoon",
        kind="jeugdwet",
        resident_id=parent.id,
        received_on=today - timedelta(days=12),
        idempotency_key=f"demo-brp-{municipality.code}",
    )
    category = decision_selectors.categories_for(worker).filter(code="jeugdhulp-ambulant").first()
    if category is not None:
        decisions.create_decision(
            actor=actor,
            household_id=household.id,
            resident_id=child.id,
            category_id=category.id,
            form="zin",
            start_date=today - timedelta(days=2),
            end_date=today + timedelta(days=180),
            reason="Hulp thuis voor ouder en kind, zodat het kind weer rustig slaapt en speelt.",
            legal_ground="Jeugdwet artikel 2.3",
            volume=Decimal(2),
            unit="uur",
            frequency="week",
            provider=DEMO_PROVIDER,
            decided_on=today - timedelta(days=2),
            sent_on=today - timedelta(days=1),
        )
    return household


def brp_family_loaded(municipality: Municipality) -> bool:
    from stevig.brp.models import BrpLink

    return BrpLink.objects.filter(municipality=municipality, resident__bsn__in=BRP_PARENTS).exists()
