"""The access layer (`core.access`) and the logging helper (`audit.log`): allowed, denied, break-the-glass,
emergency access, another municipality; the page decorator and the API permission."""

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from rest_framework.request import Request

from stevig.accounts.models import Role
from stevig.audit import log
from stevig.audit.models import AccessLogEntry, Action, Part
from stevig.core import access
from stevig.core.context import Actor, actor_from_request
from stevig.people.models import EmergencyAccess
from stevig.people.selectors import HOUSEHOLD, RESIDENT

pytestmark = pytest.mark.django_db


def actor(user):
    return Actor(user=user, access_point="10.0.0.1")


def last_row():
    return AccessLogEntry.objects.latest("id")


def get(kind, user, pk, *, action=Action.READ, part=Part.HOUSEHOLD, **options):
    return access.scoped_get(kind, actor=actor(user), pk=pk, action=action, part=part, **options)


def grant(world, valid_for):
    return EmergencyAccess.objects.create(
        municipality=world.municipality,
        household=world.household,
        user=world.other_team_worker,
        reason="Melding van de politie: kind alleen thuis.",
        expires_at=timezone.now() + valid_for,
    )


def members(world):
    return sorted([str(world.parent.id), str(world.child.id)])


def test_file_roles_are_the_roles_that_work_in_household_files():
    assert access.FILE_ROLES == {Role.WORKER, Role.TEAM_LEAD, Role.COORDINATOR}


# --------------------------------------------------------------------------------------------- audit.log


def test_log_helpers_write_one_row_each_with_outcome_part_and_subjects(world):
    a = actor(world.own_worker)
    log.allowed(a, Action.READ, Part.HOUSEHOLD, [world.parent.id], object_type="household", object_id=1)
    row = last_row()
    assert (row.outcome, row.action, row.part, row.object_id) == ("allowed", "read", "huishouden", "1")
    assert row.resident_ids == [str(world.parent.id)] and row.emergency is False
    log.denied(a, Action.UPDATE, Part.PLAN, object_type="plan", object_id="x")
    assert (last_row().outcome, last_row().action, last_row().part) == ("denied", "update", "plan")
    log.listed(a, Part.WORKLIST, [world.parent.id, world.child.id], detail={"aantal": 2})
    row = last_row()
    assert (row.outcome, row.action, row.part, row.detail) == (
        "allowed",
        "search",
        "werklijst",
        {"aantal": 2},
    )
    assert sorted(row.resident_ids) == members(world)


def test_log_names_on_behalf_of_from_the_actor_and_rejects_an_unknown_part(world):
    a = Actor(user=world.own_worker, access_point="10.0.0.1", on_behalf_of="jansen")
    log.allowed(a, Action.READ, Part.RESIDENT, [world.parent.id], emergency=True)
    assert (last_row().on_behalf_of, last_row().emergency) == ("jansen", True)
    with pytest.raises(ValueError):
        log.allowed(a, Action.READ, "geen-bestaand-onderdeel")  # type: ignore[arg-type]


def test_the_access_log_shows_the_human_label_of_a_part(world):
    log.denied(actor(world.own_worker), Action.READ, Part.COORDINATION)
    assert last_row().get_part_display() == "coördinatie"
    assert {value for value, _ in Part.choices} >= {"huishouden", "cijfers intake", "noodtoegang-beoordeling"}


# ------------------------------------------------------------------------------------------- scoped_get


def test_allowed_returns_the_object_and_logs_its_residents_when_asked(world):
    household = get(HOUSEHOLD, world.own_worker, world.household.id, log_allowed=True)
    assert household == world.household
    row = last_row()
    assert (row.outcome, row.object_type, row.object_id) == ("allowed", "household", str(world.household.id))
    assert sorted(row.resident_ids) == members(world) and row.emergency is False


def test_allowed_without_log_allowed_writes_no_row(world):
    before = AccessLogEntry.objects.count()
    get(HOUSEHOLD, world.colleague, world.household.id)
    assert AccessLogEntry.objects.count() == before


def test_denied_in_own_municipality_offers_break_the_glass_and_names_the_residents(world):
    with pytest.raises(access.AccessDenied) as caught:
        get(HOUSEHOLD, world.other_team_worker, world.household.id, action=Action.UPDATE)
    assert caught.value.can_break_glass is True and caught.value.household_id == world.household.id
    row = last_row()
    assert (row.outcome, row.action, row.object_id) == ("denied", "update", str(world.household.id))
    assert sorted(row.resident_ids) == members(world)


def test_denied_for_a_role_outside_the_files_offers_no_break_the_glass(world):
    with pytest.raises(access.AccessDenied) as caught:
        get(HOUSEHOLD, world.policy, world.household.id)
    assert caught.value.can_break_glass is False and caught.value.household_id is None
    assert sorted(last_row().resident_ids) == members(world)


def test_denied_in_another_municipality_names_nobody_and_offers_nothing(world):
    with pytest.raises(access.AccessDenied) as caught:
        get(HOUSEHOLD, world.other_municipality_worker, world.household.id)
    assert caught.value.can_break_glass is False
    row = last_row()
    assert (row.outcome, row.resident_ids, row.municipality_code) == ("denied", [], "GM9002")


def test_denied_for_an_unknown_id_is_logged_like_another_municipality(world):
    missing = uuid.uuid4()
    with pytest.raises(access.AccessDenied) as caught:
        get(HOUSEHOLD, world.own_worker, missing)
    assert caught.value.can_break_glass is False
    assert (last_row().object_id, last_row().resident_ids) == (str(missing), [])


def test_emergency_grant_opens_the_file_and_flags_the_row(world):
    grant(world, timedelta(hours=8))
    get(HOUSEHOLD, world.other_team_worker, world.household.id, log_allowed=True)
    assert (last_row().outcome, last_row().emergency) == ("allowed", True)


def test_is_emergency_with_and_without_the_visibility_the_caller_knows(world, django_assert_num_queries):
    """Break-the-glass is flagged when a grant names the household, even for a team that also holds it;
    a household the user cannot see at all counts as emergency too. `known_visible` (the caller read the
    household through the scope) gives the same answer for a visible household in one query."""
    household = world.household.id
    assert access.is_emergency(world.own_worker, household) is False
    with django_assert_num_queries(1):
        assert access.is_emergency(world.own_worker, household, known_visible=True) is False
    assert access.is_emergency(world.other_team_worker, household) is True  # not visible at all
    grant(world, timedelta(hours=8))
    assert access.is_emergency(world.other_team_worker, household) is True
    assert access.is_emergency(world.other_team_worker, household, known_visible=True) is True
    EmergencyAccess.objects.create(
        municipality=world.municipality,
        household=world.household,
        user=world.own_worker,
        reason="Tweede grant, ook voor het eigen team.",
        expires_at=timezone.now() + timedelta(hours=1),
    )
    assert access.is_emergency(world.own_worker, household) is True
    assert access.is_emergency(world.own_worker, household, known_visible=True) is True


def test_an_expired_emergency_grant_opens_nothing(world):
    grant(world, -timedelta(minutes=1))
    with pytest.raises(access.AccessDenied):
        get(HOUSEHOLD, world.other_team_worker, world.household.id)


def test_a_denied_resident_names_only_that_resident_and_offers_the_current_household(world):
    with pytest.raises(access.AccessDenied) as caught:
        get(RESIDENT, world.coordinator, world.child.id, part=Part.RESIDENT)
    assert caught.value.household_id == world.household.id
    assert (last_row().object_type, last_row().resident_ids) == ("resident", [str(world.child.id)])


# ------------------------------------------------------------------------------------------ page decorator


def _request(user, method="get"):
    request = getattr(RequestFactory(), method)("/x/")
    request.user = user
    if user.is_authenticated:
        user.is_verified = lambda: True
    return request


@access.page(*access.FILE_ROLES, part=Part.HOUSEHOLD)
def _household_page(request, household_id):
    access.scoped_get(
        HOUSEHOLD, actor=actor_from_request(request), pk=household_id, action=Action.READ, part=Part.HOUSEHOLD
    )
    return HttpResponse("dossier")


def test_page_allows_a_file_role_in_scope(world):
    response = _household_page(_request(world.own_worker), household_id=world.household.id)
    assert response.status_code == 200


def test_page_sends_an_anonymous_or_unverified_user_to_login(world):
    from django.contrib.auth.models import AnonymousUser

    response = _household_page(_request(AnonymousUser()), household_id=world.household.id)
    assert response.status_code == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL))
    request = _request(world.own_worker)
    request.user.is_verified = lambda: False
    assert _household_page(request, household_id=world.household.id).status_code == 302


def test_page_logs_a_role_denial_on_the_object_in_the_url_and_answers_403(world):
    with pytest.raises(PermissionDenied):
        _household_page(_request(world.policy, "post"), household_id=world.household.id)
    row = last_row()
    assert (row.outcome, row.action, row.part, row.object_id) == (
        "denied",
        "update",
        "huishouden",
        str(world.household.id),
    )
    assert row.user_id == world.policy.id


def test_page_offers_break_the_glass_for_a_household_in_the_municipality(world):
    response = _household_page(_request(world.other_team_worker), household_id=world.household.id)
    assert response.status_code == 403
    assert reverse("people:emergency", args=[world.household.id]) in response.content.decode()


def test_page_answers_404_for_another_municipality(world):
    with pytest.raises(Http404):
        _household_page(_request(world.other_municipality_worker), household_id=world.household.id)


# ---------------------------------------------------------------------------------------- API permission


def _api_request(user, method="get"):
    request = Request(getattr(RequestFactory(), method)("/api/v1/x"))
    request.user = user
    return request


class _View:
    def __init__(self, **kwargs):
        self.kwargs = kwargs


def test_role_permission_allows_the_role_and_logs_the_refusal_of_another(world):
    permission = access.role_permission(*access.FILE_ROLES, part=Part.HOUSEHOLD)()
    view = _View(household_id=world.household.id)
    assert permission.has_permission(_api_request(world.own_worker), view) is True
    before = AccessLogEntry.objects.count()
    assert permission.has_permission(_api_request(world.department_worker, "post"), view) is False
    assert AccessLogEntry.objects.count() == before + 1
    assert (last_row().outcome, last_row().action, last_row().object_id) == (
        "denied",
        "update",
        str(world.household.id),
    )


def test_role_permission_refuses_an_anonymous_user_without_a_row(world):
    from django.contrib.auth.models import AnonymousUser

    before = AccessLogEntry.objects.count()
    assert access.role_permission()().has_permission(_api_request(AnonymousUser()), _View()) is False
    assert AccessLogEntry.objects.count() == before


def test_the_api_answers_404_out_of_scope_and_403_for_a_role(world):
    from stevig.core.api import exception_handler

    assert exception_handler(access.AccessDenied(can_break_glass=True), {}).status_code == 404
    assert exception_handler(access.RoleDenied("Geen toegang."), {}).status_code == 403


def test_a_child_kind_follows_its_parents_scope_and_household(world):
    from stevig.people.models import Involvement

    involvement_kind = access.child_kind(HOUSEHOLD, Involvement, "involvement", via="household")
    row = Involvement.objects.get(household=world.household, user=world.own_worker)
    assert get(involvement_kind, world.colleague, row.id) == row
    with pytest.raises(access.AccessDenied) as caught:
        get(involvement_kind, world.other_team_worker, row.id, part=Part.INVOLVED)
    assert caught.value.household_id == world.household.id
    assert (last_row().object_type, sorted(last_row().resident_ids)) == ("involvement", members(world))
