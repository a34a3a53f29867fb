"""The demo is full of work: every role's start page and the figures have real content."""

import pytest
from django.test import Client

from stevig.decisions.models import Decision, LegalRemedy
from stevig.intake.models import Question
from stevig.mandates.models import MandateRequest
from stevig.trajectories.models import Trajectory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(shared_demo, settings):
    """The shared demo (`stevig.testing.shared_world.DEMO`), in demo mode."""
    settings.DEMO = True
    return shared_demo


def test_the_demo_creates_work_in_every_state_through_the_services(demo):
    work = {w.questions for w in demo.work}
    assert all(q > 0 for q in work)
    assert [w.skipped for w in demo.work] == [[], []], "every scenario passes the services' rules"
    stevigdam = Question.objects.filter(municipality__code="GM9901")
    assert {q.channel for q in stevigdam} >= {"online", "telefoon", "inloop", "huisarts", "school"}
    assert stevigdam.filter(eviction_or_cutoff_threat=True).exists()
    assert stevigdam.filter(eviction_or_cutoff_threat=True).count() >= 2
    phases = set(Trajectory.objects.filter(municipality__code="GM9901").values_list("phase", flat=True))
    assert phases >= {"verkennen", "plan", "hulp", "waakvlam"}
    statuses = set(
        MandateRequest.objects.filter(municipality__code="GM9901").values_list("status", flat=True)
    )
    assert len(statuses) >= 3
    # Beschikkingen: grants with their omvang, a refusal with its letter sent and a bezwaar within the term.
    decisions = Decision.objects.filter(municipality__code="GM9901")
    assert set(decisions.values_list("outcome", flat=True)) >= {"toekenning", "afwijzing"}
    granted = decisions.filter(outcome="toekenning").first()
    assert granted.volume == 3 and granted.unit == "uur" and granted.legal_ground and granted.signatory_id
    refused = decisions.filter(outcome="afwijzing").first()
    assert refused.sent_on is not None and refused.signatory_id is not None
    objection = LegalRemedy.objects.get(decision=refused, kind="bezwaar")
    assert objection.in_time and objection.status == "open" and objection.due_on > objection.received_on
    assert "Werk:" in demo.line()


def test_every_demo_start_page_shows_work(demo):
    from stevig.accounts.models import User
    from stevig.testing.personas import web_client

    for username in ("anna", "tamara", "carla", "sanne"):
        user = User.objects.get(username=username)
        html = web_client(user).get("/").content.decode()
        assert "Geen nieuwe vragen" not in html or username != "tamara", username
        assert html.count("<tr") >= 2 or html.count("<li") >= 8, username
    assert Client().get("/hulp-vragen/").status_code == 200


def test_worklist_api_returns_every_kind_with_due_dates_links_and_constant_queries(
    demo, django_assert_max_num_queries
):
    from stevig.accounts.models import User
    from stevig.audit.models import AccessLogEntry
    from stevig.testing.personas import api_client

    anna = User.objects.get(username="anna")
    client = api_client(anna)
    before = AccessLogEntry.objects.filter(part="werklijst").count()
    with django_assert_max_num_queries(25):
        response = client.get("/api/v1/worklist", {"scope": "mine"})
    assert response.status_code == 200
    body = response.json()
    kinds = {item["kind"] for item in body["results"]}
    assert kinds >= {"vraag", "planactie", "evaluatie", "waakvlam", "mandaatverzoek", "aanvraag"}, kinds
    assert all(item["url"].startswith("/") for item in body["results"])
    dated = [item["due"] for item in body["results"] if item["due"] and not item["urgent"]]
    assert dated == sorted(dated), "by due date, urgent first"
    assert body["overdue"] >= 1
    assert AccessLogEntry.objects.filter(part="werklijst").count() == before + 1
    team = client.get("/api/v1/worklist", {"scope": "team", "sort": "kind"}).json()
    assert team["scope"] == "team" and len(team["results"]) >= len(body["results"]) - 10
    # The start page is the same to-do list.
    from stevig.testing.personas import web_client

    html = web_client(anna).get("/").content.decode()
    assert "Mijn werk" in html and "komende 5 werkdagen" in html and "te laat" in html
    # A role without case work gets no worklist items, and other municipalities' work never shows.
    dirk = User.objects.get(username="dirk")
    other = api_client(dirk).get("/api/v1/worklist").json()
    assert not {i["url"] for i in other["results"]} & {i["url"] for i in body["results"]}


def test_the_demo_figures_pages_show_numbers_not_small_groups(demo):
    """Issue 11 point 10: the figures pages show unsuppressed numbers for the demo (groups of 10 or more),
    and trajectories have been open for days, a few days after their question."""
    import re

    from django.utils import timezone

    from stevig.accounts.models import User
    from stevig.decisions import figures as decision_figures
    from stevig.testing.personas import web_client

    policy = web_client(User.objects.get(username="lotte"))

    def rows(url: str) -> dict[str, str]:
        html = policy.get(url).content.decode()
        found = re.findall(r'<th[^>]*scope="row"[^>]*>(.*?)</th>\s*<td[^>]*>(.*?)</td>', html, re.S)
        return {re.sub(r"<[^>]+>|\s+", " ", k).strip(): re.sub(r"<[^>]+>", "", v).strip() for k, v in found}

    decisions = rows("/beschikkingen/cijfers/")
    own = next(v for k, v in decisions.items() if k.startswith("Beschikkingen met een eigen reden"))
    lifelong = next(v for k, v in decisions.items() if k.startswith("Beschikkingen bij een levenslange"))
    assert own == "100 %" or own.startswith("ten minste"), own
    assert "te weinig" not in lifelong, lifelong
    assert decision_figures.OWN_REASON_MIN_CHARS > 0

    mandates = policy.get("/mandaat/cijfers/").content.decode()
    assert "te weinig verzoeken om te tonen" not in mandates

    trajectories = rows("/trajecten/cijfers/")
    shown = {k: v for k, v in trajectories.items() if "te weinig" not in v}
    assert any(k.startswith("Evaluaties van basishulp op tijd") for k in shown), trajectories
    consultations = next(v for k, v in trajectories.items() if k.startswith("Consultaties per traject"))
    assert consultations not in ("0,00", "0.00"), consultations

    # Opened a few days after the question, weeks ago: "days open" is real.
    for trajectory in Trajectory.objects.filter(opened_from_question__isnull=False):
        question = trajectory.opened_from_question
        assert question is not None
        opened_on = timezone.localdate(trajectory.opened_at)
        days_after = (opened_on - timezone.localdate(question.received_at)).days
        assert 1 <= days_after <= 4, (question.received_at, trajectory.opened_at)
        assert (demo_today() - opened_on).days >= 14


def demo_today():  # type: ignore[no-untyped-def]
    from stevig.testing.shared_world import DEMO

    return DEMO["today"]


def test_the_demo_questions_were_picked_up_within_days(demo):
    """The teamleider's waiting times are realistic: each demo pick-up one to three days after the question."""
    from stevig.intake.models import ContactPersonAssignment

    rows = ContactPersonAssignment.objects.filter(ended_at__isnull=True).select_related("question")
    assert rows.exists()
    for row in rows:
        days = (row.started_at - row.question.received_at).days
        assert 0 <= days <= 3, (row.question.received_at, row.started_at)
