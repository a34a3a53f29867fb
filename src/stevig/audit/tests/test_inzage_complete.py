"""The AVG art. 15 inzage is complete over every app (one record of each in the export), and the readable
document starts with a B1 summary (who looked, in which role and team, when, why; no usernames or codes)
whose own text scores Flesch-Douma >= 60."""

import datetime as dt
import re
from decimal import Decimal

import pytest
import textstat
import time_machine

from stevig.analysis.models import Analysis, DomainScore
from stevig.audit.export import build_export
from stevig.datasharing.services import record_disclosure
from stevig.decisions import services as decisions
from stevig.decisions.models import ProductCategory
from stevig.intake.models import FirstContact, Question
from stevig.mandates.models import MandateRequest
from stevig.people.services import grant_emergency_access
from stevig.plans.models import Goal, HouseholdPlan, PlanAction
from stevig.safety.models import SafetyTrack
from stevig.socialmap.models import Facility, Referral
from stevig.tenancy.models import ExpertiseTag
from stevig.testing.personas import web_client
from stevig.trajectories.models import BasicHelp, Consultation, Contact, Trajectory
from stevig.transitions.models import FuturePlan, FuturePlanDomain

pytestmark = pytest.mark.django_db

AMS = dt.timezone(dt.timedelta(hours=2))
DAY = dt.date(2026, 6, 3)


def _actor(user):  # type: ignore[no-untyped-def]
    from stevig.core.context import Actor

    return Actor(user=user, access_point="10.0.0.1")


@pytest.fixture
def full_file(world):  # type: ignore[no-untyped-def]
    """One record of every app about the parent (world.parent) of world.household."""
    gm, hh, parent, worker = world.municipality, world.household, world.parent, world.own_worker
    common = {"municipality": gm}
    with time_machine.travel(dt.datetime(2026, 6, 3, 10, tzinfo=AMS), tick=False):
        question = Question.objects.create(
            **common,
            reference="V-TEST-1",
            text="Ik kan de huur niet betalen.",
            kind="wgs",
            channel="telefoon",
            team=world.team,
            household=hh,
            resident=parent,
            received_at=dt.datetime(2026, 6, 1, 9, tzinfo=AMS),
            idempotency_key="inzage-test",
            registered_by=worker,
        )
        FirstContact.objects.create(
            **common,
            question=question,
            contact_date=DAY,
            channel="huisbezoek",
            by=worker,
            clientondersteuning_offered=True,
            note="Eerste gesprek thuis.",
        )
        trajectory = Trajectory.objects.create(**common, household=hh, team=world.team, contact_person=worker)
        contact = Contact.objects.create(
            **common,
            trajectory=trajectory,
            kind="huisbezoek",
            contact_date=DAY,
            summary="Samen de post gelezen.",
            recorded_by=worker,
        )
        contact.residents.set([parent])
        BasicHelp.objects.create(
            **common,
            trajectory=trajectory,
            kind="advies",
            description="Post ordenen",
            intensity="licht",
            duration="kort",
            provided_by=worker,
            start_date=DAY,
            evaluation_date=DAY + dt.timedelta(days=30),
            created_by=worker,
        )
        Consultation.objects.create(
            **common,
            trajectory=trajectory,
            kind="consultatie",
            consulted="Schuldhulp",
            area=ExpertiseTag.objects.get_or_create(municipality=gm, name="schulden")[0],
            consultation_date=DAY,
            question="Welke regeling past?",
            advice="Eerst de huur.",
            recorded_by=worker,
        )
        analysis = Analysis.objects.create(
            **common,
            trajectory=trajectory,
            resident=parent,
            analysed_on=DAY,
            strengths="Zorgt goed voor haar kind",
            created_by=worker,
        )
        DomainScore.objects.create(
            **common, analysis=analysis, domain="financien", score=2, note="Huurschuld"
        )
        plan = HouseholdPlan.objects.create(
            **common,
            trajectory=trajectory,
            start_date=DAY,
            evaluation_date=DAY + dt.timedelta(days=90),
            created_by=worker,
        )
        goal = Goal.objects.create(**common, plan=plan, text="Rust over geld")
        goal.members.set([parent])
        PlanAction.objects.create(
            **common,
            goal=goal,
            description="Betalingsregeling maken",
            owner_type="team",
            due_date=DAY + dt.timedelta(days=14),
        )
        facility = Facility.objects.create(
            **common, name="Formulierenbrigade", sphere="collectief", kind="buurthuis"
        )
        referral = Referral.objects.create(
            **common,
            trajectory=trajectory,
            facility=facility,
            referred_on=DAY,
            follow_up_on=DAY + dt.timedelta(days=7),
            note="Hulp bij formulieren",
            created_by=worker,
        )
        referral.residents.set([parent])
        MandateRequest.objects.create(
            **common,
            trajectory=trajectory,
            household=hh,
            department=world.department,
            requested_by=worker,
            ask="Beslag stoppen",
            reason="Schulden",
            legal_basis="wmo_h5",
            sent_on=DAY,
            term_working_days=10,
            due_on=DAY + dt.timedelta(days=14),
        ).residents.set([parent])
        category = ProductCategory.objects.filter(municipality=gm).order_by("code").first()
        decisions.create_decision(
            actor=_actor(worker),
            household_id=hh.id,
            resident_id=parent.id,
            category_id=category.id,
            form="zin",
            start_date=DAY,
            end_date=DAY + dt.timedelta(days=365),
            reason="Kan het niet zelf.",
            legal_ground="Wmo 2015 art. 2.3.5",
            volume=Decimal(3),
            unit="uur",
            frequency="week",
            decided_on=DAY,
            sent_on=DAY,
        )
        record_disclosure(
            actor=_actor(worker),
            household=hh,
            recipient="GGD",
            purpose="Advies",
            legal_basis="wettelijke_plicht",
            categories=["persoonsgegevens"],
            residents=[parent.id],
        )
        from stevig.datasharing.services import create_subject_request

        create_subject_request(
            actor=_actor(worker),
            household=hh,
            resident_id=parent.id,
            right="rectificatie",
            what="Mijn telefoonnummer",
            correction="06-12345678",
            received_on=DAY,
            channel="medewerker",
        )
        SafetyTrack.objects.create(
            **common,
            trajectory=trajectory,
            household=hh,
            source="signalen",
            opened_by=worker,
            status="afgerond",
            outcome="hulp",
            decided_on=DAY,
            source_note="GEHEIM-SIGNAAL",
        )
        future = FuturePlan.objects.create(
            **common, resident=parent, household=hh, created_by=worker, agreed_on=DAY
        )
        FuturePlanDomain.objects.create(
            **common, plan=future, domain="wonen", status="aandacht", next_step="Kamer zoeken"
        )
        grant_emergency_access(
            actor=_actor(world.other_team_worker), household_id=hh.id, reason="Crisis in de nacht, team weg."
        )
    return world


def test_the_export_holds_one_record_of_every_app(full_file):
    data = build_export(full_file.parent).as_json()
    sections = data["sections"]
    expect = {
        "vragen": ("vragen", "Ik kan de huur niet betalen."),
        "trajecten": ("contacten", "Samen de post gelezen."),
        "analyses": ("analyses", "Zorgt goed voor haar kind"),
        "huishoudplan": ("doelen", "Rust over geld"),
        "verwijzingen": ("verwijzingen", "Hulp bij formulieren"),
        "mandaatverzoeken": (None, "Beslag stoppen"),
        "beschikkingen": ("beschikkingen", "Kan het niet zelf."),
        "gegevensdeling": (None, "GGD"),
        "verzoeken": ("verzoeken", "06-12345678"),
        "veiligheid": ("veiligheid", "hulp organiseren"),
        "toekomst": ("toekomstplan", "Kamer zoeken"),
        "toegangslog": ("toegangslog", None),
        "noodtoegang": ("noodtoegang", "Crisis in de nacht"),
    }
    for name, (key, text) in expect.items():
        assert name in sections, name
        body = sections[name]["data"]
        if key is not None:
            assert body[key], name
        if text is not None:
            assert text in str(body), name
    trajectory = sections["trajecten"]["data"]
    assert trajectory["basishulp"] and trajectory["consultaties"]
    # Where the law allows: the safety notes never reach the export.
    assert "GEHEIM-SIGNAAL" not in str(data)


def _own_text(html: str) -> str:
    """The document's own words: headings and paragraphs (not the resident's data in lists and tables)."""
    units = re.findall(r"<(h1|h2|p)\b[^>]*>(.*?)</\1>", html, flags=re.S)
    texts = [re.sub(r"<[^>]+>", "", body).strip() for _, body in units]
    texts = [t for t in texts if t and "JSON" not in t]
    return " ".join(t if t[-1] in ".?!:" else t + "." for t in texts)


def test_the_readable_document_starts_with_a_plain_summary(full_file):
    world = full_file
    html = web_client(world.privacy).get(f"/toegangslog/inwoner/{world.parent.id}/inzage/").content.decode()
    summary_at = html.index("In het kort: wie keek er en waarom")
    assert summary_at < html.index("Uw vragen") < html.index("Wie keek in uw gegevens<")
    summary = html[summary_at : html.index("</section>", summary_at)]
    worker, other = world.own_worker, world.other_team_worker
    assert (
        f"{worker.get_full_name()} werkt als medewerker van het lokale team bij {world.team.name}." in summary
    )
    assert f"{worker.get_full_name()} keek" in summary and "3 juni 2026" in summary
    assert "Dat was om te beslissen over wat u vroeg." in summary
    assert "Er was snel hulp nodig. Dat heet noodtoegang." in summary
    assert other.get_full_name() in summary
    # No usernames or codes in the summary.
    for code in (worker.username, other.username, "wmo_h5", "beschikking", "noodtoegang-"):
        assert code not in summary
    textstat.set_lang("nl")
    score = textstat.flesch_reading_ease(_own_text(html))
    assert score >= 60, score
