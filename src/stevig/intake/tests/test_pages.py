"""Staff pages: register with duplicate warning, question page forms, figures, constant query counts."""

import datetime as dt

import pytest
import time_machine

from stevig.intake import selectors, services
from stevig.intake.models import FirstContact, Question
from stevig.intake.tests.helpers import actor, ask, register
from stevig.patterns.services import refresh
from stevig.testing import factories as f
from stevig.testing.personas import api_client, web_client

pytestmark = pytest.mark.django_db


def _register_form(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "channel": "telefoon",
        "received_on": dt.date.today().isoformat(),
        "kind": "wmo",
        "about_whom": "mijzelf",
        "text": "Mevrouw kan niet meer zelf douchen.",
        "idempotency_key": "r" * 32,
        "phone": "",
        "email": "",
        "location": "",
        "referrer": "",
        "contact_when": "",
    }
    data.update(overrides)
    return data


def test_register_warns_about_likely_duplicates_before_saving(world):
    client = web_client(world.own_worker)
    data = _register_form(
        given_names="Fatima", surname="El Amrani", date_of_birth=world.parent.date_of_birth.isoformat()
    )
    first = client.post("/intake/nieuw/", data)
    assert first.status_code == 200
    html = first.content.decode()
    assert "Let op: deze inwoner is misschien al bekend." in html
    assert "zelfde naam en geboortedatum" in html
    assert not Question.objects.exists()
    # The worker links to the existing household.
    data.update(checked="on", link=f"{world.household.id}:{world.parent.id}")
    second = client.post("/intake/nieuw/", data)
    assert second.status_code == 302, second.context["form"].errors
    question = Question.objects.get()
    assert question.household == world.household and question.resident == world.parent
    assert question.deadlines.count() == 3


def test_register_says_nothing_about_a_file_of_another_team(world):
    """Issue 13 point 6: the page no longer tells that a resident has a file elsewhere (an oracle)."""
    client = web_client(world.other_team_worker)
    html = client.post("/intake/nieuw/", _register_form(bsn="999990019", surname="X")).content.decode()
    assert "ander team" not in html and "misschien al bekend" not in html
    assert "El Amrani" not in html


def test_register_new_household_needs_an_address(world):
    client = web_client(world.own_worker)
    data = _register_form(
        given_names="Piet", surname="Nieuw", date_of_birth="1950-01-01", checked="on", link="nieuw"
    )
    response = client.post("/intake/nieuw/", data)
    assert response.status_code == 400
    assert 'id="id_street_error"' in response.content.decode()
    data.update(street="Kerkstraat", house_number="3", postcode="1235 AB", city="Stevigdam")
    assert client.post("/intake/nieuw/", data).status_code == 302
    assert Question.objects.get().household.street == "Kerkstraat"


def test_register_without_person_and_bad_input_keeps_text(world):
    client = web_client(world.own_worker)
    long_text = "Dit is het verhaal van de inwoner. " * 150  # > 5000
    response = client.post("/intake/nieuw/", _register_form(text=long_text, phone="abc"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Uw vraag is te lang" in html and "Dit telefoonnummer klopt niet" in html
    assert long_text[:300] in html
    assert client.post("/intake/nieuw/", _register_form()).status_code == 302
    assert Question.objects.get().household is None


def test_question_page_forms(world):
    question = register(world, kind="wmo")
    client = web_client(world.own_worker)
    url = f"/intake/vragen/{question.id}/"
    # First contact without the cliëntondersteuning answer: refused, with a field error.
    response = client.post(
        url + "eerste-contact/", {"contact_date": dt.date.today().isoformat(), "channel": "telefoon"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_clientondersteuning_offered_error"' in html
    assert "Geef aan of u gratis cliëntondersteuning heeft aangeboden." in html
    assert not FirstContact.objects.exists()
    response = client.post(
        url + "eerste-contact/",
        {
            "contact_date": dt.date.today().isoformat(),
            "channel": "telefoon",
            "clientondersteuning_offered": "ja",
            "clientondersteuning_accepted": "ja",
        },
    )
    assert response.status_code == 302
    assert FirstContact.objects.get().clientondersteuning_offered is True
    # Triage without reason.
    response = client.post(url + "triage/", {"priority": "spoed", "reason": ""})
    assert response.status_code == 400 and "id_reason_error" in response.content.decode()
    assert (
        client.post(
            url + "triage/", {"priority": "spoed", "reason": "Dreigt te vallen, woont alleen."}
        ).status_code
        == 302
    )
    # Kind.
    question.refresh_from_db()
    assert client.post(url + "soort/", {"kind": "wgs", "version": question.version}).status_code == 302
    # A stale version is a conflict (409, like every other app), and nothing is saved.
    stale = client.post(url + "soort/", {"kind": "wmo", "version": 1})
    assert stale.status_code == 409 and "intussen gewijzigd" in stale.content.decode()
    question.refresh_from_db()
    assert question.kind == "wgs"
    # Deadline met.
    row = question.deadlines.get(clock="WGS_EERSTE_GESPREK")
    assert client.post(url + f"termijnen/{row.id}/gehaald/").status_code == 302
    row.refresh_from_db()
    assert row.met_at is not None
    page = client.get(url).content.decode()
    assert "Cliëntondersteuning is aangeboden." in page
    assert "Dreigt te vallen" in page


def test_link_page(world):
    question = ask(world)
    client = web_client(world.own_worker)
    url = f"/intake/vragen/{question.id}/koppelen/"
    html = client.get(url, {"bsn": "999990019"}).content.decode()
    assert "Fatima" in html
    assert (
        client.post(url, {"household": str(world.household.id), "resident": str(world.parent.id)}).status_code
        == 302
    )
    question.refresh_from_db()
    assert question.household == world.household


def test_link_page_new_household(world):
    question = ask(world)
    client = web_client(world.own_worker)
    url = f"/intake/vragen/{question.id}/koppelen/"
    bad = client.post(url, {"action": "nieuw", "given_names": "Jan"})
    assert bad.status_code == 400 and "nieuw_surname_error" in bad.content.decode()
    good = client.post(
        url,
        {
            "action": "nieuw",
            "given_names": "Jan",
            "surname": "Smit",
            "date_of_birth": "1970-02-02",
            "street": "Laan",
            "house_number": "1",
            "postcode": "1234 AB",
            "city": "Stevigdam",
        },
    )
    assert good.status_code == 302
    question.refresh_from_db()
    assert question.resident.surname == "Smit"


# --- worklist ---------------------------------------------------------------------------------------


def test_worklist_sections_and_days_left(world):
    with time_machine.travel(dt.datetime(2026, 3, 23, 9, tzinfo=dt.UTC), tick=False):  # Monday
        wmo = register(world, kind="wmo")
        services.assign_contact_person(
            actor=actor(world.team_lead), question_id=wmo.id, user_id=world.own_worker.id
        )
    with time_machine.travel(dt.datetime(2026, 3, 31, 9, tzinfo=dt.UTC), tick=False):  # Tuesday, next week
        work = selectors.worklist(actor=actor(world.own_worker), scope="me")
        assert [q.id for q in work.new_questions] == [wmo.id]
        assert [(d.question.id, d.days_left) for d in work.first_contacts_due] == [
            (wmo.id, -1)
        ]  # due Mon 30 March
        due = {row.deadline.clock: row.days_left for row in work.deadlines_due}
        # Receipt was due Tuesday 24 March (7 days ago). The persoonlijk-plan window (until Monday 30
        # March) is the resident's time, not the team's work: it is not on the worklist.
        assert due == {"WMO_RECEIPT": -7}
        assert [row.deadline.clock for row in work.overdue] == ["WMO_RECEIPT"]
        later = {row.deadline.clock: row.days_left for row in work.deadlines_later}
        assert later == {"WMO_ONDERZOEK": 34}  # Monday 4 May 2026
        html = web_client(world.own_worker).get("/intake/?scope=me").content.decode()
        assert "7 dagen te laat" in html and "nog 34 dagen" in html
        api = api_client(world.own_worker).get("/api/v1/intake/worklist", {"scope": "me"}).json()
        assert {d["clock"]: d["days_left"] for d in api["deadlines_due"]} == due
        assert api["first_contacts_due"][0]["days_left"] == -1


def _many_questions(world, n):  # type: ignore[no-untyped-def]
    for i in range(n):
        q = register(
            world, kind="wmo", household_id=world.household.id if i % 2 else None, idempotency_key=f"q{n}-{i}"
        )
        services.triage_question(
            actor=actor(world.own_worker),
            question_id=q.id,
            priority=["spoed", "hoog", "normaal"][i % 3],
            reason="Reden voor deze keuze.",
        )
        if i % 2:
            services.assign_contact_person(
                actor=actor(world.team_lead), question_id=q.id, user_id=world.own_worker.id
            )


@pytest.mark.parametrize(
    ("url", "user"),
    [
        ("/intake/?scope=team", "own_worker"),
        ("/intake/?scope=me", "own_worker"),
        ("/intake/wachtlijst/", "own_worker"),
        ("/api/v1/intake/worklist?scope=team", "api"),
        ("/api/v1/waiting-list", "api"),
        ("/api/v1/questions", "api"),
    ],
)
def test_lists_run_a_constant_number_of_queries(world, url, user, django_assert_max_num_queries):
    client = api_client(world.own_worker) if user == "api" else web_client(world.own_worker)
    _many_questions(world, 2)
    client.get(url)  # warm up (session, token, content types)
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    _many_questions(world, 12)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


# --- figures ----------------------------------------------------------------------------------------


def test_figures_medians_with_small_cell_suppression(world):
    hood = world.team.neighbourhoods.get()
    # Six phone questions contacted after 1..6 days; two via school (suppressed).
    for i, days in enumerate([1, 2, 3, 4, 5, 6]):
        with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False):
            q = register(world, channel="telefoon", postcode="1234 AB", idempotency_key=f"p{i}")
        with time_machine.travel(dt.datetime(2026, 3, 2 + days, 9, tzinfo=dt.UTC), tick=False):
            services.record_first_contact(
                actor=actor(world.own_worker),
                question_id=q.id,
                contact_date=dt.date(2026, 3, 2 + days),
                channel="telefoon",
                clientondersteuning_offered=i != 0,
                note="Was al geregeld" if i == 0 else "",
            )
    for i in range(2):
        with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False):
            q = register(world, channel="school", idempotency_key=f"s{i}")
            services.record_first_contact(
                actor=actor(world.own_worker),
                question_id=q.id,
                contact_date=dt.date(2026, 3, 2),
                channel="telefoon",
                clientondersteuning_offered=True,
            )
    with time_machine.travel(dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC), tick=False):
        overdue = register(world, kind="wmo", received_on=dt.date(2026, 3, 2), idempotency_key="o")
        refresh(municipality_id=world.municipality.id)  # the background job fills the summary tables
        figures = selectors.intake_figures(
            actor=actor(world.policy), start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31)
        )
    by_channel = {g.group: g for g in figures.first_contact_by_channel}
    # 6 by phone and 2 via school: the total of 8 beside the 6 would give the 2 away, so the 6 or the
    # total is hidden (the whole year is one table with the quarters as columns, so the year's totals
    # count too; in both breakdowns: per neighbourhood it is the same 8).
    assert by_channel["telefoon"].median_days == 3.5
    assert by_channel["telefoon"].questions is None or figures.first_contacts is None
    assert by_channel["via school"].display == "<5"
    assert by_channel["via school"].suppressed and by_channel["via school"].median_days is None
    assert by_channel["via school"].questions is None
    by_hood = {g.group: g for g in figures.first_contact_by_neighbourhood}
    assert by_hood[hood.name].median_days == 3.5
    assert by_hood["onbekend"].suppressed  # the two school questions had no postcode
    assert figures.first_contacts_display in ("x", "8") and by_channel["telefoon"].display in ("x", "6")
    assert figures.clientondersteuning_offered_share is None  # a share over 8 is not shown
    # The Wmo receipt (24 March? no: 3 March) and plan (9 March) of the overdue question are late on 20 March.
    # The persoonlijk-plan window is the resident's, never overdue work.
    assert {c.clock: c.display for c in figures.overdue_deadlines} == {"WMO_RECEIPT": "<5"}
    assert figures.overdue_total_display == "<5"
    assert overdue.reference not in str(figures)


def test_figures_bad_dates(world):
    response = api_client(world.policy).get(
        "/api/v1/intake/figures", {"start": "2026-04-01", "end": "2026-03-01"}
    )
    assert response.status_code == 400
    assert api_client(world.policy).get("/api/v1/intake/figures", {"start": "gisteren"}).status_code == 400


def test_teamleader_figures_only_own_team(world):
    for i in range(5):
        q = register(world, user=world.other_team_worker, idempotency_key=f"z{i}")
        services.record_first_contact(
            actor=actor(world.other_team_worker),
            question_id=q.id,
            contact_date=dt.date.today(),
            channel="telefoon",
            clientondersteuning_offered=True,
        )
    refresh(municipality_id=world.municipality.id)
    own = selectors.intake_figures(actor=actor(world.team_lead))
    assert own.first_contacts == 0 and own.team == "Team Noord"
    municipality = selectors.intake_figures(actor=actor(world.policy))
    assert municipality.first_contacts == 5


def test_other_municipality_questions_never_mix(world):
    other_team = f.TeamFactory(municipality=world.other_municipality)
    assert other_team  # the personas already gave Anderdorp a team; questions stay in their own tenant
    q = ask(world, municipality=world.other_municipality, postcode="")
    assert q.team.municipality == world.other_municipality
    assert not selectors.questions_visible_to(world.own_worker).filter(id=q.id).exists()


def test_persoonlijk_plan_window_is_the_residents_time_not_overdue_work(world):
    """Wmo 2015 art. 2.3.2 lid 2: a melding of Monday 23 March 2026 gives the resident until Monday 30 March
    to hand in a plan. On 31 March the question page says the resident's time is over; nothing is 'te laat'."""
    with time_machine.travel(dt.datetime(2026, 3, 23, 9, tzinfo=dt.UTC), tick=False):
        wmo = register(world, kind="wmo")
    with time_machine.travel(dt.datetime(2026, 3, 31, 9, tzinfo=dt.UTC), tick=False):
        file = selectors.question_detail(actor=actor(world.own_worker), question_id=wmo.id)
        plan = next(row for row in file.deadlines if row.deadline.clock == "WMO_PERSOONLIJK_PLAN")
        assert plan.resident_window and not plan.overdue
        html = web_client(world.own_worker).get(f"/intake/vragen/{wmo.id}/").content.decode()
        assert "tijd van de inwoner is voorbij" in html


def test_figures_only_for_a_whole_quarter_or_year(world):
    """Two free ranges that differ by a few days would show a small group as their difference."""
    client = api_client(world.policy)
    response = client.get("/api/v1/intake/figures", {"start": "2026-01-01", "end": "2026-03-20"})
    assert response.status_code == 400 and "periode" in response.json()["errors"]
    assert (
        client.get("/api/v1/intake/figures", {"start": "2026-01-01", "end": "2026-03-31"}).status_code == 200
    )
