"""As a person would: the broad analysis of two household members, a household plan with three goals,
agree a version with the resident and print it, then a warm referral to the social map.
axe-core finds no WCAG violations on any page on the way, error states included."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stevig.analysis.models import Analysis
from stevig.analysis.tests.helpers import open_trajectory
from stevig.plans.models import Goal, HouseholdPlan, PlanAction, PlanVersion
from stevig.socialmap.models import Referral
from stevig.socialmap.services import seed_example_facilities
from stevig.testing.browser import assert_no_axe_violations, login
from stevig.trajectories.models import Phase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def clock():  # type: ignore[no-untyped-def]
    """The browser runs on the real clock: no time travel here."""
    yield


def test_analysis_plan_agreement_and_referral(page, live_server, world):
    trajectory = open_trajectory(world, phase=Phase.PLAN)
    seed_example_facilities(world.municipality)
    today = timezone.localdate()
    base = live_server.url
    login(page, base, world.own_worker)

    # Broad analysis of the mother: first who, then only the domains that fit her age, domain by domain.
    page.goto(f"{base}/analyse/traject/{trajectory.id}/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Nieuwe analyse maken").click()
    assert_no_axe_violations(page)
    page.get_by_label("Over wie gaat deze analyse?").select_option(
        label="Fatima El Amrani (ouder / verzorger)"
    )
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="Zo werkt de score")).to_be_visible()
    expect(page.locator("summary").filter(has_text="school (kind)")).to_have_count(0)
    open_domain(page, "financiën")
    page.get_by_label("Score financiën").select_option("2")
    page.get_by_label("Toelichting financiën").fill("Huurachterstand van drie maanden.")
    open_domain(page, "huisvesting")
    page.get_by_label("Toelichting huisvesting").fill("Dreigende uitzetting.")
    page.get_by_label("Wensen").fill("Rust in mijn hoofd en geen schulden.")
    # A mistake: a note without a score.
    page.get_by_role("button", name="Analyse opslaan").click()
    expect(page.locator("#id_score_huisvesting_error")).to_contain_text("Kies een score")
    expect(page.get_by_label("Wensen")).to_have_value("Rust in mijn hoofd en geen schulden.")
    assert_no_axe_violations(page)
    page.get_by_label("Score huisvesting").select_option("3")
    page.get_by_role("button", name="Analyse opslaan").click()
    page.wait_for_url(re.compile(r"/analyse/traject/[0-9a-f-]{36}/$"))

    # And of the son.
    page.get_by_role("link", name="Nieuwe analyse voor Yusuf El Amrani").click()
    open_domain(page, "school (kind)")
    page.get_by_label("Score school (kind)").select_option("2")
    open_domain(page, "opvoeding (kind)")
    page.get_by_label("Score opvoeding (kind)").select_option("3")
    page.get_by_role("button", name="Analyse opslaan").click()
    page.wait_for_url(re.compile(r"/analyse/traject/[0-9a-f-]{36}/$"))
    assert Analysis.objects.filter(trajectory=trajectory).count() == 2
    matrix = page.locator("#matrix")
    expect(matrix).to_contain_text("Fatima El Amrani")
    expect(matrix).to_contain_text("Yusuf El Amrani")
    expect(page.locator("svg[role=img]")).to_have_count(2)
    assert_no_axe_violations(page)

    # The plan: first an evaluation date before the start.
    page.goto(f"{base}/plannen/traject/{trajectory.id}/")
    assert_no_axe_violations(page)
    page.get_by_label("Startdatum van het plan").fill(today.isoformat())
    page.get_by_label("Evaluatiedatum").fill((today - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Plan maken").click()
    expect(page.locator("#id_evaluation_date_error")).to_contain_text(
        "De evaluatiedatum ligt voor de startdatum."
    )
    expect(page.get_by_role("link", name=re.compile("De evaluatiedatum ligt voor"))).to_be_visible()
    expect(page.get_by_label("Evaluatiedatum")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)
    page.get_by_label("Evaluatiedatum").fill((today + timedelta(weeks=12)).isoformat())
    page.get_by_role("button", name="Plan maken").click()
    expect(page.get_by_role("link", name="Doel toevoegen")).to_be_visible()
    plan = HouseholdPlan.objects.get(trajectory=trajectory)

    goals = [
        ("Ik wil weer rust in mijn hoofd.", "Fatima El Amrani", "geestelijke gezondheid"),
        ("Geen brieven meer van de deurwaarder.", "Fatima El Amrani", "financiën"),
        ("Yusuf gaat weer elke dag naar school.", "Yusuf El Amrani", "school (kind)"),
    ]
    for text, member, domain in goals:
        page.get_by_role("link", name="Doel toevoegen").click()
        page.get_by_label("Doel", exact=False).first.fill(text)
        page.get_by_label(member).check()
        page.get_by_label(domain, exact=True).check()
        page.get_by_role("button", name="Doel opslaan").click()
        expect(page.get_by_text(text)).to_be_visible()
    assert Goal.objects.filter(plan=plan).count() == 3
    assert_no_axe_violations(page)

    # An action without an owner is refused; then the sister helps.
    page.get_by_role("link", name="Actie toevoegen aan doel 2").click()
    page.get_by_label("Wat gebeurt er?").fill("Samen de post openen, elke week.")
    page.get_by_label("Klaar op").fill((today + timedelta(weeks=4)).isoformat())
    page.get_by_role("button", name="Actie opslaan").click()
    expect(page.get_by_text("Een actie zonder eigenaar gebeurt niet.").first).to_be_visible()
    expect(page.get_by_label("Wat gebeurt er?")).to_have_value("Samen de post openen, elke week.")
    assert_no_axe_violations(page)
    page.get_by_label("Wie doet het?").select_option("netwerk")
    page.get_by_label("Naam").fill("Zus Samira")
    page.get_by_role("button", name="Actie opslaan").click()
    expect(page.get_by_text("Zus Samira")).to_be_visible()
    assert PlanAction.objects.get().owner_type == "netwerk"

    # Agree the plan with the resident: a frozen, printable version.
    page.get_by_role("link", name="Afspreken met de inwoner").click()
    assert_no_axe_violations(page)
    page.get_by_label("Datum van de afspraak").fill(today.isoformat())
    page.get_by_label("in een gesprek").check()
    page.get_by_label("Met wie?").fill("Fatima")
    page.get_by_role("button", name="Afspraak vastleggen").click()
    page.wait_for_url(re.compile(r"/plannen/versies/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", name="Ons plan")).to_be_visible()
    expect(page.get_by_text("Geen brieven meer van de deurwaarder.")).to_be_visible()
    assert PlanVersion.objects.get(plan=plan).number == 1
    assert_no_axe_violations(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Afdrukken")).to_be_hidden()
    page.emulate_media(media="screen")

    # Warm referral via the social map, searched by domain.
    page.goto(f"{base}/sociale-kaart/traject/{trajectory.id}/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Zoek in de sociale kaart").click()
    page.get_by_label("Leefgebied").select_option("financien")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name="SchuldHulpMaatje", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Verwijzen naar SchuldHulpMaatje").click()
    assert_no_axe_violations(page)
    page.get_by_label("Fatima El Amrani").check()
    page.get_by_label("Nabellen op").fill((today - timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Verwijzing opslaan").click()
    expect(page.get_by_text("Nabellen kan niet voor de datum van de verwijzing.").first).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Nabellen op").fill((today + timedelta(weeks=2)).isoformat())
    page.get_by_role("button", name="Verwijzing opslaan").click()
    page.wait_for_url(re.compile(r"/sociale-kaart/traject/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("cell", name="Fatima El Amrani")).to_be_visible()
    assert_no_axe_violations(page)
    referral = Referral.objects.get(trajectory=trajectory)
    assert referral.facility.name == "SchuldHulpMaatje"
    trajectory.refresh_from_db()
    assert trajectory.phase == Phase.PLAN  # the team stays involved: the referral closed nothing

    # Later: the outcome form.
    page.get_by_role("link", name="Uitkomst vastleggen voor SchuldHulpMaatje").click()
    assert_no_axe_violations(page)
    page.get_by_role("radio", name="niet gestart").check()
    page.get_by_role("button", name="Uitkomst opslaan").click()
    expect(page.get_by_text("Schrijf op waarom de inwoner niet is gestart.").first).to_be_visible()
    assert_no_axe_violations(page)


def open_domain(page, label: str) -> None:  # type: ignore[no-untyped-def]
    """The analysis opens domain by domain: open one (a details element) by its summary."""
    page.locator("summary").filter(has_text=re.compile(f"^{re.escape(label)}")).click()
