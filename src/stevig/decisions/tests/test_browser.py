"""As a person would: flag a lifelong limitation, record an aanvraag, decide (first a pgb without its
motivation, then right, without an end date), read the letter, see the worklist; policy reads the
figures. axe-core finds no WCAG violations on any decisions page on the way."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stevig.decisions.models import Application, Decision, PeriodicContact, ProductCategory
from stevig.testing.browser import assert_no_axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_decision_walkthrough(page, browser, live_server, world):
    base = live_server.url
    today = timezone.localdate().isoformat()
    begeleiding = ProductCategory.objects.get(municipality=world.municipality, code="begeleiding")
    login(page, base, world.own_worker)

    page.goto(f"{base}/beschikkingen/huishouden/{world.household.id}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aanvragen en beschikkingen")
    assert_no_axe_violations(page)

    # The lifelong limitation of the mother.
    page.get_by_role("link", name="Levenslange beperking vastleggen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Wie heeft de beperking?").select_option(str(world.parent.id))
    page.get_by_label("Welke beperking?").fill("Blijvende verstandelijke beperking")
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_url(re.compile(r"#beperking$"))
    expect(page.get_by_text("Blijvende verstandelijke beperking")).to_be_visible()

    # The aanvraag: first forgotten the question, then right.
    page.get_by_role("link", name="Aanvraag vastleggen").click()
    page.get_by_label("Voor wie is de aanvraag?").select_option(str(world.parent.id))
    page.get_by_label("Wmo 2015").check()
    page.get_by_role("button", name="Aanvraag opslaan").click()
    expect(page.get_by_text("Vul “De vraag, in de woorden van de inwoner” in.").first).to_be_visible()
    expect(page.get_by_label("De vraag, in de woorden van de inwoner")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert_no_axe_violations(page)
    page.get_by_label("De vraag, in de woorden van de inwoner").fill("Ik heb hulp nodig bij mijn post.")
    page.get_by_label("Wat vraagt de inwoner aan?").select_option(str(begeleiding.id))
    page.get_by_role("button", name="Aanvraag opslaan").click()
    page.wait_for_url(re.compile(r"#aanvragen$"))
    application = Application.objects.get()
    assert_no_axe_violations(page)

    # Decide from the aanvraag: a pgb without motivation is refused, then saved without an end date.
    page.get_by_role("link", name="Besluiten voor Fatima El Amrani").click()
    expect(page.get_by_label("Bij welke aanvraag?")).to_have_value(str(application.id))
    page.get_by_label("persoonsgebonden budget (pgb)").check()
    page.get_by_label("Wettelijke grondslag").fill("Wmo 2015 artikel 2.3.5")
    page.get_by_label("Omvang").fill("3")
    page.get_by_label("Eenheid").select_option("uur")
    page.get_by_label("Per week, maand of jaar").select_option("week")
    page.get_by_label("Ingangsdatum").fill(today)
    page.get_by_label("Waarom dit besluit?").fill("Mevrouw overziet haar post en afspraken niet zelf.")
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.locator("#id_pgb_motivation_error")).to_contain_text("Bij een pgb is dat verplicht.")
    expect(page.get_by_role("link", name=re.compile("Bij een pgb is dat verplicht"))).to_be_visible()
    expect(page.get_by_label("Waarom een pgb?")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)
    page.get_by_label("Waarom een pgb?").fill("Zij wil zelf kiezen wie haar helpt.")
    page.get_by_role("button", name="Besluit opslaan").click()
    page.wait_for_url(re.compile(r"/beschikkingen/[0-9a-f-]{36}/$"))
    decision = Decision.objects.get()
    assert decision.end_date is None and decision.lifelong and decision.form == "pgb"
    assert PeriodicContact.objects.filter(decision=decision).count() == 5
    expect(page.get_by_role("rowheader", name="contactmoment, geen herindicatie").first).to_be_visible()
    assert_no_axe_violations(page)

    # The letter, ready to print.
    page.get_by_role("link", name="Brief bekijken en afdrukken").click()
    expect(page.get_by_role("heading", name="Bent u het niet eens met dit besluit?")).to_be_visible()
    expect(page.get_by_text("Mevrouw overziet haar post en afspraken niet zelf.")).to_be_visible()
    assert_no_axe_violations(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Afdrukken")).to_be_hidden()
    page.emulate_media(media="screen")

    # The edit form and the worklist.
    page.goto(f"{base}/beschikkingen/{decision.id}/wijzigen/")
    assert_no_axe_violations(page)
    page.goto(f"{base}/beschikkingen/")
    assert_no_axe_violations(page)

    # Policy sees the figures only.
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", bypass_csp=True)
    try:
        policy = context.new_page()
        login(policy, base, world.policy)
        policy.goto(f"{base}/beschikkingen/cijfers/")
        expect(policy.get_by_role("heading", level=1)).to_have_text("Cijfers over beschikkingen")
        assert_no_axe_violations(policy)
    finally:
        context.close()


def test_refusal_letter_objection_and_decision_on_the_objection(page, live_server, world):
    """Aanvraag -> afwijzing with its letter -> sent -> bezwaar registered -> beslissing op bezwaar on time."""
    base = live_server.url
    today = timezone.localdate()
    begeleiding = ProductCategory.objects.get(municipality=world.municipality, code="begeleiding")
    login(page, base, world.own_worker)

    page.goto(f"{base}/beschikkingen/huishouden/{world.household.id}/aanvraag/")
    page.get_by_label("Voor wie is de aanvraag?").select_option(str(world.parent.id))
    page.get_by_label("Wmo 2015").check()
    page.get_by_label("De vraag, in de woorden van de inwoner").fill("Ik wil hulp bij het huishouden.")
    page.get_by_label("Wat vraagt de inwoner aan?").select_option(str(begeleiding.id))
    page.get_by_role("button", name="Aanvraag opslaan").click()
    page.wait_for_url(re.compile(r"#aanvragen$"))

    page.get_by_role("link", name="Besluiten voor Fatima El Amrani").click()
    page.get_by_label("afwijzing").check()
    page.get_by_label("Wettelijke grondslag").fill("Wmo 2015 artikel 2.3.5 lid 3")
    page.get_by_label("Waarom dit besluit?").fill(
        "Uw zoon kan u helpen. Dat heeft hij in het gesprek gezegd."
    )
    page.get_by_label("Verstuurd op").fill(today.isoformat())
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Besluit opslaan").click()
    page.wait_for_url(re.compile(r"/beschikkingen/[0-9a-f-]{36}/$"))
    decision = Decision.objects.get()
    assert decision.outcome == "afwijzing" and decision.sent_on == today
    expect(page.locator("#uitkomst")).to_have_text("afwijzing")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Brief bekijken en afdrukken").click()
    expect(page.get_by_text("We wijzen uw aanvraag af.")).to_be_visible()
    expect(page.get_by_text("op de post doet")).to_be_visible()
    assert_no_axe_violations(page)

    page.goto(f"{base}/beschikkingen/{decision.id}/")
    page.get_by_text("Bezwaar, klacht of beroep vastleggen").click()
    page.get_by_label("bezwaar", exact=True).check()
    page.get_by_label("Ontvangen op").fill(today.isoformat())
    page.get_by_label("Waar gaat het over?").fill("Mijn zoon woont ver weg en kan niet helpen.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("rowheader", name="Bezwaar")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Beslissing op bezwaar vastleggen").click()
    expect(page.locator("#uiterlijk")).not_to_be_empty()
    assert_no_axe_violations(page)
    page.get_by_label("Beslist op").fill(today.isoformat())
    page.get_by_label("Uitkomst").fill("Gegrond: de zoon woont te ver weg. U krijgt alsnog begeleiding.")
    page.get_by_role("button", name="Beslissing opslaan").click()
    page.wait_for_url(re.compile(r"/beschikkingen/[0-9a-f-]{36}/$"))
    remedy = decision.remedies.get()
    assert remedy.status == "besloten" and remedy.due_on is not None and remedy.decided_on <= remedy.due_on
    expect(page.get_by_text("Gegrond: de zoon woont te ver weg.")).to_be_visible()
    assert_no_axe_violations(page)
