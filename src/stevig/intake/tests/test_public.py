"""The public pages and endpoint: no login, plain language, idempotent, honeypot, rate limit, bad input."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.hashers import check_password
from django.test import Client

from stevig.audit.models import AccessLogEntry
from stevig.intake import services
from stevig.intake.models import LegalDeadline, Question
from stevig.tenancy.models import Location, OpeningHours
from stevig.testing.readability import readability

pytestmark = pytest.mark.django_db

ASK = "/hulp-vragen/"
WHERE = "/waar-vind-ik-het-team/"
API = "/api/v1/public/questions"


def _form(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "text": "Mijn moeder woont alleen. Zij valt vaak. Wie kan helpen?",
        "about_whom": "iemand_anders",
        "topic": "wmo",
        "contact_methods": ["telefoon"],
        "contact_when": "Na 3 uur",
        "name": "Sara",
        "phone": "06 12345678",
        "email": "",
        "postcode": "1234 AB",
        "website": "",
        "idempotency_key": "f" * 32,
    }
    data.update(overrides)
    return data


def test_ask_page_is_public_and_plain(world):
    response = Client().get(ASK)
    assert response.status_code == 200
    html = response.content.decode()
    assert "cliëntondersteuner" in html  # free independent support is explained
    assert "bezwaar" in html and "klacht" in html  # how to complain or object
    assert 'name="website"' in html and 'tabindex="-1"' in html  # honeypot, out of the tab order
    assert "captcha" not in html.lower()
    assert readability(html) >= 60


def test_sending_a_question_gives_a_reference_and_a_date(world):
    with time_machine.travel(dt.datetime(2026, 3, 27, 10, tzinfo=dt.UTC), tick=False):
        client = Client()
        response = client.post(ASK, _form())
        assert response.status_code == 302
        page = client.get(response["Location"])
    html = page.content.decode()
    question = Question.objects.get()
    assert question.reference in html
    assert re.fullmatch(r"HV-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}", question.reference)
    # Five working days after Friday 27 March 2026, skipping Good Friday and Easter Monday: Monday 6 -> 7 April.
    assert question.first_contact_due == dt.date(2026, 4, 7)
    assert "7 april" in html
    assert question.text == _form()["text"]
    assert question.team == world.team  # postcode 1234 is in Noord
    assert question.channel == "online" and question.kind == "wmo"
    assert question.household is None  # a public question is never matched to a file
    assert readability(html) >= 60
    # No staff actor: a resident's own question writes no access-log row.
    assert not AccessLogEntry.objects.exists()


def test_double_click_creates_one_question(world):
    client = Client()
    first = client.post(ASK, _form())
    second = client.post(ASK, _form())
    assert first.status_code == second.status_code == 302
    assert Question.objects.count() == 1


def test_confirmation_shows_a_secret_code_stored_only_as_a_hash(world):
    client = Client()
    client.post(ASK, _form())
    html = client.get("/hulp-vragen/verstuurd/").content.decode()
    secret = re.search(r'data-testid="secret">([^<]+)<', html).group(1)
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", secret)
    question = Question.objects.get()
    assert secret not in question.follow_secret_hash
    assert check_password(secret.replace("-", ""), question.follow_secret_hash)
    # A double click answers with the same question and keeps the code the resident saw.
    client.post(ASK, _form())
    again = client.get("/hulp-vragen/verstuurd/").content.decode()
    assert secret in again
    question.refresh_from_db()
    assert check_password(secret.replace("-", ""), question.follow_secret_hash)
    assert readability(html) >= 60


def test_secret_code_is_typed_freely(world):
    assert services.normalise_follow_secret(" k7pm-q2xr 9htd ") == "K7PMQ2XR9HTD"


def test_honeypot_answers_like_success_but_stores_nothing(world):
    response = Client().post(ASK, _form(website="http://spam.example"))
    assert response.status_code == 200
    assert "Uw code is" in response.content.decode()
    assert not Question.objects.exists()


def test_confirmation_page_only_for_the_sender(world):
    Client().post(ASK, _form())
    response = Client().get("/hulp-vragen/verstuurd/")
    assert response.status_code == 302
    assert response["Location"].endswith(ASK)


def test_anonymous_question_gets_advice_only(world):
    client = Client()
    client.post(ASK, _form(name="", phone="", email="", contact_methods=[], topic="wmo"))
    question = Question.objects.get()
    assert question.first_contact_due is None
    assert question.kind == "algemeen" and question.resident_topic == "wmo"
    assert not LegalDeadline.objects.filter(question=question).exists()
    html = client.get("/hulp-vragen/verstuurd/").content.decode()
    assert "alleen advies" in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"text": ""}, "text", "Schrijf uw vraag op."),
        ({"text": "   "}, "text", "Schrijf uw vraag op."),
        ({"text": "a" * 5001}, "text", "Uw vraag is te lang"),
        ({"email": "naam@", "contact_methods": ["email"]}, "email", "Dit e-mailadres klopt niet"),
        ({"phone": "12345"}, "phone", "Dit telefoonnummer klopt niet"),
        ({"postcode": "12345"}, "postcode", "Vul een postcode in zoals 1234 AB."),
        ({"phone": "", "contact_methods": ["telefoon"]}, "phone", "Vul dan uw telefoonnummer in."),
    ],
)
def test_bad_input_shows_field_errors_and_keeps_the_text(world, overrides, field, message):
    long_story = "Dit is mijn verhaal. " * 40
    data = _form(text=long_story, **{k: v for k, v in overrides.items() if k != "text"})
    if "text" in overrides:
        data["text"] = overrides["text"]
    response = Client().post(ASK, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error', html), "the error is linked to the field"
    assert 'aria-invalid="true"' in html
    # The typed story stays on the page.
    kept = data["text"] if data["text"].strip() else ""
    assert (kept[:200] in html) if kept else True
    assert not Question.objects.exists()
    assert readability(html) >= 60


def test_form_flood_is_refused_with_a_plain_message(world, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"public_question": "3/hour"},
    }
    client = Client()
    for n in range(3):
        assert client.post(ASK, _form(idempotency_key=f"k{n}")).status_code == 302
    response = client.post(ASK, _form(idempotency_key="k4"))
    assert response.status_code == 429
    assert (
        "U heeft veel vragen achter elkaar gestuurd. Probeer het over een uur opnieuw."
        in response.content.decode()
    )
    assert Question.objects.count() == 3
    # Another address is not affected.
    assert Client(REMOTE_ADDR="10.9.9.9").post(ASK, _form(idempotency_key="k5")).status_code == 302


def test_public_api_is_idempotent(world):
    client = Client()
    body = {
        "text": "Ik heb schulden. De huur is te laat.",
        "topic": "wgs",
        "eviction_or_cutoff_threat": True,
        "phone": "0612345678",
    }
    first = client.post(API, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="abc-123")
    second = client.post(API, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="abc-123")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Question.objects.count() == 1
    question = Question.objects.get()
    assert first.json()["reference"] == question.reference
    assert LegalDeadline.objects.get(question=question).clock == "WGS_EERSTE_GESPREK_SPOED"
    other = client.post(API, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="abc-124")
    assert other.status_code == 201 and Question.objects.count() == 2


def test_public_api_bad_input(world):
    client = Client()
    response = client.post(
        API, {"text": "", "email": "x@", "phone": "abc", "postcode": "1234"}, content_type="application/json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) >= {"text", "email", "phone", "postcode"}
    assert (
        client.post(API, {"text": "x" * 5001}, content_type="application/json")
        .json()["errors"]["text"][0]
        .startswith("Uw vraag is te lang")
    )
    assert (
        client.post(
            API,
            {"text": "Hallo"},
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="bad key with spaces",
        ).status_code
        == 400
    )
    assert not Question.objects.exists()


def test_public_api_flood_gets_429(world, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"public_question": "2/hour"},
    }
    client = Client()
    for _ in range(2):
        assert (
            client.post(
                API, {"text": "Hallo, ik heb een vraag."}, content_type="application/json"
            ).status_code
            == 201
        )
    response = client.post(API, {"text": "Hallo, ik heb een vraag."}, content_type="application/json")
    assert response.status_code == 429
    assert (
        response.json()["detail"]
        == "U heeft veel vragen achter elkaar gestuurd. Probeer het over een uur opnieuw."
    )


def test_public_answer_never_reveals_whether_a_person_is_known(world):
    """Asking with the name and address of a known resident gives the same answer as an unknown one."""
    client = Client()
    known = client.post(
        API,
        {"text": "Hulp nodig", "name": "Fatima El Amrani", "postcode": "1234 AB", "phone": "0612345678"},
        content_type="application/json",
    ).json()
    unknown = client.post(
        API,
        {"text": "Hulp nodig", "name": "Niemand Onbekend", "postcode": "1234 AB", "phone": "0612345678"},
        content_type="application/json",
    ).json()
    assert set(known) == set(unknown)
    assert {k: v for k, v in known.items() if k not in ("reference", "received_at")} == {
        k: v for k, v in unknown.items() if k not in ("reference", "received_at")
    }
    assert not Question.objects.filter(household__isnull=False).exists()


def test_gemeente_parameter_chooses_the_municipality(world):
    team = world.other_municipality  # Anderdorp has its own team from the personas
    Client().post(ASK + "?gemeente=GM9002", _form(postcode=""))
    question = Question.objects.get()
    assert question.municipality == team
    assert question.team.municipality == team


def test_gemeente_parameter_on_the_api_chooses_the_municipality(world):
    response = Client().post(
        API + "?gemeente=gm9002", {"text": "Hallo, ik heb een vraag."}, "application/json"
    )
    assert response.status_code == 201
    assert Question.objects.get().municipality == world.other_municipality


@pytest.mark.parametrize("path", [API, "/api/v1/mijn/volgen"], ids=["public-question", "follow"])
@pytest.mark.parametrize("code", ["GM0000", "Stevigdam", ""])
def test_an_unknown_gemeente_on_the_api_is_a_400_naming_it(world, path, code):
    """It used to fall back silently to the installation's municipality: a resident's question landed
    with a municipality he did not choose."""
    body = {"text": "Hallo, ik heb een vraag.", "reference": "V-2026-0001", "secret": "ABCD2345"}
    response = Client().post(f"{path}?gemeente={code}", body, "application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert list(response.json()["errors"]) == ["gemeente"]
    assert not Question.objects.exists()


# --- Waar vind ik het team? ------------------------------------------------------------------------


def _locations(world):  # type: ignore[no-untyped-def]
    north = world.team.neighbourhoods.get()
    school = Location.objects.create(
        municipality=world.municipality,
        name="Basisschool De Linde",
        kind="school",
        street="Lindelaan",
        house_number="2",
        postcode="1234 AC",
        city="Stevigdam",
        neighbourhood=north,
        accessibility_notes="Ingang zonder drempel.",
    )
    library = Location.objects.create(
        municipality=world.municipality,
        name="Bibliotheek Noord",
        kind="bibliotheek",
        team=world.team,
        accessibility_notes="Lift aanwezig.",
    )
    south = Location.objects.create(
        municipality=world.municipality, name="Buurthuis Zuid", kind="buurthuis", team=world.other_team
    )
    # 2 March 2026 is a Monday (weekday 0): the library is open on Mondays, the school on Wednesdays.
    OpeningHours.objects.create(
        municipality=world.municipality, location=library, weekday=0, opens=dt.time(9), closes=dt.time(12)
    )
    OpeningHours.objects.create(
        municipality=world.municipality, location=school, weekday=2, opens=dt.time(8, 30), closes=dt.time(10)
    )
    return school, library, south


def test_where_lists_the_team_locations_open_today_first(world):
    _locations(world)
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), tick=False):
        response = Client().get(WHERE, {"postcode": "1234 ab"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Bibliotheek Noord") < html.index("Basisschool De Linde")  # open today first
    assert "Buurthuis Zuid" not in html
    assert "Ingang zonder drempel." in html and "Lift aanwezig." in html
    assert "09.00 tot 12.00 uur" in html
    assert readability(html) >= 60
    with time_machine.travel(dt.datetime(2026, 3, 4, 10, tzinfo=dt.UTC), tick=False):  # a Wednesday
        html = Client().get(WHERE, {"postcode": "1234AB"}).content.decode()
    assert html.index("Basisschool De Linde") < html.index("Bibliotheek Noord")


def test_where_by_neighbourhood(world):
    _locations(world)
    south = world.other_team.neighbourhoods.get()
    html = Client().get(WHERE, {"wijk": str(south.id)}).content.decode()
    assert "Buurthuis Zuid" in html and "Bibliotheek Noord" not in html


@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("12AB", "Vul een postcode in zoals 1234 AB."),
        ("9999 ZZ", "Deze postcode hoort niet bij een wijk van deze gemeente."),
    ],
)
def test_where_bad_postcode(world, postcode, message):
    response = Client().get(WHERE, {"postcode": postcode})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'value="{postcode}"' in html
    assert 'aria-describedby="id_postcode_helptext id_postcode_error"' in html or "id_postcode_error" in html
    assert readability(html) >= 60


def test_where_page_plain_language_without_search(world):
    response = Client().get(WHERE)
    assert response.status_code == 200
    assert readability(response.content.decode()) >= 60


def test_an_urgent_ground_gets_the_urgent_promise_with_the_municipality_phone(world):
    """Wgs art. 4a lid 2: eviction or cut-off threatens → first conversation within 3 working days. The
    resident ticks it without choosing a topic; the question arrives as spoed, with the Wgs clock."""
    world.municipality.phone = "088 123 45 00"
    world.municipality.save()
    # Thursday 26 November 2026 → 3 working days: Friday, Monday, Tuesday 1 December.
    with time_machine.travel(dt.datetime(2026, 11, 26, 10, tzinfo=dt.UTC), tick=False):
        client = Client()
        response = client.post(ASK, _form(topic="", eviction_or_cutoff_threat="on"))
        assert response.status_code == 302
        page = client.get(response["Location"])
    question = Question.objects.get()
    assert question.kind == "wgs" and question.priority == "spoed" and question.priority_rank == 0
    assert question.first_contact_due == dt.date(2026, 12, 1)
    assert LegalDeadline.objects.filter(question=question, clock__icontains="spoed").exists()
    html = page.content.decode()
    assert "binnen 3 werkdagen" in html and "1 december" in html
    assert "088 123 45 00" in html
