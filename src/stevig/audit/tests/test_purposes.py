"""'Doel' from the fixed list and 'namens wie' in the access log (NEN 7513), and the municipality column on
every table with resident data (the tenant key, link tables included)."""

import pytest
from django.apps import apps

from stevig.audit.models import AccessLogEntry, Part
from stevig.audit.purposes import Purpose, acting_for, purpose_for
from stevig.audit.tests.helpers import last_entry, log
from stevig.core.context import Actor
from stevig.people.services import grant_emergency_access
from stevig.testing.personas import web_client

pytestmark = pytest.mark.django_db


def test_purpose_follows_the_part_and_the_role():
    def p(part, role="medewerker", named="ondersteuning", emergency=False):
        return purpose_for(named=named, part=part, role=role, emergency=emergency)

    assert p(Part.HOUSEHOLD) == "ondersteuning"
    assert p(Part.DECISION) == "besluitvorming"
    assert p(Part.OBJECTION) == "rechtsbescherming"
    assert p(Part.CONSENT) == "gegevensdeling"
    assert p(Part.MANDATE_REQUEST, role="vakafdeling") == "uitvoering mandaatverzoek"
    assert p(Part.MANDATE_REQUEST, role="coordinator") == "doorzettingsmacht"
    assert p(Part.MANDATE_REQUEST) == "ondersteuning"  # the worker who asks, for the household
    assert p(Part.HOUSEHOLD, emergency=True) == "noodtoegang"
    assert p(Part.ACCESS_LOG, role="privacy") == "privacytoezicht"
    # A purpose the caller names wins when it is on the list; anything else is replaced.
    assert p(Part.HOUSEHOLD, named="privacytoezicht") == "privacytoezicht"
    assert p(Part.DECISION, named="nieuwsgierig") == "besluitvorming"
    assert p(Part.DECISION, named="") == "besluitvorming"


def test_every_purpose_named_in_the_code_is_on_the_list():
    """A purpose a module names for its actor must be on the fixed list, or the log replaces it."""
    from stevig.audit.summary import WHY
    from stevig.brp import services as brp

    named = [v for k, v in vars(brp).items() if k.startswith("PURPOSE_")]
    named += ["iWmo/iJw-berichten uitwisselen", "inrichting", "beleid", "privacytoezicht"]
    assert set(named) <= set(Purpose.values)
    assert set(WHY) == set(Purpose.values)  # the inzage summary explains every purpose


def test_every_part_maps_to_a_purpose_on_the_list():
    for part in Part:
        for role in ("medewerker", "coordinator", "vakafdeling", "privacy", "beleid", "beheer"):
            assert purpose_for(named="", part=part, role=role, emergency=False) in Purpose.values


def test_a_worker_in_the_own_file_acts_for_nobody_else(world):
    response = web_client(world.own_worker).get(f"/inwoners/huishouden/{world.household.id}/")
    assert response.status_code == 200
    row = last_entry(world.own_worker)
    assert (row.part, row.purpose, row.on_behalf_of) == ("huishouden", "ondersteuning", "")


def test_a_department_worker_acts_for_the_department(world):
    row = log(world.department_worker, part=Part.MANDATE_REQUEST, residents=[world.parent.id])
    assert row.purpose == "uitvoering mandaatverzoek"
    assert row.on_behalf_of == "afdeling Schuldhulpverlening (mandaat)"


def test_emergency_access_names_the_team_that_holds_the_file(world):
    actor = Actor(user=world.other_team_worker, access_point="10.0.0.9")
    grant_emergency_access(actor=actor, household_id=world.household.id, reason="Crisis, team Noord is weg.")
    grant_row = last_entry(world.other_team_worker)
    assert (grant_row.part, grant_row.purpose, grant_row.emergency) == ("noodtoegang", "noodtoegang", True)
    assert grant_row.on_behalf_of == f"{world.team.name} (noodtoegang)"
    response = web_client(world.other_team_worker).get(f"/inwoners/huishouden/{world.household.id}/")
    assert response.status_code == 200
    read = last_entry(world.other_team_worker)
    assert (read.part, read.emergency, read.purpose) == ("huishouden", True, "noodtoegang")
    assert read.on_behalf_of == f"{world.team.name} (noodtoegang)"


def test_an_on_behalf_of_named_by_the_caller_wins(world):
    user = world.department_worker
    assert acting_for(user=user, part=Part.HOUSEHOLD, emergency=False, residents=[]) != ""
    from stevig.audit.services import record_access

    row = record_access(
        actor=Actor(user=user, access_point="x", on_behalf_of="mevrouw Jansen (gemachtigde)"),
        action="read",
        outcome="allowed",
        part=Part.HOUSEHOLD,
    )
    assert row.on_behalf_of == "mevrouw Jansen (gemachtigde)"


def test_the_privacy_officer_keeps_the_supervision_purpose(world):
    response = web_client(world.privacy).get("/toegangslog/")
    assert response.status_code == 200
    assert last_entry(world.privacy).purpose == "privacytoezicht"
    assert set(AccessLogEntry.objects.values_list("purpose", flat=True)) <= set(Purpose.values)


# Tables without the municipality foreign key, each with the reason. Everything else in a Stevig app,
# the link tables Django makes for a ManyToManyField included, must carry it.
NO_MUNICIPALITY_COLUMN = {
    "tenancy.Municipality": "is the tenant itself",
    "tenancy.Team_neighbourhoods": "organisation set-up: which neighbourhoods a team serves",
    "accounts.User_expertise": "staff set-up: a colleague's expertise tags",
    "accounts.User_groups": "staff permissions (Django)",
    "accounts.User_user_permissions": "staff permissions (Django)",
    "accounts.EnrolmentToken": "staff second-factor enrolment",
    "accounts.ApiToken": "staff or system API keys",
    "accounts.IdentityProviderDevice": "staff second factor done by the identity provider (OpenID Connect)",
    "audit.AccessLogEntry": "outlives the file: municipality_code, no foreign keys",
    "audit.AccessLogSubject": "outlives the file: municipality_code, no foreign keys",
    "audit.AccessLogChainHead": "one chain per municipality_code",
    "legalcalendar.DecreeDay": "the national legal calendar",
    "selfassessment.Value": "the self-assessment instrument's own texts (no resident data)",
    "selfassessment.Principle": "the self-assessment instrument's own texts (no resident data)",
    "selfassessment.Statement": "the self-assessment instrument's own texts (no resident data)",
}


def test_every_table_of_a_stevig_app_carries_the_municipality():
    missing = []
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.app_config.name.startswith("stevig."):
            continue
        label = model._meta.label
        names = {f.name: f for f in model._meta.get_fields()}
        field = names.get("municipality")
        if label in NO_MUNICIPALITY_COLUMN:
            continue
        if (
            field is None
            or not field.is_relation
            or field.related_model._meta.label != "tenancy.Municipality"
        ):
            missing.append(label)
    assert missing == []
    # The exceptions are real tables (a renamed model must not hide behind a stale name).
    labels = {m._meta.label for m in apps.get_models(include_auto_created=True)}
    assert set(NO_MUNICIPALITY_COLUMN) <= labels
    # The resident-data link tables were seen (the walk includes auto-created and explicit through tables).
    assert "datasharing.DisclosureResident" in labels
