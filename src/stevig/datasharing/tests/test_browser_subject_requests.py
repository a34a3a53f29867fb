"""Browser walk: a worker registers a restriction request (AVG art. 18) for a resident, with a form error
first; the household file is marked; the privacy officer finds it on the worklist with its due date and
decides with a reason. axe finds nothing at 1280 and 320 px."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stevig.datasharing.models import SubjectRequest
from stevig.testing.browser import assert_no_axe_violations_at_both_widths, login, new_context
from stevig.testing.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def clock():  # type: ignore[no-untyped-def]
    yield  # the live server runs on the real clock


@pytest.fixture
def tworld(transactional_db):  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    return build_world()


def test_restriction_request_from_register_to_decision(page, browser, live_server, tworld, tmp_path):
    base = live_server.url
    today = timezone.localdate()
    login(page, base, tworld.own_worker)
    register = f"{base}/gegevensdeling/huishouden/{tworld.household.id}/"
    page.goto(register + "#verzoeken")
    form = page.locator("form[action$='/verzoek/']")
    form.get_by_label("Van wie is het verzoek?").select_option(label=tworld.parent.full_name)
    form.get_by_label("beperken: minder met de gegevens doen (AVG artikel 18)").check()
    form.get_by_label("Om welke gegevens gaat het?").fill("De score gezondheid in de brede analyse")
    form.get_by_label("Ontvangen op").fill(today.isoformat())
    form.get_by_role("button", name="Verzoek vastleggen").click()
    # No ground chosen: the error is at the field, nothing saved.
    expect(
        page.get_by_text("Kies waarom de inwoner wil dat we minder met de gegevens doen.").first
    ).to_be_visible()
    assert SubjectRequest.objects.count() == 0
    form = page.locator("form[action$='/verzoek/']")
    form.get_by_label("Van wie is het verzoek?").select_option(label=tworld.parent.full_name)
    form.get_by_label("beperken: minder met de gegevens doen (AVG artikel 18)").check()
    form.get_by_label("Om welke gegevens gaat het?").fill("De score gezondheid in de brede analyse")
    form.get_by_label("Waarom minder met de gegevens doen?").select_option("juistheid")
    form.get_by_label("Ontvangen op").fill(today.isoformat())
    form.get_by_role("button", name="Verzoek vastleggen").click()
    page.wait_for_url("**/gegevensdeling/huishouden/**")
    expect(page.get_by_text("Het verzoek staat bij de privacy officer.")).to_be_visible()
    expect(page.get_by_text("Beperking (AVG artikel 18)").first).to_be_visible()
    assert_no_axe_violations_at_both_widths(page)
    page.screenshot(path=str(tmp_path / "register.png"), full_page=True)
    request = SubjectRequest.objects.get()

    privacy = new_context(browser).new_page()
    login(privacy, base, tworld.privacy)
    privacy.goto(f"{base}/gegevensdeling/verzoeken/")
    expect(
        privacy.get_by_role("link", name="beperken: minder met de gegevens doen (AVG artikel 18)")
    ).to_be_visible()
    assert_no_axe_violations_at_both_widths(privacy)
    privacy.screenshot(path=str(tmp_path / "worklist.png"), full_page=True)
    privacy.get_by_role("link", name="beperken: minder met de gegevens doen (AVG artikel 18)").click()
    privacy.wait_for_url(f"**/gegevensdeling/verzoeken/{request.id}/")
    expect(privacy.get_by_role("heading", name="Besluiten")).to_be_visible()
    assert_no_axe_violations_at_both_widths(privacy)
    privacy.get_by_label("afgewezen").check()
    privacy.get_by_label("Uitleg voor de inwoner").fill(
        "De score klopt. U vertelde het zelf. U kunt een klacht indienen bij de Autoriteit Persoonsgegevens."
    )
    privacy.get_by_role("button", name="Besluit opslaan").click()
    privacy.wait_for_url(f"**/gegevensdeling/verzoeken/{request.id}/")
    expect(privacy.get_by_text("Opgeslagen.")).to_be_visible()
    request.refresh_from_db()
    assert request.status == "afgewezen" and not request.restricts
    assert_no_axe_violations_at_both_widths(privacy)
    privacy.screenshot(path=str(tmp_path / "decided.png"), full_page=True)
    privacy.context.close()
