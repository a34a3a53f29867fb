"""Browser walk: a rectification request (AVG art. 16) from filing to a granted decision that corrects the
data: the privacy officer sees the current values, gets a field error for a bad date, grants with the
corrected phone number, and the page shows what was corrected with the old value (history). The worker's
start page lists an open destruction request (Jeugdwet art. 7.3.9) with its due date. axe finds nothing at
1280 and 320 px; screenshots of both pages at both widths go to screenshots/ (gitignored)."""

import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stevig.core.context import Actor
from stevig.datasharing import services
from stevig.datasharing.models import Rectification
from stevig.people.models import Resident
from stevig.retention import services as retention
from stevig.testing.browser import assert_no_axe_violations_at_both_widths, login, set_width
from stevig.testing.personas import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[4] / "screenshots"


@pytest.fixture(autouse=True)
def clock():  # type: ignore[no-untyped-def]
    yield  # the live server runs on the real clock


@pytest.fixture
def tworld(transactional_db):  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    return build_world()


def shoot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 320):
        set_width(page, width)
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    set_width(page, 1280)


def test_granted_rectification_corrects_the_data(page, live_server, tworld):
    base = live_server.url
    Resident.objects.filter(id=tworld.parent.id).update(phone="0611111111")
    request = services.file_subject_request(
        actor=Actor(user=tworld.own_worker, access_point="test"),
        household_id=tworld.household.id,
        resident_id=tworld.parent.id,
        right="rectificatie",
        what="Mijn telefoonnummer",
        correction="0622222222",
    )
    login(page, base, tworld.privacy)
    url = f"{base}/gegevensdeling/verzoeken/{request.id}/"
    page.goto(url)
    expect(page.get_by_role("group", name="Wat moet er nu staan? (AVG artikel 16)")).to_be_visible()
    expect(page.get_by_label("Telefoon")).to_have_value("0611111111")
    expect(page.get_by_label("Geboortedatum")).to_have_value(tworld.parent.date_of_birth.isoformat())
    assert_no_axe_violations_at_both_widths(page)
    shoot(page, "avg-verbeteren-open")
    page.get_by_label("toegewezen", exact=True).check()
    page.get_by_label("Uitleg voor de inwoner").fill(
        "Het nummer was fout overgenomen. We hebben het verbeterd."
    )
    page.get_by_label("Telefoon").fill("0622222222")
    page.get_by_label("Geboortedatum").fill("")
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page).to_have_title(re.compile(r"^Fout"))
    expect(page.get_by_text("Vul de geboortedatum in.").first).to_be_visible()
    assert not Rectification.objects.exists()
    assert_no_axe_violations_at_both_widths(page)
    shoot(page, "avg-verbeteren-fout")
    page.get_by_label("Geboortedatum").fill(tworld.parent.date_of_birth.isoformat())
    page.get_by_label("toegewezen", exact=True).check()
    page.get_by_label("Uitleg voor de inwoner").fill(
        "Het nummer was fout overgenomen. We hebben het verbeterd."
    )
    page.get_by_label("Telefoon").fill("0622222222")
    page.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_text("Opgeslagen.")).to_be_visible()
    expect(page.get_by_role("heading", name="Wat we verbeterden")).to_be_visible()
    expect(page.get_by_role("cell", name="0611111111")).to_be_visible()
    assert Resident.objects.get(id=tworld.parent.id).phone == "0622222222"
    assert_no_axe_violations_at_both_widths(page)
    shoot(page, "avg-verbeteren-klaar")


def test_open_destruction_request_on_the_start_page(page, live_server, tworld):
    base = live_server.url
    request = retention.register_destruction_request(
        actor=Actor(user=tworld.own_worker, access_point="test"),
        household_id=tworld.household.id,
        law="jeugdwet",
        received_on=timezone.localdate(),
        requested_by="betrokkene",
    )
    login(page, base, tworld.own_worker)
    page.goto(f"{base}/")
    row = page.get_by_role("row").filter(has_text="Verzoek om vernietiging")
    expect(row).to_be_visible()
    expect(row).to_contain_text("Jeugdwet art. 7.3.9")
    from stevig.web.templatetags.stevig_ui import datum

    expect(row).to_contain_text(datum(request.due_on))
    assert_no_axe_violations_at_both_widths(page)
    shoot(page, "start-vernietigingsverzoek")
