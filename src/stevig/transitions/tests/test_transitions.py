"""16-27: who turns 18 soon with youth help (worklist), the toekomstplan for 16 up to 27 only, the team
overview, and what follows a Jeugdwet decision that ends at 18. Today: Monday 2 March 2026."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from stevig.audit.models import AccessLogEntry
from stevig.core.context import Actor
from stevig.decisions.models import Decision, ProductCategory
from stevig.testing import factories as f
from stevig.testing.personas import PERSONAS, api_client, web_client
from stevig.transitions import selectors, services
from stevig.transitions.rules import Big5

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)
PLAN = {d: ("aandacht", f"Volgende stap voor {d}") for d in Big5.values}


@pytest.fixture(autouse=True)
def clock():  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=True):
        yield


def actor(user) -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user=user, access_point="127.0.0.1")


def young(world, born: dt.date, *, jeugdwet: bool = True):  # type: ignore[no-untyped-def]
    resident = f.add_member(
        world.household, relation="kind", given_names="Sam", surname="Jansen", date_of_birth=born
    )
    if jeugdwet:
        category = ProductCategory.objects.filter(municipality=world.municipality, law="jeugdwet").first()
        Decision.objects.create(
            municipality=world.municipality,
            household=world.household,
            resident=resident,
            category=category,
            law="jeugdwet",
            form="zin",
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2028, 1, 1),
            reason="Jeugdhulp thuis.",
            decided_on=dt.date(2025, 1, 1),
            decided_by=world.own_worker,
        )
    return resident


@pytest.mark.parametrize(
    ("born", "age_label", "on_worklist"),
    [
        (dt.date(2008, 9, 2), "17 jaar 6 maanden", True),  # 18 on 2 September 2026: 6 months ahead
        (dt.date(2008, 10, 2), "17 jaar 5 maanden", True),  # 7 months ahead, within 12
        (dt.date(2009, 3, 2), "17 jaar", True),  # exactly 12 months ahead
        (dt.date(2009, 3, 3), "17 jaar, 12 maanden en een dag", False),
        (dt.date(2008, 3, 2), "18 jaar vandaag", False),  # already 18
    ],
)
def test_worklist_from_twelve_months_before_18(world, born, age_label, on_worklist):
    resident = young(world, born)
    listed = list(selectors.turning_18_for(world.own_worker, TODAY))
    assert (resident in listed) is on_worklist, age_label


def test_six_months_is_the_minimum_setting(world, settings):
    settings.TRANSITION_MONTHS = 3  # too short: the rule keeps at least 6 months
    resident = young(world, dt.date(2008, 9, 2))  # 18 in exactly 6 months
    assert resident in list(selectors.turning_18_for(world.own_worker, TODAY))


def test_no_youth_help_no_worklist_item_but_a_youth_analysis_counts(world):
    resident = young(world, dt.date(2008, 9, 2), jeugdwet=False)
    assert resident not in list(selectors.turning_18_for(world.own_worker, TODAY))
    from stevig.analysis.models import Analysis, DomainScore
    from stevig.trajectories import services as trajectory_services

    trajectory = trajectory_services.open_trajectory(
        actor=actor(world.own_worker), household_id=world.household.id
    )
    analysis = Analysis.objects.create(
        municipality=world.municipality,
        trajectory=trajectory,
        resident=resident,
        analysed_on=TODAY,
        created_by=world.own_worker,
    )
    DomainScore.objects.create(municipality=world.municipality, analysis=analysis, domain="school", score=2)
    assert resident in list(selectors.turning_18_for(world.own_worker, TODAY))


def test_only_the_involved_worker_has_them_on_the_worklist(world):
    resident = young(world, dt.date(2008, 9, 2))
    assert resident not in list(selectors.turning_18_for(world.colleague, TODAY))
    assert list(selectors.turning_18_for(world.policy, TODAY)) == []


@pytest.mark.parametrize(
    ("born", "allowed"),
    [
        (dt.date(2010, 3, 3), False),  # 15 (16 tomorrow)
        (dt.date(2010, 3, 2), True),  # 16 today
        (dt.date(2008, 10, 2), True),  # 17 y 5 m
        (dt.date(2008, 9, 2), True),  # 17 y 6 m
        (dt.date(2008, 3, 2), True),  # 18 today
        (dt.date(1999, 3, 3), True),  # 26, 27 tomorrow
        (dt.date(1999, 3, 2), False),  # 27 today
    ],
)
def test_toekomstplan_only_from_16_up_to_27(world, born, allowed):
    resident = young(world, born, jeugdwet=False)
    if allowed:
        plan = services.save_plan(actor=actor(world.own_worker), resident_id=resident.id, domains=PLAN)
        assert plan.domains.count() == 5
    else:
        with pytest.raises(ValidationError) as exc:
            services.save_plan(actor=actor(world.own_worker), resident_id=resident.id, domains=PLAN)
        assert "16 tot 27 jaar" in exc.value.message_dict["resident"][0]


def test_plan_needs_every_domain_and_agreement_resets_on_change(world):
    resident = young(world, dt.date(2008, 9, 2))
    with pytest.raises(ValidationError) as exc:
        services.save_plan(
            actor=actor(world.own_worker), resident_id=resident.id, domains={"wonen": ("op_orde", "")}
        )
    assert "wonen_next_step" in exc.value.message_dict and "support_status" in exc.value.message_dict
    plan = services.save_plan(actor=actor(world.own_worker), resident_id=resident.id, domains=PLAN)
    plan = services.agree_plan(
        actor=actor(world.own_worker), resident_id=resident.id, expected_version=plan.version, agreed_on=TODAY
    )
    assert plan.agreed_on == TODAY
    plan = services.save_plan(
        actor=actor(world.own_worker), resident_id=resident.id, domains=PLAN, expected_version=plan.version
    )
    assert plan.agreed_on is None
    from stevig.core.errors import VersionConflict

    with pytest.raises(VersionConflict):
        services.save_plan(
            actor=actor(world.own_worker), resident_id=resident.id, domains=PLAN, expected_version=1
        )


@pytest.mark.parametrize("persona", PERSONAS)
def test_plan_pages_and_api_per_persona(world, persona):
    resident = young(world, dt.date(2008, 9, 2))
    user = getattr(world, persona)
    page = web_client(user).get(f"/16-27/toekomstplan/{resident.id}/")
    api = api_client(user).get(f"/api/v1/future-plans/{resident.id}")
    put = api_client(user).put(
        f"/api/v1/future-plans/{resident.id}",
        {"domains": [{"domain": d, "status": "op_orde", "next_step": "Verder zo"} for d in Big5.values]},
        format="json",
    )
    entry = AccessLogEntry.objects.filter(user_id=user.id).latest("id")
    if persona in ("own_worker", "colleague", "team_lead"):
        assert page.status_code == 200 and "Toekomstplan van Sam Jansen" in page.content.decode()
        assert api.status_code == 200 and put.status_code == 200
    else:
        assert (
            page.status_code in (403, 404) and api.status_code in (403, 404) and put.status_code in (403, 404)
        )
        assert entry.outcome == "denied"


@pytest.mark.parametrize("persona", PERSONAS)
def test_overview_and_worklist_per_persona(world, persona):
    young(world, dt.date(2008, 9, 2))
    user = getattr(world, persona)
    page = web_client(user).get("/16-27/")
    api = api_client(user).get("/api/v1/transitions/overview")
    due = api_client(user).get("/api/v1/transitions/turning-18")
    if persona in ("own_worker", "colleague", "team_lead"):
        assert page.status_code == 200 and "Sam Jansen" in page.content.decode()
        assert [r["name"] for r in api.json()["results"]] == ["Sam Jansen"]
        assert [r["name"] for r in due.json()["results"]] == (
            ["Sam Jansen"] if persona == "own_worker" else []
        )
    elif persona in ("other_team_worker", "coordinator", "other_municipality_worker"):
        assert page.status_code == 200 and "Sam Jansen" not in page.content.decode()
        assert api.json()["results"] == []
    else:
        assert page.status_code == 403 and api.status_code == 403 and due.status_code == 403


def test_jeugdwet_decision_ending_at_18_shows_what_follows(world):
    resident = young(world, dt.date(2008, 9, 2))
    decision = Decision.objects.get(resident=resident)
    decision.end_date = dt.date(2026, 9, 1)
    decision.save()
    body = web_client(world.own_worker).get(f"/beschikkingen/{decision.id}/").content.decode()
    assert "Deze jeugdhulp stopt bij 18 jaar" in body and "Verlengde jeugdhulp tot 23 jaar" in body
    decision.end_date = dt.date(2028, 1, 1)
    decision.save()
    body = web_client(world.own_worker).get(f"/beschikkingen/{decision.id}/").content.decode()
    assert "Deze jeugdhulp stopt bij 18 jaar" not in body


def test_overview_runs_a_constant_number_of_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    young(world, dt.date(2008, 9, 2))
    client = web_client(world.own_worker)
    client.get("/16-27/")
    with CaptureQueriesContext(connection) as one:
        client.get("/16-27/")
    for month in range(1, 6):
        young(world, dt.date(2008, 9 + month // 3, 1 + month))
    with CaptureQueriesContext(connection) as six:
        body = client.get("/16-27/").content.decode()
    assert body.count("Sam Jansen") >= 12
    assert len(six.captured_queries) == len(one.captured_queries)


# --- The one worklist (start page and GET /api/v1/worklist/) -------------------------------------------


def _items(user, scope="mine"):  # type: ignore[no-untyped-def]
    from stevig.web.worklist import worklist_for

    return [i for i in worklist_for(actor=actor(user), scope=scope).items if i.kind == "18worden"]


@pytest.mark.parametrize(
    ("born", "on_worklist"),
    [
        (dt.date(2008, 9, 2), True),  # 17 y 6 m: 18 on 2 September 2026
        (dt.date(2008, 10, 2), True),  # 17 y 5 m
        (dt.date(2009, 3, 3), False),  # 18 in 12 months and a day
        (dt.date(2008, 3, 2), False),  # 18 today
    ],
)
def test_on_the_one_worklist_of_the_involved_worker(world, born, on_worklist):
    resident = young(world, born)
    api = api_client(world.own_worker).get("/api/v1/worklist")
    listed = [i for i in api.json()["results"] if i["kind"] == "18worden"]
    birthday = born.replace(year=born.year + 18)
    expected = [(f"/16-27/toekomstplan/{resident.id}/", birthday.isoformat(), "nog geen toekomstplan")]
    assert [(i["url"], i["due"], i["status"]) for i in listed] == (expected if on_worklist else [])
    assert all(i["title"].startswith("Sam Jansen wordt 18 op ") for i in listed)
    page = web_client(world.own_worker).get("/").content.decode()
    assert (f"/16-27/toekomstplan/{resident.id}/" in page) is on_worklist


def test_worklist_item_until_the_toekomstplan_is_agreed(world):
    resident = young(world, dt.date(2008, 9, 2))
    plan = services.save_plan(actor=actor(world.own_worker), resident_id=resident.id, domains=PLAN)
    (item,) = _items(world.own_worker)
    assert item.status == "toekomstplan nog niet afgesproken"
    services.agree_plan(
        actor=actor(world.own_worker), resident_id=resident.id, expected_version=plan.version, agreed_on=TODAY
    )
    assert _items(world.own_worker) == []


def test_worklist_per_scope_and_persona(world):
    resident = young(world, dt.date(2008, 9, 2))
    url = f"/16-27/toekomstplan/{resident.id}/"
    assert [i.url for i in _items(world.team_lead, "team")] == [url]  # the team's households
    assert [i.url for i in _items(world.colleague, "team")] == [url]
    assert _items(world.colleague, "mine") == []  # not involved in the household
    for persona in ("other_team_worker", "other_municipality_worker", "policy", "department_worker"):
        user = getattr(world, persona)
        assert _items(user, "mine") == [] and _items(user, "team") == []


def test_worklist_source_runs_one_query(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from stevig.people.selectors import households_visible_to
    from stevig.transitions.hooks import worklist_items
    from stevig.web.worklist import WorkQuery

    def count():  # type: ignore[no-untyped-def]
        user = world.own_worker
        query = WorkQuery(user=user, scope="mine", households=households_visible_to(user), today=TODAY)
        with CaptureQueriesContext(connection) as ctx:
            items = worklist_items(query)
        return len(items), len(ctx.captured_queries)

    young(world, dt.date(2008, 9, 2))
    assert count() == (1, 1)
    for month in range(1, 4):
        young(world, dt.date(2008, 9 + month, 2))
    assert count() == (4, 1)
