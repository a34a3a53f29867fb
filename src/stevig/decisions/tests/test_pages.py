"""Pages: every persona on every page, the access log, bad input shown per field, 409 on a stale edit,
the letter (HTML with reason and bezwaar date, PDF with the text), figures for policy, constant queries."""

import datetime as dt
import re

import pytest
import time_machine

from stevig.audit.models import AccessLogEntry
from stevig.datasharing.models import Disclosure
from stevig.decisions.models import Application, Decision, LifelongLimitation, PeriodicContact
from stevig.decisions.tests.conftest import ALLOWED, decide, flag
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, denied_status, web_client
from stevig.testing.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db


def pdf_text(body: bytes) -> str:
    """The text shown in an uncompressed reportlab PDF: the strings of its Tj operators, line by line."""
    raw = body.decode("latin-1")
    parts = re.findall(r"\((.*?)(?<!\\)\)\s*Tj", raw)
    text = " ".join(p.replace("\\(", "(").replace("\\)", ")") for p in parts)
    text = re.sub(r"\\(\d{3})", lambda m: chr(int(m.group(1), 8)), text)
    return re.sub(r"\s+", " ", text)


def last_entry(user) -> AccessLogEntry:  # type: ignore[no-untyped-def]
    return AccessLogEntry.objects.filter(user_id=user.id).latest("id")


def expected_status(persona: str) -> int:
    if persona in ALLOWED:
        return 200
    return denied_status(persona)


@pytest.fixture
def decision(world, categories):  # type: ignore[no-untyped-def]
    flag(world)
    return decide(world, categories, end_date=None, provider="Zorg & Co")


def file_pages(world, decision) -> list[str]:  # type: ignore[no-untyped-def]
    h = world.household.id
    contact = PeriodicContact.objects.filter(decision=decision).first()
    application = Application.objects.create(
        municipality=world.municipality,
        household=world.household,
        resident=world.parent,
        law="wmo",
        received_on=dt.date(2026, 3, 2),
        due_on=dt.date(2026, 3, 16),
        description="Hulp bij administratie",
        recorded_by=world.own_worker,
    )
    limitation = LifelongLimitation.objects.get(resident=world.parent)
    assert contact is not None
    return [
        f"/beschikkingen/huishouden/{h}/",
        f"/beschikkingen/huishouden/{h}/aanvraag/",
        f"/beschikkingen/huishouden/{h}/besluit/",
        f"/beschikkingen/huishouden/{h}/levenslang/",
        f"/beschikkingen/aanvragen/{application.id}/intrekken/",
        f"/beschikkingen/levenslang/{limitation.id}/beeindigen/",
        f"/beschikkingen/contactmomenten/{contact.id}/",
        f"/beschikkingen/{decision.id}/",
        f"/beschikkingen/{decision.id}/wijzigen/",
        f"/beschikkingen/{decision.id}/brief/",
        f"/beschikkingen/{decision.id}/brief.pdf",
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_file_page_per_persona_with_access_log(world, decision, persona):
    user = getattr(world, persona)
    client = web_client(user)
    for url in file_pages(world, decision):
        before = AccessLogEntry.objects.filter(user_id=user.id).count()
        response = client.get(url)
        expected = expected_status(persona)
        if url.endswith(".pdf") and expected == 200:
            expected = 202  # the first request queues the PDF (see test_pdf_letter)
        assert response.status_code == expected, url
        rows = AccessLogEntry.objects.filter(user_id=user.id).order_by("id")[before:]
        assert rows, f"no access-log row for {url}"
        outcome = "allowed" if persona in ALLOWED else "denied"
        assert {r.outcome for r in rows} == {outcome}, url
        if persona in ALLOWED:
            assert "<h1" in response.content.decode(errors="ignore") or url.endswith(".pdf")
        else:
            assert "El Amrani" not in response.content.decode(errors="ignore"), url


def test_anonymous_is_sent_to_login(world, decision):
    from django.test import Client

    for url in [*file_pages(world, decision), "/beschikkingen/", "/beschikkingen/cijfers/"]:
        response = Client().get(url)
        assert response.status_code == 302 and "/account/inloggen/" in response["Location"], url


@pytest.mark.parametrize("persona", PERSONAS)
def test_worklist_page_per_persona(world, categories, persona):
    decide(world, categories, start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 4, 30))
    user = getattr(world, persona)
    response = web_client(user).get("/beschikkingen/")
    entry = last_entry(user)
    assert entry.part == "beschikkingen-werklijst"
    if persona in {
        "own_worker",
        "colleague",
        "team_lead",
        "other_team_worker",
        "coordinator",
        "other_municipality_worker",
    }:
        assert response.status_code == 200
        html = response.content.decode()
        shown = persona in ALLOWED
        assert ("Beschikking loopt af: Begeleiding" in html) == shown
        assert entry.outcome == "allowed"
        assert entry.resident_ids == ([str(world.parent.id)] if shown else [])
    else:
        assert response.status_code == 403 and entry.outcome == "denied"


@pytest.mark.parametrize("persona", PERSONAS)
def test_figures_page_only_for_policy(world, persona):
    user = getattr(world, persona)
    response = web_client(user).get("/beschikkingen/cijfers/")
    entry = last_entry(user)
    assert entry.part == "cijfers-beschikkingen"
    if persona == "policy":
        assert response.status_code == 200 and entry.outcome == "allowed"
        assert "Beschikkingen met een eigen reden" in response.content.decode()
    else:
        assert response.status_code == 403 and entry.outcome == "denied"


def test_letter_page_has_reason_dates_and_bezwaar_date(world, categories):
    decision = decide(
        world,
        categories,
        form="pgb",
        pgb_motivation="Mevrouw wil zelf kiezen wie haar helpt.",
        start_date=dt.date(2026, 3, 1),
        end_date=dt.date(2026, 12, 31),
        decided_on=dt.date(2026, 3, 2),
    )
    response = web_client(world.own_worker).get(f"/beschikkingen/{decision.id}/brief/")
    html = response.content.decode()
    assert response.status_code == 200
    assert decision.reason in html
    assert "Mevrouw wil zelf kiezen wie haar helpt." in html
    assert "1 maart 2026 tot en met 31 december 2026" in html
    # Bezwaar: 6 weeks after Monday 2 March 2026 is Monday 13 April 2026.
    assert "uiterlijk op 13 april 2026" in html
    assert "Fatima El Amrani" in html and "1234 AB Teststad" in html
    assert "decisions/print.css" in html and 'media="print"' in html
    entry = last_entry(world.own_worker)
    assert (entry.part, entry.detail, entry.resident_ids) == (
        "beschikkingsbrief",
        {"vorm": "html"},
        [str(world.parent.id)],
    )


def test_bezwaar_date_moves_past_a_holiday(world, categories):
    # 6 weeks after Monday 16 March 2026 is Monday 27 April: King's Day → Tuesday 28 April.
    with time_machine.travel(dt.datetime(2026, 3, 16, 10, tzinfo=dt.UTC), tick=False):
        decision = decide(world, categories, decided_on=dt.date(2026, 3, 16))
    html = web_client(world.own_worker).get(f"/beschikkingen/{decision.id}/brief/").content.decode()
    assert "uiterlijk op 28 april 2026" in html
    assert (
        "dinsdag 28 april 2026"
        in web_client(world.own_worker).get(f"/beschikkingen/{decision.id}/").content.decode()
    )


def test_lifelong_letter_says_no_reassessment(world, decision):
    html = web_client(world.own_worker).get(f"/beschikkingen/{decision.id}/brief/").content.decode()
    assert "Er is geen einddatum." in html and "Dat is geen nieuwe keuring" in html


def test_pdf_letter(world, categories):
    decision = decide(world, categories, reason="Mevrouw kan haar post niet zelf overzien.")
    client = web_client(world.own_worker)
    # The worker makes the PDF: until then the page says so, with a way to look again.
    pending = client.get(f"/beschikkingen/{decision.id}/brief.pdf")
    assert pending.status_code == 202 and pending["Retry-After"] == "5"
    html = pending.content.decode()
    assert "De PDF wordt gemaakt" in html and "Kijk of de PDF klaar is" in html
    assert client.get(f"/beschikkingen/{decision.id}/brief.pdf").status_code == 202
    assert run_queued_tasks() == 1  # queued once, however often it was asked for
    response = client.get(f"/beschikkingen/{decision.id}/brief.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="beschikking-2026-03-02-')
    body = response.content
    assert body.startswith(b"%PDF")
    text = pdf_text(body)
    assert "Mevrouw kan haar post niet zelf overzien." in text
    assert "Bent u het niet eens met dit besluit?" in text
    assert "Uw bezwaar moet uiterlijk op 13 april 2026 bij ons zijn." in text
    assert "Beste Fatima El Amrani," in text
    entry = last_entry(world.own_worker)
    assert (entry.part, entry.detail) == ("beschikkingsbrief", {"vorm": "pdf"})


def _decision_post(world, categories, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "resident": str(world.parent.id),
        "application": "",
        "category": str(categories["hulpmiddel"].id),
        "form": "zin",
        "pgb_motivation": "",
        "start_date": "2026-03-02",
        "end_date": "2027-03-01",
        "reason": "Een rolstoel is nodig om zelf naar buiten te gaan.",
        "provider": "",
        "decided_on": "2026-03-02",
        "contact_interval_months": "12",
        "outcome": "toekenning",
        "legal_ground": "Wmo 2015 art. 2.3.5",
        "volume": "1",
        "unit": "stuk",
        "frequency": "totaal",
    }
    data.update(overrides)
    return data


def test_new_decision_form_saves_and_redirects(world, categories):
    client = web_client(world.own_worker)
    response = client.post(
        f"/beschikkingen/huishouden/{world.household.id}/besluit/", _decision_post(world, categories)
    )
    decision = Decision.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/beschikkingen/{decision.id}/"
    assert decision.category.code == "hulpmiddel" and not decision.lifelong
    assert last_entry(world.own_worker).part == "beschikking"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_date": "2026-03-01"}, "end_date", "De einddatum ligt voor de ingangsdatum."),
        ({"form": "pgb"}, "pgb_motivation", "Bij een pgb is dat verplicht."),
        ({"end_date": ""}, "end_date", "Alleen bij een levenslange of levensbrede beperking"),
        ({"reason": ""}, "reason", "Vul “Waarom dit besluit” in."),
        ({"start_date": "morgen"}, "start_date", "Vul een datum in zoals 17-05-2026."),
    ],
)
def test_new_decision_bad_input_shown_per_field(world, categories, overrides, field, message):
    client = web_client(world.own_worker)
    response = client.post(
        f"/beschikkingen/huishouden/{world.household.id}/besluit/",
        _decision_post(world, categories, **overrides),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error', html)
    assert not Decision.objects.exists() and not Disclosure.objects.exists()


def test_application_form_and_its_term(world):
    client = web_client(world.own_worker)
    url = f"/beschikkingen/huishouden/{world.household.id}/aanvraag/"
    response = client.post(
        url,
        {
            "resident": str(world.parent.id),
            "law": "wmo",
            "received_on": "2026-03-02",
            "category": "",
            "description": "",
        },
    )
    assert response.status_code == 400 and 'id="id_description_error"' in response.content.decode()
    response = client.post(
        url,
        {
            "resident": str(world.parent.id),
            "law": "wmo",
            "received_on": "2026-03-02",
            "category": "",
            "description": "Ik kan niet meer zelf douchen.",
        },
    )
    assert response.status_code == 302
    assert Application.objects.get().due_on == dt.date(2026, 3, 16)
    page = client.get(f"/beschikkingen/huishouden/{world.household.id}/").content.decode()
    assert "16 maart 2026" in page and "Ik kan niet meer zelf douchen." in page


def test_decision_from_an_application_is_preselected(world, categories):
    client = web_client(world.own_worker)
    client.post(
        f"/beschikkingen/huishouden/{world.household.id}/aanvraag/",
        {
            "resident": str(world.child.id),
            "law": "jeugdwet",
            "received_on": "2026-03-02",
            "category": str(categories["jeugdhulp-ambulant"].id),
            "description": "Hulp bij boosheid.",
        },
    )
    application = Application.objects.get()
    html = client.get(
        f"/beschikkingen/huishouden/{world.household.id}/besluit/?aanvraag={application.id}"
    ).content.decode()
    assert f'<option value="{application.id}" selected>' in html
    assert f'<option value="{categories["jeugdhulp-ambulant"].id}" selected>' in html


def test_lifelong_form_and_open_end(world, categories):
    client = web_client(world.own_worker)
    response = client.post(
        f"/beschikkingen/huishouden/{world.household.id}/levenslang/",
        {"resident": str(world.parent.id), "description": "Blijvend", "since": "2026-01-01"},
    )
    assert response.status_code == 302
    response = client.post(
        f"/beschikkingen/huishouden/{world.household.id}/besluit/",
        _decision_post(world, categories, end_date="", contact_interval_months="24"),
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.end_date is None and decision.contact_interval_months == 24
    html = client.get(f"/beschikkingen/{decision.id}/").content.decode()
    assert html.count("contactmoment, geen herindicatie") == 2  # 2028 and 2030 (five-year horizon)


def test_edit_with_a_stale_version_answers_409_and_keeps_the_typed_values(world, categories):
    decision = decide(world, categories)
    client = web_client(world.own_worker)
    form = {
        "version": "1",
        "category": str(decision.category_id),
        "form": "zin",
        "pgb_motivation": "",
        "start_date": "2026-03-01",
        "end_date": "2026-12-31",
        "reason": "Eerste wijziging.",
        "provider": "",
        "decided_on": "2026-03-02",
        "outcome": "toekenning",
        "legal_ground": "Wmo 2015 art. 2.3.5",
        "volume": "3",
        "unit": "uur",
        "frequency": "week",
    }
    assert client.post(f"/beschikkingen/{decision.id}/wijzigen/", form).status_code == 302
    form["reason"] = "Tweede wijziging op een oude versie."
    response = client.post(f"/beschikkingen/{decision.id}/wijzigen/", form)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert "Tweede wijziging op een oude versie." in html
    assert 'name="version" value="2"' in html
    decision.refresh_from_db()
    assert decision.reason == "Eerste wijziging."


def test_contact_done_and_withdraw_pages(world, decision):
    client = web_client(world.own_worker)
    contact = PeriodicContact.objects.filter(decision=decision).order_by("due_on").first()
    assert contact is not None
    response = client.post(
        f"/beschikkingen/contactmomenten/{contact.id}/", {"done_on": "2030-01-01", "note": ""}
    )
    assert response.status_code == 400 and "De datum ligt in de toekomst." in response.content.decode()
    response = client.post(
        f"/beschikkingen/contactmomenten/{contact.id}/", {"done_on": "2026-03-02", "note": "Goed."}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.done_on == dt.date(2026, 3, 2) and contact.done_by == world.own_worker


def test_household_page_runs_a_constant_number_of_queries(world, categories, django_assert_max_num_queries):
    client = web_client(world.own_worker)
    url = f"/beschikkingen/huishouden/{world.household.id}/"
    decide(world, categories)
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for n in range(8):
        resident = f.add_member(world.household, given_names=f"Kind{n}")
        decide(world, categories, resident_id=resident.id, category_id=categories["vervoer"].id)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_worklist_runs_a_constant_number_of_queries(world, categories, django_assert_max_num_queries):
    client = web_client(world.own_worker)
    decide(world, categories, start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 4, 30))
    client.get("/beschikkingen/")
    with django_assert_max_num_queries(30) as few:
        client.get("/beschikkingen/")
    flag(world)
    other = ["vervoer", "hulpmiddel", "woningaanpassing", "dagbesteding", "huishoudelijke-hulp"]
    for n in range(5):
        decide(world, categories, start_date=dt.date(2025, 3, 10 + n), end_date=None)
        decide(
            world,
            categories,
            category_id=categories[other[n]].id,
            start_date=dt.date(2026, 1, 1 + n),
            end_date=dt.date(2026, 5, 1 + n),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/beschikkingen/").content.decode()
    assert html.count('data-kind="contactmoment"') == 5 and html.count('data-kind="einde"') == 1
    # The five decisions of the flagged resident are continued, not warned about (principle 10).
    assert html.count('data-kind="voortzetten"') == 5


def test_start_page_panel_counts_without_names(world, categories):
    decide(world, categories, start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 4, 30))
    html = web_client(world.own_worker).get("/").content.decode()
    assert 'data-panel="decisions-due"' in html
    assert "1 beschikking loopt binnen drie maanden af" in html
    assert 'data-panel="decisions-due"' not in web_client(world.policy).get("/").content.decode()
