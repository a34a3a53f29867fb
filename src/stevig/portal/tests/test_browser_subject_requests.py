"""Browser: the resident asks in Mijn Stevig to restrict their child's data (AVG art. 18), with a field
error first; zero axe violations and nothing wider than the screen at 1280 and 320 px."""

import pytest
from playwright.sync_api import expect

from stevig.datasharing.models import SubjectRequest
from stevig.portal.tests.conftest import PARENT_BSN
from stevig.portal.tests.test_browser import _check, tportal  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_asks_for_a_restriction(page, live_server, tportal, tmp_path, settings):  # noqa: F811
    settings.DIGID_MOCK = True
    world, _data = tportal
    page.goto(live_server.url + "/mijn/digid/login/")
    page.get_by_role("link", name="Met een burgerservicenummer").click()
    page.get_by_label("Burgerservicenummer").fill(PARENT_BSN)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(live_server.url + "/mijn/")
    page.get_by_role("link", name="Gegevens verbeteren").click()
    page.wait_for_url("**/mijn/verzoek/")
    expect(page.get_by_role("heading", name="Gegevens verbeteren of beperken")).to_be_visible()
    _check(page, tmp_path, "verzoek")
    page.get_by_label(world.child.full_name).check()
    page.get_by_label("Ik wil dat u minder met mijn gegevens doet: alleen bewaren, niet gebruiken.").check()
    page.get_by_label("Om welke gegevens gaat het?").fill("Wat er over school staat")
    page.get_by_role("button", name="Verzoek versturen").click()
    expect(page.get_by_text("Kies waarom u wilt dat wij minder met uw gegevens doen.").first).to_be_visible()
    assert SubjectRequest.objects.count() == 0
    _check(page, tmp_path, "verzoek-fout")
    page.get_by_label(world.child.full_name).check()
    page.get_by_label("Ik wil dat u minder met mijn gegevens doet: alleen bewaren, niet gebruiken.").check()
    page.get_by_label("Om welke gegevens gaat het?").fill("Wat er over school staat")
    page.get_by_label("De gegevens kloppen niet. Zoek het eerst uit.").check()
    page.get_by_role("button", name="Verzoek versturen").click()
    page.wait_for_url("**/mijn/verzoek/?verstuurd=1")
    expect(page.get_by_text("Wij hebben uw verzoek ontvangen.")).to_be_visible()
    expect(page.get_by_text("Wij bewaren ze alleen.")).to_be_visible()
    _check(page, tmp_path, "verzoek-verstuurd")
    assert SubjectRequest.objects.get().resident_id == world.child.id
