"""As a person would: the worker sees a young person turning 18 on the 16-27 page, makes a toekomstplan
over the big 5 (first forgetting a next step), and records that the young person agreed. axe-core finds
no WCAG violations on the way."""

import datetime as dt
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from playwright.sync_api import expect

from stevig.decisions.models import Decision, ProductCategory
from stevig.testing import factories as f
from stevig.testing.browser import assert_no_axe_violations, login
from stevig.transitions.models import FuturePlan
from stevig.transitions.rules import Big5

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_toekomstplan(page, live_server, world):
    base = live_server.url
    today = timezone.localdate()
    born = today - relativedelta(years=18) + relativedelta(months=7)  # 18 in seven months
    sam = f.add_member(
        world.household, relation="kind", given_names="Sam", surname="Jansen", date_of_birth=born
    )
    Decision.objects.create(
        municipality=world.municipality,
        household=world.household,
        resident=sam,
        category=ProductCategory.objects.filter(municipality=world.municipality, law="jeugdwet").first(),
        law="jeugdwet",
        form="zin",
        start_date=today - dt.timedelta(days=300),
        end_date=today + relativedelta(years=2),
        reason="Jeugdhulp thuis.",
        decided_on=today - dt.timedelta(days=300),
        decided_by=world.own_worker,
    )
    login(page, base, world.own_worker)
    page.goto(f"{base}/16-27/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jongeren van 16 tot 27")
    assert_no_axe_violations(page)
    page.locator("#wordt-18 + ul").get_by_role("link", name="Sam Jansen").click()
    expect(page.get_by_text("Er is nog geen toekomstplan.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Toekomstplan maken").click()
    labels = dict(Big5.choices)
    for value, label in labels.items():
        page.get_by_role("group", name=re.compile(re.escape(str(label)) + ": hoe staat")).get_by_label(
            "aandacht nodig"
        ).check()
        if value != "wonen":
            page.get_by_label(f"{label}: volgende stap").fill(f"Samen met Sam: {label}")
    page.get_by_role("button", name="Plan opslaan").click()
    expect(page.locator("#id_wonen_next_step_error")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label(f"{labels['wonen']}: volgende stap").fill("Inschrijven bij woningnet voor zijn 18e.")
    page.get_by_role("button", name="Plan opslaan").click()
    expect(page.get_by_role("heading", level=3, name="Wonen")).to_be_visible()
    expect(page.locator("#afgesproken")).to_contain_text("Nog niet afgesproken")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="De jongere heeft het plan afgesproken").click()
    expect(page.locator("#afgesproken")).to_contain_text("Afgesproken met de jongere op")
    assert FuturePlan.objects.get(resident=sam).agreed_on == today
