"""The whole 'integraal' path in one walk, as a person would: a question → a trajectory → the broad
analysis of two members → a household plan with three goals → basic help → a warm referral to the social
map → waakvlam → one-click reactivation. axe-core checks the pages on the way."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stevig.analysis.models import Analysis
from stevig.intake.tests.helpers import register
from stevig.plans.models import Goal, HouseholdPlan
from stevig.plans.tests.test_browser import open_domain
from stevig.socialmap.models import Referral
from stevig.socialmap.services import seed_example_facilities
from stevig.testing.browser import assert_no_axe_violations, login
from stevig.trajectories.models import BasicHelp, PilotLight, Trajectory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_question_to_reactivation(page, live_server, world):
    question = register(world, household_id=world.household.id, text="Wij hebben schulden en ruzie thuis.")
    seed_example_facilities(world.municipality)
    today = timezone.localdate()
    base = live_server.url
    login(page, base, world.own_worker)

    # From the question to a trajectory.
    page.goto(f"{base}/trajecten/huishouden/{world.household.id}/openen/?vraag={question.id}")
    page.get_by_label("De vraag, in de woorden van de inwoner").fill(question.text)
    page.get_by_role("button", name="Traject openen").click()
    page.wait_for_url(re.compile(r"/trajecten/[0-9a-f-]{36}/$"))
    trajectory = Trajectory.objects.get(household=world.household)
    assert trajectory.opened_from_question_id == question.id
    page.get_by_role("link", name="naar plan", exact=True).click()
    page.get_by_label("Waarom?").fill("De analyse is klaar om te maken.")
    page.get_by_role("button", name="Fase wijzigen").click()
    page.wait_for_url(re.compile(r"/trajecten/[0-9a-f-]{36}/$"))

    # Broad analysis of the mother and the son.
    for member, scores in (
        ("Fatima El Amrani (ouder / verzorger)", {"Score financiën": "2", "Score huisvesting": "3"}),
        ("Yusuf El Amrani (kind)", {"Score school (kind)": "2"}),
    ):
        page.goto(f"{base}/analyse/traject/{trajectory.id}/")
        page.get_by_role("link", name=re.compile("Nieuwe analyse")).first.click()
        page.get_by_label("Over wie gaat deze analyse?").select_option(label=member)
        page.get_by_role("button", name="Verder").click()
        for label, value in scores.items():
            open_domain(page, label.removeprefix("Score "))
            page.get_by_label(label).select_option(value)
        page.get_by_role("button", name="Analyse opslaan").click()
        page.wait_for_url(re.compile(r"/analyse/traject/[0-9a-f-]{36}/$"))
    assert Analysis.objects.filter(trajectory=trajectory).count() == 2
    assert_no_axe_violations(page)

    # One household plan with three goals.
    page.goto(f"{base}/plannen/traject/{trajectory.id}/")
    page.get_by_label("Startdatum van het plan").fill(today.isoformat())
    page.get_by_label("Evaluatiedatum").fill((today + timedelta(weeks=12)).isoformat())
    page.get_by_role("button", name="Plan maken").click()
    expect(page.get_by_role("link", name="Doel toevoegen")).to_be_visible()
    for text, member, domain in (
        ("Ik wil weer rust in mijn hoofd.", "Fatima El Amrani", "geestelijke gezondheid"),
        ("Geen brieven meer van de deurwaarder.", "Fatima El Amrani", "financiën"),
        ("Yusuf gaat weer elke dag naar school.", "Yusuf El Amrani", "school (kind)"),
    ):
        page.get_by_role("link", name="Doel toevoegen").click()
        page.get_by_label("Doel", exact=False).first.fill(text)
        page.get_by_label(member).check()
        page.get_by_label(domain, exact=True).check()
        page.get_by_role("button", name="Doel opslaan").click()
        expect(page.get_by_text(text)).to_be_visible()
    assert Goal.objects.filter(plan=HouseholdPlan.objects.get(trajectory=trajectory)).count() == 3
    assert_no_axe_violations(page)

    # Basic help by the team itself.
    page.goto(f"{base}/trajecten/{trajectory.id}/")
    page.get_by_role("link", name="Basishulp vastleggen").click()
    page.get_by_label("Welke basishulp?").select_option("financien")
    page.get_by_role("radio", name="licht").check()
    page.get_by_role("radio", name="kort").check()
    page.get_by_label("Startdatum").fill(today.isoformat())
    page.get_by_label("Evalueren op").fill((today + timedelta(weeks=6)).isoformat())
    page.get_by_role("button", name="Basishulp opslaan").click()
    page.wait_for_url(re.compile(r"#basishulp$"))
    assert BasicHelp.objects.filter(trajectory=trajectory).count() == 1
    # A warm referral to the social map.
    page.goto(f"{base}/sociale-kaart/traject/{trajectory.id}/")
    page.get_by_role("link", name="Zoek in de sociale kaart").click()
    page.get_by_label("Leefgebied").select_option("financien")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Verwijzen naar SchuldHulpMaatje").click()
    page.get_by_label("Fatima El Amrani").check()
    page.get_by_label("Nabellen op").fill((today + timedelta(weeks=2)).isoformat())
    page.get_by_role("button", name="Verwijzing opslaan").click()
    page.wait_for_url(re.compile(r"/sociale-kaart/traject/[0-9a-f-]{36}/$"))
    assert Referral.objects.filter(trajectory=trajectory).exists()

    # Help, then waakvlam every 3 months; a referral never closed the trajectory.
    page.goto(f"{base}/trajecten/{trajectory.id}/")
    page.get_by_role("link", name="naar hulp", exact=True).click()
    page.get_by_label("Waarom?").fill("Het plan is afgesproken.")
    page.get_by_role("button", name="Fase wijzigen").click()
    page.wait_for_url(re.compile(r"/trajecten/[0-9a-f-]{36}/$"))
    page.get_by_role("link", name="naar waakvlam", exact=True).click()
    page.get_by_label("Waarom?").fill("De doelen zijn gehaald. Een lichte lijn blijft.")
    page.get_by_label("Waakvlam: hoe vaak contact? Elke …").fill("3")
    page.get_by_label("Waakvlam: dagen, weken of maanden").select_option("maanden")
    page.get_by_role("button", name="Fase wijzigen").click()
    page.wait_for_url(re.compile(r"/trajecten/[0-9a-f-]{36}/$"))
    expect(page.locator("#huidige-fase")).to_have_text("waakvlam")
    assert PilotLight.objects.filter(trajectory=trajectory, ended_at__isnull=True).exists()

    # One click back to help, without a new intake.
    page.get_by_role("button", name="Traject heractiveren").click()
    page.wait_for_url(re.compile(r"/trajecten/[0-9a-f-]{36}/$"))
    expect(page.locator("#huidige-fase")).to_have_text("hulp")
    assert Trajectory.objects.filter(household=world.household).count() == 1
    assert_no_axe_violations(page)
