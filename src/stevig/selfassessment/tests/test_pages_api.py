"""Pages and API of the self-assessment: personas per page and endpoint, a round from start to results,
bad input (a score outside the scale, nothing half-saved), 409 on concurrent edits, the improvement
action on its owner's worklist, the CSV equal to the page, constant queries for the list."""

import csv
import datetime as dt
import io
import re

import pytest
import time_machine

from stevig.selfassessment import services
from stevig.selfassessment.models import Answer, ImprovementAction, Participant, Round, Statement
from stevig.selfassessment.tests.conftest import actor, all_levels
from stevig.testing.personas import PERSONAS, api_client, web_client

ALLOWED = {"policy", "team_lead", "coordinator", "own_worker", "colleague", "other_team_worker"}


def fill(round_, world, levels=(2, 1, 3)) -> None:  # type: ignore[no-untyped-def]
    lead, worker, partner = (
        Participant.objects.get(round=round_, user=world.team_lead),
        Participant.objects.get(round=round_, user=world.own_worker),
        Participant.objects.get(round=round_, user__isnull=True),
    )
    for who, p, level in (
        (world.team_lead, lead, levels[0]),
        (world.own_worker, worker, levels[1]),
        (world.policy, partner, levels[2]),
    ):
        services.save_answers(
            actor=actor(who), round_id=round_.id, participant_id=p.id, answers=all_levels(level)
        )


def test_a_round_from_start_to_results_with_the_previous_round(world, round_) -> None:
    fill(round_, world, (1, 1, 1))
    services.close_round(actor=actor(world.policy), round_id=round_.id, expected_version=round_.version)
    with time_machine.travel(dt.datetime(2027, 1, 10, 9, tzinfo=dt.UTC)):
        second = services.start_round(actor=actor(world.policy), title="Najaar", period="2026-K4")
    services.add_participant(
        actor=actor(world.policy), round_id=second.id, group="team", user_id=world.own_worker.pk
    )
    p = Participant.objects.get(round=second)
    answers = all_levels(3)
    first_of_4 = Statement.objects.get(principle__number=4, order=1).id
    answers[first_of_4] = 2
    services.save_answers(
        actor=actor(world.own_worker), round_id=second.id, participant_id=p.id, answers=answers
    )
    page = web_client(world.policy).get(f"/zelfevaluatie/{second.id}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and 'id="radar-tekst"' in html and "<polygon" in html and "stroke-dasharray" in html
    assert "Vergeleken met de vorige ronde: Voorjaar 2026" in html
    # SVG coordinates with a decimal point, never localised ("284,9" would draw nothing).
    assert re.search(r'<line x1="280" y1="280" x2="280\.0" y2="110\.0"', html)
    assert not re.search(r'(x|y|x2|y2)="\d+,\d', html)
    # Principle 4: (2 + 3) / 2 = 2.5 now, 1.0 before → +1.5; the others 3.0 vs 1.0 → +2.0.
    assert "2,5 (volledig)" in html and "+1,5" in html and "+2,0" in html
    # All 13 indicators, each with how and over which period.
    assert html.count("Hoe berekend?") == 13 and html.count("Periode: kwartaal 4 van 2026.</p>") == 13
    body = api_client(world.team_lead).get(f"/api/v1/self-assessment/rounds/{second.id}").json()
    assert [r["number"] for r in body["principles"]] == list(range(1, 14))
    four = body["principles"][3]
    assert four["score"]["mean"] == 2.5 and four["previous"]["mean"] == 1.0 and four["difference"] == "+1,5"
    assert body["previous_round"]["id"] == str(round_.id)


def test_csv_is_exactly_the_table_of_the_page(world, round_) -> None:
    fill(round_, world)
    response = web_client(world.policy).get(f"/zelfevaluatie/{round_.id}/export.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0][:2] == ["principe", "score"] and len(rows) == 14
    api = api_client(world.policy).get(f"/api/v1/self-assessment/rounds/{round_.id}").json()
    for row, principle in zip(rows[1:], api["principles"], strict=True):
        assert row[1] == principle["score"]["display"] == "2,0 (grotendeels)"
        assert row[2:5] == [principle["by_group"][g]["display"] for g in ("team", "management", "partners")]
        assert row[7] == principle["indicator"]["label"]


def test_a_score_outside_the_scale_is_refused_and_nothing_is_saved(world, round_) -> None:
    worker = Participant.objects.get(round=round_, user=world.own_worker)
    answers = all_levels(2)
    some = next(iter(answers))
    answers[some] = 7
    client = api_client(world.own_worker)
    url = f"/api/v1/self-assessment/rounds/{round_.id}/participants/{worker.id}/answers"
    bad = client.put(
        url, {"answers": [{"statement": k, "level": v} for k, v in answers.items()]}, format="json"
    )
    assert bad.status_code == 400 and f"stelling_{some}" in bad.json()["errors"]
    assert not Answer.objects.filter(participant=worker).exists()
    # By name works; a missing statement is an error at that statement.
    answers[some] = "volledig"
    ok = client.put(
        url, {"answers": [{"statement": k, "level": v} for k, v in answers.items()]}, format="json"
    )
    assert ok.status_code == 200 and Answer.objects.filter(participant=worker).count() == len(answers)
    # The page: a value outside the scale is a field error in Dutch, status 400.
    page = web_client(world.own_worker).post(
        f"/zelfevaluatie/{round_.id}/invullen/{worker.id}/",
        {f"stelling_{k}": "2" for k in answers} | {f"stelling_{some}": "9"},
    )
    assert (
        page.status_code == 400 and "Kies niet, beginnend, grotendeels of volledig." in page.content.decode()
    )
    assert Answer.objects.get(participant=worker, statement_id=some).level == 3


def test_who_fills_in_what(world, round_) -> None:
    worker = Participant.objects.get(round=round_, user=world.own_worker)
    partner = Participant.objects.get(round=round_, user__isnull=True)
    url = f"/zelfevaluatie/{round_.id}/invullen/"
    # Only the participant themself; policy only for a partner; nobody else.
    assert web_client(world.own_worker).get(f"{url}{worker.id}/").status_code == 200
    assert web_client(world.colleague).get(f"{url}{worker.id}/").status_code == 403
    assert web_client(world.policy).get(f"{url}{worker.id}/").status_code == 403
    assert web_client(world.policy).get(f"{url}{partner.id}/").status_code == 200
    assert web_client(world.own_worker).get(f"{url}{partner.id}/").status_code == 403
    # A worker who does not take part does not see the round at all; management does.
    assert web_client(world.colleague).get(f"/zelfevaluatie/{round_.id}/").status_code == 404
    assert web_client(world.coordinator).get(f"/zelfevaluatie/{round_.id}/").status_code == 200
    # Another municipality: not found.
    assert (
        api_client(world.other_municipality_worker)
        .get(f"/api/v1/self-assessment/rounds/{round_.id}")
        .status_code
        == 404
    )


def test_improvement_action_on_the_owners_worklist_and_status_with_409(world, round_) -> None:
    due = dt.date.today() + dt.timedelta(days=20)
    response = api_client(world.policy).post(
        f"/api/v1/self-assessment/rounds/{round_.id}/actions",
        {
            "principle": 4,
            "description": "Elk kwartaal een knelpuntenoverleg.",
            "owner": str(world.team_lead.pk),
            "due_on": due.isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201
    action = ImprovementAction.objects.get()
    worklist = api_client(world.team_lead).get("/api/v1/worklist?scope=mine").json()
    items = worklist.get("results", worklist.get("items", worklist))
    assert any("knelpuntenoverleg" in i["title"] and i["due"] == due.isoformat() for i in items)
    home = web_client(world.team_lead).get("/").content.decode()
    assert "knelpuntenoverleg" in home  # the team lead's start page shows the team's worklist
    services.add_action(
        actor=actor(world.policy),
        round_id=round_.id,
        principle_number=8,
        description="Register nalopen.",
        owner_id=world.policy.pk,
        due_on=due,
    )
    assert "Register nalopen." in web_client(world.policy).get("/").content.decode()  # policy: a panel
    # Someone else's worklist does not have it.
    other = api_client(world.coordinator).get("/api/v1/worklist?scope=mine").json()
    assert "knelpuntenoverleg" not in str(other)
    # The owner moves it on; a stale version is a 409; another user may not.
    url = f"/api/v1/self-assessment/actions/{action.id}"
    assert (
        api_client(world.team_lead).patch(url, {"status": "bezig", "version": 1}, format="json").status_code
        == 200
    )
    assert (
        api_client(world.team_lead).patch(url, {"status": "klaar", "version": 1}, format="json").status_code
        == 409
    )
    assert (
        api_client(world.coordinator).patch(url, {"status": "klaar", "version": 2}, format="json").status_code
        == 403
    )
    assert (
        api_client(world.team_lead).patch(url, {"status": "half", "version": 2}, format="json").status_code
        == 400
    )
    page = web_client(world.team_lead).post(
        f"/zelfevaluatie/acties/{action.id}/stand/",
        {f"{action.id}-status": "klaar", f"{action.id}-version": "1"},
    )
    assert page.status_code == 409
    done = web_client(world.team_lead).post(
        f"/zelfevaluatie/acties/{action.id}/stand/",
        {f"{action.id}-status": "klaar", f"{action.id}-version": "2"},
    )
    assert done.status_code == 302
    # PATCH is partial: sending only the version changes nothing and is no error; no version is a 400.
    unchanged = api_client(world.team_lead).patch(url, {"version": 3}, format="json")
    assert unchanged.status_code == 200 and unchanged.json()["status"] == "klaar"
    assert api_client(world.team_lead).patch(url, {"status": "bezig"}, format="json").status_code == 400
    assert "knelpuntenoverleg" not in str(
        api_client(world.team_lead).get("/api/v1/worklist?scope=mine").json()
    )
    # Bad input for a new action: every field gets its Dutch message, nothing saved.
    bad = web_client(world.policy).post(
        f"/zelfevaluatie/{round_.id}/acties/",
        {"principle": "", "description": "", "owner": "", "due_on": "gisteren"},
    )
    assert bad.status_code == 400 and ImprovementAction.objects.count() == 2
    assert "Kies een datum" in bad.content.decode() or "datum" in bad.content.decode()


def test_closing_twice_with_the_same_version_is_a_conflict_and_a_closed_round_takes_no_scores(
    world, round_
) -> None:
    fill(round_, world)
    client = api_client(world.policy)
    assert (
        client.post(
            f"/api/v1/self-assessment/rounds/{round_.id}/close", {"version": 1}, format="json"
        ).status_code
        == 200
    )
    assert (
        client.post(
            f"/api/v1/self-assessment/rounds/{round_.id}/close", {"version": 1}, format="json"
        ).status_code
        == 400
    )
    round_.refresh_from_db()
    assert round_.status == "afgesloten"
    worker = Participant.objects.get(round=round_, user=world.own_worker)
    with pytest.raises(Exception, match="afgesloten"):
        services.save_answers(
            actor=actor(world.own_worker), round_id=round_.id, participant_id=worker.id, answers=all_levels(0)
        )


def test_close_conflict_409(world, round_) -> None:
    fill(round_, world)
    Round.objects.filter(id=round_.id).update(version=5)
    assert (
        api_client(world.policy)
        .post(f"/api/v1/self-assessment/rounds/{round_.id}/close", {"version": 1}, format="json")
        .status_code
        == 409
    )
    assert (
        web_client(world.policy).post(f"/zelfevaluatie/{round_.id}/afsluiten/", {"version": "1"}).status_code
        == 409
    )


def test_bad_round_input(world) -> None:
    response = web_client(world.policy).post("/zelfevaluatie/nieuw/", {"title": "Ronde", "period": "2026-05"})
    html = response.content.decode()
    assert response.status_code == 400 and "Kies een kwartaal" in html and Round.objects.count() == 0
    api = api_client(world.policy).post(
        "/api/v1/self-assessment/rounds", {"title": "X", "period": "vorig jaar"}, format="json"
    )
    assert api.status_code == 400 and "period" in api.json()["errors"]


def test_the_round_list_runs_a_constant_number_of_queries(world, django_assert_max_num_queries) -> None:
    for i in range(3):
        services.start_round(actor=actor(world.policy), title=f"Ronde {i}", period="2026")
    client = api_client(world.policy)
    client.get("/api/v1/self-assessment/rounds")
    with django_assert_max_num_queries(12) as few:
        client.get("/api/v1/self-assessment/rounds")
    for i in range(3, 20):
        services.start_round(actor=actor(world.policy), title=f"Ronde {i}", period="2026")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/api/v1/self-assessment/rounds").json()["results"]) == 20


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_and_endpoint_by_persona(world, round_, persona) -> None:
    user = getattr(world, persona)
    web, api = web_client(user), api_client(user)
    partner = Participant.objects.get(round=round_, user__isnull=True)
    action = services.add_action(
        actor=actor(world.policy),
        round_id=round_.id,
        principle_number=1,
        description="Folder in B1.",
        owner_id=world.policy.pk,
        due_on=dt.date.today(),
    )
    codes = {
        "index": web.get("/zelfevaluatie/").status_code,
        "start": web.post("/zelfevaluatie/nieuw/", {"title": "Nieuw", "period": "2026"}).status_code,
        "round": web.get(f"/zelfevaluatie/{round_.id}/").status_code,
        "participant": web.post(
            f"/zelfevaluatie/{round_.id}/deelnemers/", {"group": "partners", "name": "Buurtteam"}
        ).status_code,
        "fill_in": web.get(f"/zelfevaluatie/{round_.id}/invullen/{partner.id}/").status_code,
        "action": web.post(
            f"/zelfevaluatie/{round_.id}/acties/",
            {
                "principle": "1",
                "description": "Iets",
                "owner": str(world.policy.pk),
                "due_on": dt.date.today().isoformat(),
            },
        ).status_code,
        "close": web.post(f"/zelfevaluatie/{round_.id}/afsluiten/", {"version": "99"}).status_code,
        "csv": web.get(f"/zelfevaluatie/{round_.id}/export.csv").status_code,
        "status": web.post(
            f"/zelfevaluatie/acties/{action.id}/stand/",
            {f"{action.id}-status": "bezig", f"{action.id}-version": "1"},
        ).status_code,
        "api_instrument": api.get("/api/v1/self-assessment/instrument").status_code,
        "api_rounds": api.get("/api/v1/self-assessment/rounds").status_code,
        "api_start": api.post(
            "/api/v1/self-assessment/rounds", {"title": "Api", "period": "2026"}, format="json"
        ).status_code,
        "api_round": api.get(f"/api/v1/self-assessment/rounds/{round_.id}").status_code,
        "api_participant": api.post(
            f"/api/v1/self-assessment/rounds/{round_.id}/participants",
            {"group": "partners", "name": "Wijkteam"},
            format="json",
        ).status_code,
        "api_answers": api.put(
            f"/api/v1/self-assessment/rounds/{round_.id}/participants/{partner.id}/answers",
            {"answers": []},
            format="json",
        ).status_code,
        "api_close": api.post(
            f"/api/v1/self-assessment/rounds/{round_.id}/close", {"version": 99}, format="json"
        ).status_code,
        "api_round_action": api.post(
            f"/api/v1/self-assessment/rounds/{round_.id}/actions",
            {
                "principle": 1,
                "description": "Iets",
                "owner": str(world.policy.pk),
                "due_on": dt.date.today().isoformat(),
            },
            format="json",
        ).status_code,
        "api_actions": api.get("/api/v1/self-assessment/actions").status_code,
        "api_action": api.patch(
            f"/api/v1/self-assessment/actions/{action.id}", {"status": "bezig", "version": 1}, format="json"
        ).status_code,
    }
    if persona == "policy":
        assert codes == {
            "index": 200,
            "start": 302,
            "round": 200,
            "participant": 302,
            "fill_in": 200,
            "action": 302,
            "close": 400,
            "csv": 200,
            "status": 302,
            "api_instrument": 200,
            "api_rounds": 200,
            "api_start": 201,
            "api_round": 200,
            "api_participant": 201,
            "api_answers": 400,
            "api_close": 400,
            "api_round_action": 201,
            "api_actions": 200,
            "api_action": 409,
        }
        return
    if persona not in ALLOWED:
        # Roles with no part in it (vakafdeling, beheer, privacy) and another municipality: refused.
        expected_other = 404 if persona == "other_municipality_worker" else 403
        for key, code in codes.items():
            if persona == "other_municipality_worker" and key in (
                "index",
                "api_instrument",
                "api_rounds",
                "api_actions",
            ):
                assert code == 200, key  # their own municipality's (empty) self-assessment
                continue
            if persona == "other_municipality_worker" and key in (
                "start",
                "api_start",
                "participant",
                "api_participant",
                "action",
                "api_round_action",
                "close",
                "api_close",
            ):
                assert code in (403, 404), key
                continue
            assert code in (expected_other, 403, 404), (key, code)
        return
    # Management and workers: no organising (403); a worker outside the round does not find it (404).
    for key in (
        "start",
        "api_start",
        "participant",
        "api_participant",
        "action",
        "api_round_action",
        "close",
        "api_close",
    ):
        assert codes[key] in (403, 404), (key, codes[key])
    assert codes["fill_in"] == 403 and codes["api_answers"] == 403
    assert codes["status"] == 403 and codes["api_action"] == 403  # not the owner
    sees_round = persona in ("team_lead", "coordinator", "own_worker")
    assert codes["round"] == codes["csv"] == codes["api_round"] == (200 if sees_round else 404)
    assert codes["index"] == codes["api_rounds"] == codes["api_instrument"] == codes["api_actions"] == 200
