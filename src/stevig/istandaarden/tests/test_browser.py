"""As a worker would: open a decision with a provider, see its allocation and messages on the decision's
own page, open the provider's request (315), answer it, and open all messages of the decision. axe-core
finds no WCAG violations on any of these pages (at 1280 and 320 px)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stevig.istandaarden.models import Allocation, Message
from stevig.istandaarden.tests.conftest import decide
from stevig.istandaarden.tests.messages import addressed
from stevig.testing.browser import assert_no_axe_violations_at_both_widths, login
from stevig.testing.personas import api_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_messages_on_the_decision_page_and_answering_a_request(page, live_server, world, provider):
    today = timezone.localdate()  # the browser runs on today's clock (Europe/Amsterdam)
    decision = decide(
        world, start_date=today - timedelta(days=1), end_date=today + timedelta(days=180), sent_on=today
    )
    allocation = Allocation.objects.get(decision=decision)
    delivered = api_client(world.admin).post(
        "/api/v1/istandaarden/inbox",
        addressed("iwmo", "315", bsn="999970884", number=allocation.number),
        content_type="application/xml",
    )
    assert delivered.status_code == 201, delivered.content
    request = Message.objects.get(decision=decision, code="315")
    base = live_server.url
    login(page, base, world.own_worker)

    page.goto(f"{base}/beschikkingen/{decision.id}/")
    section = page.locator("[data-iberichten]")
    expect(section.get_by_role("heading", name="Toewijzing en berichten aan de aanbieder")).to_be_visible()
    expect(section.get_by_role("cell", name=str(allocation.number))).to_be_visible()
    expect(section.get_by_role("link", name=request.label)).to_be_visible()
    assert_no_axe_violations_at_both_widths(page)

    section.get_by_role("link", name=request.label).click()
    page.wait_for_url(re.compile(rf"/berichten/{request.id}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(request.label)
    expect(page.get_by_role("heading", name="Verzoek beantwoorden")).to_be_visible()
    assert_no_axe_violations_at_both_widths(page)

    # Refusing without a reason gives a field error; with toewijzen the answer is a new 301.
    page.get_by_label("Afwijzen: de aanbieder krijgt een afwijzing met reden (319)").check()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_text("Kies de reden van afwijzen.").first).to_be_visible()
    assert_no_axe_violations_at_both_widths(page)
    page.get_by_label("Toewijzen: de aanbieder krijgt een nieuwe toewijzing (301)").check()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_text("staat klaar voor de aanbieder")).to_be_visible()
    expect(page.locator("#status")).to_have_text("beantwoord")
    assert_no_axe_violations_at_both_widths(page)

    # All messages of the decision, then back on the decision page with the new 301 inline.
    page.get_by_role("link", name="Berichten", exact=True).click()
    page.wait_for_url(re.compile(rf"/berichten/beschikking/{decision.id}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Berichten aan en van de aanbieder")
    assert_no_axe_violations_at_both_widths(page)
    page.get_by_role("link", name="Beschikking", exact=True).click()
    page.wait_for_url(re.compile(rf"/beschikkingen/{decision.id}/$"))
    expect(page.locator("[data-iberichten] tbody tr")).to_have_count(
        Allocation.objects.filter(decision=decision).count()
        + Message.objects.filter(decision=decision).count()
    )
