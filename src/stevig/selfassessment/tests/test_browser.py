"""Browser walk of a self-assessment round from start to radar chart: policy starts a round and adds a
team lead and a partner, enters the partner's scores (first with one missing: a Dutch error), the team
lead fills in their own, policy sees the radar chart with its table and adds an improvement action that
lands on the team lead's start page. axe finds nothing on any page."""

import datetime as dt
import urllib.request

import pytest
from playwright.sync_api import expect

from stevig.selfassessment.models import Statement
from stevig.testing.browser import assert_no_axe_violations, fresh_world, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def clock():  # type: ignore[no-untyped-def]
    yield  # the live server runs on the real clock


@pytest.fixture
def tworld(transactional_db):  # type: ignore[no-untyped-def]
    from django.apps import apps

    from stevig.selfassessment import instrument

    world = fresh_world()
    # A transactional test empties the tables the data migration filled: load the instrument again.
    instrument.load(apps)
    return world


def score_everything(page, level: int, skip: int | None = None) -> None:  # type: ignore[no-untyped-def]
    for statement_id in Statement.objects.values_list("id", flat=True):
        if statement_id != skip:
            page.locator(f"input[name=stelling_{statement_id}][value='{level}']").check()


def test_a_round_from_start_to_radar_chart(page, browser, live_server, tworld) -> None:
    base = live_server.url
    # Warm the live server up outside the browser's timeout (the first request loads the URL conf).
    assert urllib.request.urlopen(f"{base}/health", timeout=120).status == 200  # noqa: S310 (http://localhost)
    login(page, base, tworld.policy)
    page.goto(f"{base}/zelfevaluatie/")
    expect(page.get_by_role("heading", name="Zelfevaluatie", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Naam van de ronde").fill("Zelfevaluatie 2026")
    page.get_by_label("Periode").fill("2026-13")
    page.get_by_role("button", name="Ronde starten").click()
    expect(page.get_by_text("Kies een kwartaal (bijvoorbeeld 2026-K3)").first).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Periode").fill("2026")
    page.get_by_role("button", name="Ronde starten").click()
    expect(page.get_by_role("heading", name="Zelfevaluatie 2026")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Groep").select_option(label="management")
    page.get_by_label("Medewerker").select_option(value=str(tworld.team_lead.pk))
    page.get_by_role("button", name="Deelnemer toevoegen").click()
    expect(page.get_by_text("De deelnemer is toegevoegd.")).to_be_visible()
    page.get_by_label("Groep").select_option(label="partners")
    page.get_by_label("Of: naam van de partner").fill("GGD Noord")
    page.get_by_role("button", name="Deelnemer toevoegen").click()
    page.get_by_role("link", name="scores van GGD Noord invullen").click()
    assert_no_axe_violations(page)
    first = Statement.objects.order_by("principle__number", "order").first()
    assert first is not None
    score_everything(page, 1, skip=first.id)
    page.get_by_role("button", name="Scores opslaan").click()
    expect(page.get_by_text("Kies een antwoord bij deze stelling.").first).to_be_visible()
    assert_no_axe_violations(page)
    page.locator(f"input[name=stelling_{first.id}][value='1']").check()
    page.get_by_role("button", name="Scores opslaan").click()
    expect(page.get_by_text("Uw scores zijn opgeslagen.")).to_be_visible()
    round_url = page.url

    # The team lead fills in their own scores in their own browser.
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", bypass_csp=True)
    lead = context.new_page()
    login(lead, base, tworld.team_lead)
    lead.goto(round_url)
    lead.get_by_role("link", name="Mijn scores invullen").click()
    score_everything(lead, 3)
    lead.get_by_role("button", name="Scores opslaan").click()
    expect(lead.get_by_text("Uw scores zijn opgeslagen.")).to_be_visible()

    # Policy sees the radar chart and the table with the same figures: (1 + 3) / 2 = 2.0 everywhere.
    page.goto(round_url)
    chart = page.get_by_role("img", name="Radardiagram: score per principe, 0 (niet) tot 3 (volledig)")
    expect(chart).to_be_visible()
    table = page.get_by_test_id("scores")
    expect(table.get_by_role("row")).to_have_count(14)
    expect(table).to_contain_text("2,0 (grotendeels)")
    expect(table).to_contain_text("Hoe berekend?")
    assert_no_axe_violations(page)
    page.get_by_label("Bij welk principe?").select_option(label="4. Patronen en systeemknelpunten")
    page.get_by_label("Wat gaan we doen?").fill("Elk kwartaal de knelpunten bespreken met het team.")
    page.get_by_label("Wie doet het?").select_option(value=str(tworld.team_lead.pk))
    page.get_by_label("Klaar op").fill((dt.date.today() + dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Actie toevoegen").click()
    expect(page.get_by_text("De verbeteractie staat op de werklijst van de eigenaar.")).to_be_visible()
    assert_no_axe_violations(page)

    lead.goto(f"{base}/")
    expect(
        lead.get_by_role("link", name="4. Knelpunten: Elk kwartaal de knelpunten bespreken")
    ).to_be_visible()
    assert_no_axe_violations(lead)
    context.close()
