"""As a person would: open a trajectory, give basic help, record a contact, go to waakvlam, reactivate.
axe-core finds no WCAG violations on any of the trajectory pages on the way."""

import re

import pytest
from playwright.sync_api import expect

from stevig.testing import factories as f
from stevig.testing.browser import assert_no_axe_violations, login
from stevig.trajectories.models import BasicHelp, Contact, PilotLight, Trajectory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_trajectory_walkthrough(page, live_server, world, tags):
    household = f.HouseholdFactory(municipality=world.municipality, team=world.team, street="Kastanjelaan")
    f.add_member(household, given_names="Sanne", surname="de Vries")
    f.add_member(household, relation="kind", given_names="Mila", surname="de Vries")
    world.colleague.expertise.add(tags["schulden"])
    base = live_server.url
    login(page, base, world.own_worker)

    # Open the trajectory from the household's question.
    page.goto(f"{base}/trajecten/huishouden/{household.id}/openen/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Traject openen").click()  # forgot the question
    expect(page.get_by_text("Vul “De vraag, in de woorden van de inwoner” in.").first).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("De vraag, in de woorden van de inwoner").fill("Wij hebben schulden en ruzie thuis.")
    page.get_by_role("button", name="Traject openen").click()
    page.wait_for_url(re.compile(r"/trajecten/[0-9a-f-]{36}/$"))
    trajectory = Trajectory.objects.get(household=household)
    expect(page.locator("#huidige-fase")).to_have_text("verkennen")
    assert_no_axe_violations(page)

    # Basic help: first a mistake (evaluation before the start), then right.
    page.get_by_role("link", name="Basishulp vastleggen").click()
    page.get_by_label("Welke basishulp?").select_option("financien")
    page.get_by_label("intensief").check()
    page.get_by_label("lang").check()
    page.get_by_label("Startdatum").fill("2026-03-02")
    page.get_by_label("Evalueren op").fill("2026-03-01")
    page.get_by_role("button", name="Basishulp opslaan").click()
    expect(page.locator("#id_evaluation_date_error")).to_contain_text(
        "De evaluatiedatum ligt voor de startdatum."
    )
    expect(page.get_by_role("link", name=re.compile("De evaluatiedatum ligt voor"))).to_be_visible()
    expect(page.get_by_label("Evalueren op")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)
    page.get_by_label("Evalueren op").fill("2026-04-13")
    page.get_by_role("button", name="Basishulp opslaan").click()
    page.wait_for_url(re.compile(r"#basishulp$"))
    assert BasicHelp.objects.get(trajectory=trajectory).kind == "financien"

    # A home visit with the mother.
    page.get_by_role("link", name="Contact vastleggen").click()
    assert_no_axe_violations(page)
    page.get_by_label("huisbezoek").check()
    page.get_by_label("Sanne de Vries").check()
    page.get_by_label("Korte samenvatting").fill("Samen de post doorgenomen.")
    page.get_by_role("button", name="Contact opslaan").click()
    page.wait_for_url(re.compile(r"#contacten$"))
    assert Contact.objects.filter(trajectory=trajectory).count() == 1
    # Expertise: the page suggests the colleague who knows about debts.
    page.get_by_role("link", name="Nodige expertise kiezen").click()
    assert_no_axe_violations(page)
    page.get_by_label("schulden").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/trajecten/[0-9a-f-]{36}/$"))
    expect(page.get_by_text(world.colleague.get_full_name()).first).to_be_visible()

    page.get_by_role("link", name="Specialist raadplegen of verwijzen").click()
    assert_no_axe_violations(page)
    page.go_back()

    # Through the phases to waakvlam every 6 weeks.
    for phase in ("plan", "hulp"):
        page.get_by_role("link", name=f"naar {phase}", exact=True).click()
        page.get_by_label("Waarom?").fill(f"Verder naar {phase}.")
        page.get_by_role("button", name="Fase wijzigen").click()
        page.wait_for_url(re.compile(r"/trajecten/[0-9a-f-]{36}/$"))
    page.get_by_role("link", name="naar waakvlam", exact=True).click()
    assert_no_axe_violations(page)
    page.get_by_label("Waarom?").fill("De doelen zijn gehaald. Een lichte lijn blijft.")
    page.get_by_role("button", name="Fase wijzigen").click()
    expect(
        page.get_by_text("Kies dagen, weken of maanden.").first
    ).to_be_visible()  # the cadence was forgotten
    page.get_by_label("Waakvlam: hoe vaak contact? Elke …").fill("6")
    page.get_by_label("Waakvlam: dagen, weken of maanden").select_option("weken")
    page.get_by_role("button", name="Fase wijzigen").click()
    page.wait_for_url(re.compile(r"/trajecten/[0-9a-f-]{36}/$"))
    expect(page.locator("#huidige-fase")).to_have_text("waakvlam")
    assert PilotLight.objects.filter(trajectory=trajectory, ended_at__isnull=True).exists()
    assert_no_axe_violations(page)

    page.goto(f"{base}/trajecten/waakvlam/")
    assert_no_axe_violations(page)
    page.goto(f"{base}/trajecten/")
    expect(page.get_by_role("link", name=re.compile("Kastanjelaan"))).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Kastanjelaan")).click()

    # One click: back to help, no new intake.
    page.get_by_role("button", name="Traject heractiveren").click()
    page.wait_for_url(re.compile(r"/trajecten/[0-9a-f-]{36}/$"))
    expect(page.locator("#huidige-fase")).to_have_text("hulp")
    expect(page.get_by_text("Er is geen nieuwe intake nodig.")).to_be_visible()
    assert Trajectory.objects.filter(household=household).count() == 1
    assert_no_axe_violations(page)


def test_figures_page_is_accessible(page, live_server, world):
    login(page, live_server.url, world.policy)
    page.goto(f"{live_server.url}/trajecten/cijfers/")
    expect(page.get_by_role("heading", name="Cijfers over trajecten")).to_be_visible()
    assert_no_axe_violations(page)
