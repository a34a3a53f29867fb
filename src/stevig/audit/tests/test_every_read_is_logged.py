"""Every read of resident data writes an access-log row, allowed and denied alike (issue 13, point 1:
"100 % of resident-data reads logged, proven by a test that walks every read path").

The walk takes every URL pattern of the site and the API (`url_gate.all_routes`), fills its path
arguments with objects of the demo municipality (those a worker of Team Noord may open where there are
such; `filled_demo` first makes, through the services, each kind of object the demo has none of, so
every route is filled and none is skipped), and asks each with GET as four demo personas: a worker (mostly allowed), the privacy officer, a
policy officer (mostly refused) and a worker of the other municipality (always refused). Every answer
that shows or refuses something (200, 403, 404) must have written at least one access-log row. Patterns
without resident data are listed below, each with its reason; a pattern cannot be both.
"""

import datetime as dt
import re
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils import timezone

from stevig.accounts.models import User
from stevig.analysis import services as analysis
from stevig.analysis.models import Domain
from stevig.audit.models import AccessLogEntry
from stevig.core.context import Actor
from stevig.datasharing import services as datasharing
from stevig.datasharing.models import ConsentMethod, DataCategory
from stevig.people import services as people
from stevig.people.models import HouseholdMembership
from stevig.people.selectors import households_visible_to
from stevig.retention import services as retention
from stevig.retention.models import Requester, RequestLaw
from stevig.safety import services as safety
from stevig.safety.models import SafetyTrack
from stevig.socialmap import services as socialmap
from stevig.socialmap.models import Facility
from stevig.testing.personas import api_client, web_client
from stevig.testing.url_gate import ANY_STAFF_ROUTES, PUBLIC_ROUTES, all_routes
from stevig.trajectories.models import Phase, Trajectory

pytestmark = pytest.mark.django_db

# Path argument → the model whose id it takes. `action_id` and `report_id` are two models: by prefix.
MODELS = {
    "household_id": "people.Household",
    "resident_id": "people.Resident",
    "trajectory_id": "trajectories.Trajectory",
    "request_id": "mandates.MandateRequest",
    "decision_id": "decisions.Decision",
    "question_id": "intake.Question",
    "track_id": "safety.SafetyTrack",
    "plan_id": "plans.HouseholdPlan",
    "goal_id": "plans.Goal",
    "application_id": "decisions.Application",
    "version_id": "plans.PlanVersion",
    "remedy_id": "decisions.LegalRemedy",
    "referral_id": "socialmap.Referral",
    "message_id": "istandaarden.Message",
    "consent_id": "datasharing.Consent",
    "limitation_id": "decisions.LifelongLimitation",
    "help_id": "trajectories.BasicHelp",
    "contact_id": "decisions.PeriodicContact",
    "analysis_id": "analysis.Analysis",
    "grant_id": "people.EmergencyAccess",
    "deadline_id": "intake.LegalDeadline",
    "list_id": "retention.DestructionList",
    "item_id": "retention.DestructionListItem",
    "hold_id": "retention.LitigationHold",
    "action_id": "plans.PlanAction",
    "round_id": "selfassessment.Round",
    "participant_id": "selfassessment.Participant",
    "report_id": "selfassessment.QuarterlyReport",
    "group_id": "signalering.SignalGroup",
    "signal_id": "signalering.Signal",
    "facility_id": "socialmap.Facility",
}
BY_PREFIX = {
    ("action_id", ("zelfevaluatie/", "api/v1/self-assessment/")): "selfassessment.ImprovementAction",
}
# How a model reaches its household, to pick a row the worker may open.
HOUSEHOLD_PATHS = (
    "household",
    "resident__memberships__household",
    "trajectory__household",
    "decision__household",
    "plan__trajectory__household",
    "goal__plan__trajectory__household",
    "question__household",
    "track__trajectory__household",
)

# Patterns that show no resident data, so a read writes no log row (each with its reason). A key ending
# in "/" or without one is a prefix: every route below it.
NO_RESIDENT_DATA = {
    "account/": "one's own account: password, API keys, second factor",
    "zelfevaluatie/": "self-assessment of the way of working: statements and scores, no resident",
    "api/v1/self-assessment/": "self-assessment of the way of working: no resident",
    "api/v1/quarterly-reports": "quarterly self-assessment reports: figures, no resident",
    "knelpunten/": "signals about gaps in the offer: a worker's text, no resident",
    "api/v1/signal": "signals, clusters and groups about gaps in the offer: no resident",
    "patronen/": "patterns: aggregated figures with small groups suppressed, never a resident",
    "api/v1/patterns": "patterns: aggregated figures with small groups suppressed, never a resident",
    "api/v1/decision-signatories": "the register of mandate: staff names, no resident",
    "api/v1/destruction-lists": "the months' destruction lists: month, date made and status, no household",
}
# Forms that open empty: the read happens when they are sent (search, create), and that is logged.
EMPTY_FORMS = {
    "intake/nieuw/": "a new question: an empty form",
    "inwoners/huishouden/nieuw/": "a new household: an empty form",
    "inwoners/zoeken/": "the search form; the search itself is logged with what it found",
    "brp/": "the BRP search form; the search itself is logged",
    "toegangslog/inwoner-zoeken/": "the privacy officer's search form; the search itself is logged",
    "bewaren/bewaarplicht/zoeken/": "the address search for a litigation hold; the search (POST) is logged",
    "veiligheid/<uuid:track_id>/noodtoegang/": "break the glass for a safety track: a reason field and no "
    "resident; the grant and every read under it are logged, a track of another municipality is a logged 404",
}
# A query argument a page needs (filled like a path argument).
QUERY_ARGUMENTS = {"mandaat/nieuw/": {"trajectory": "trajectory_id"}}
# Routes with a path argument that no row exists for, even after `filled_demo` made the objects the demo
# lacks: none. The walk fails when a route cannot be filled, so a new route is walked, not skipped.
NOT_FILLED: set[str] = set()


def _excluded(route: str) -> str | None:
    if route in PUBLIC_ROUTES:
        return "public"
    if route in ANY_STAFF_ROUTES:
        return "reference data or one's own account"
    if route.startswith(("mijn/", "api/v1/mijn", "admin/", "static/")):
        return "Mijn Stevig (the resident's own session) and the Django admin have their own tests"
    if route in EMPTY_FORMS:
        return EMPTY_FORMS[route]
    for prefix, reason in NO_RESIDENT_DATA.items():
        if route.startswith(prefix):
            return reason
    return None


def _model(route: str, name: str) -> type[Model]:
    for (argument, prefixes), label in BY_PREFIX.items():
        if argument == name and route.startswith(prefixes):
            return apps.get_model(label)
    return apps.get_model(MODELS[name])


def _has_path(model: type[Model], path: str) -> bool:
    current: Any = model
    for part in path.split("__"):
        try:
            current = current._meta.get_field(part).related_model
        except (FieldDoesNotExist, AttributeError):
            return False
        if current is None:
            return False
    return True


def _pick(model: type[Model], worker: User) -> Any:
    rows = model._default_manager.all()
    if _has_path(model, "municipality"):
        rows = rows.filter(municipality_id=worker.municipality_id)
    for path in HOUSEHOLD_PATHS:
        if _has_path(model, path):
            visible = rows.filter(**{f"{path}__in": households_visible_to(worker)})
            if visible.exists():
                return visible.order_by("pk").first()
            break
    return rows.order_by("pk").first()


ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")


def _url(route: str, worker: User) -> str | None:
    """The route with its arguments filled from the demo; None when the demo has no such object."""
    values = {}
    for _converter, name in ARGUMENT.findall(route):
        if name == "number":
            values[name] = "1"
            continue
        row = _pick(_model(route, name), worker)
        if row is None:
            return None
        values[name] = str(row.pk)
    query = ""
    for name, argument in QUERY_ARGUMENTS.get(route, {}).items():
        row = _pick(_model(route, argument), worker)
        query += f"{'&' if query else '?'}{name}={row.pk}"
    return "/" + ARGUMENT.sub(lambda m: values[m.group(2)], route) + query


@pytest.fixture
def demo(shared_demo, settings):  # type: ignore[no-untyped-def]
    settings.DEMO = True
    return shared_demo


def _actor(username: str) -> Actor:
    return Actor(user=User.objects.get(username=username), access_point="127.0.0.1", channel="web")


@pytest.fixture
def filled_demo(demo):  # type: ignore[no-untyped-def]
    """The demo plus one of each object it has none of, made through the services as a worker of Team
    Noord would (a safety track, an analysis, a consent, a referral, an emergency grant) and as the
    privacy officer would (a litigation hold, a destruction list, a destruction request), so every read
    route has something to show and to refuse."""
    anna, priya = _actor("anna"), _actor("priya")
    trajectory = (
        Trajectory.objects.filter(contact_person=anna.user, household__in=households_visible_to(anna.user))
        .exclude(phase=Phase.CLOSED)
        .order_by("pk")
        .first()
    )
    assert trajectory is not None
    household = trajectory.household
    adult = (
        HouseholdMembership.objects.filter(household=household, end_date__isnull=True)
        .select_related("resident")
        .order_by("resident__date_of_birth")
        .first()
    )
    assert adult is not None
    today = timezone.localdate()
    if not SafetyTrack.objects.filter(municipality_id=household.municipality_id).exists():
        safety.open_track(actor=anna, trajectory_id=trajectory.id, source="signalen")  # the demo has them now
    analysis.record_analysis(
        actor=anna,
        trajectory_id=trajectory.id,
        resident_id=adult.resident_id,
        analysed_on=today,
        scores=[{"domain": Domain.FINANCES, "score": 3}],
    )
    datasharing.record_consent(
        actor=anna,
        household_id=household.id,
        resident_id=adult.resident_id,
        given_on=today,
        method=ConsentMethod.SPOKEN,
        purpose="Overleg met de schuldhulpverlener",
        categories=[DataCategory.PERSONAL],
        recipient="Schuldhulpverlening",
    )
    facility = Facility.objects.filter(municipality_id=household.municipality_id).order_by("pk").first()
    assert facility is not None
    socialmap.create_referral(
        actor=anna,
        trajectory_id=trajectory.id,
        facility_id=facility.id,
        resident_ids=[adult.resident_id],
        referred_on=today,
        follow_up_on=today + dt.timedelta(days=14),
    )
    people.grant_emergency_access(
        actor=_actor("bram"), household_id=household.id, reason="Crisis in de nacht, dossier nodig."
    )
    retention.place_hold(actor=priya, household_id=household.id, reason="Klacht loopt nog.")
    retention.register_destruction_request(
        actor=anna,
        household_id=household.id,
        law=RequestLaw.JEUGDWET,
        received_on=today,
        requested_by=Requester.SELF,
    )
    # Far ahead, every file's retention term has passed: the list has items.
    made = retention.make_destruction_list(
        municipality_id=household.municipality_id, today=dt.date(2100, 1, 1)
    )
    assert made.items.exists()
    return demo


@pytest.mark.system
def test_every_read_of_resident_data_writes_an_access_log_row(filled_demo):
    worker = User.objects.get(username="anna")
    personas = [User.objects.get(username=name) for name in ("anna", "priya", "lotte", "dirk")]
    clients = {user.username: (web_client(user), api_client(user)) for user in personas}
    walked: dict[str, set[int]] = {}
    unlogged: list[str] = []
    without_data: list[str] = []
    for route in sorted(all_routes()):
        if _excluded(route):
            continue
        url = _url(route, worker)
        if url is None:
            without_data.append(route)
            continue
        for user in personas:
            web, api = clients[user.username]
            client = api if route.startswith("api/") else web
            before = AccessLogEntry.objects.count()
            response = client.get(url)
            if response.status_code not in (200, 403, 404):
                continue  # 405 (a write-only route), 302 (a form that moved on), 400 (a required query)
            walked.setdefault(route, set()).add(response.status_code)
            if AccessLogEntry.objects.count() == before:
                unlogged.append(f"{route} as {user.username}: {response.status_code}, no log row")
    allowed = [route for route, codes in walked.items() if 200 in codes]
    denied = [route for route, codes in walked.items() if codes & {403, 404}]
    print(
        f"read paths walked: {len(walked)} ({len(allowed)} shown, {len(denied)} refused); unlogged: {len(unlogged)}"
    )
    assert not unlogged, "\n".join(unlogged)
    assert set(without_data) == NOT_FILLED
    assert len(walked) >= 100 and len(allowed) >= 60 and len(denied) >= 100
