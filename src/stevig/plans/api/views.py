"""Household plan endpoints. Every write carries the plan `version` the client read (409 when stale)."""

import uuid
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.accounts.models import Role
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.api import current_values, query, require_values, write
from stevig.core.context import actor_from_request
from stevig.core.pagination import NoCountPagination
from stevig.plans import selectors, services
from stevig.plans.api import serializers as s
from stevig.plans.selectors import GOAL, PLAN, PLAN_ACTION


def _plan_response(page: selectors.PlanPage) -> Response:
    return Response(_plan_data(page))


def _plan_data(page: selectors.PlanPage) -> Any:
    if page.plan is None:
        raise Http404
    return s.PlanSerializer(page.plan, context={"goals": page.goals, "versions": page.versions}).data


def _plan_answer(request: Request, trajectory_of: Callable[[Any], uuid.UUID]) -> Callable[[Any], Any]:
    """`core.api.write`'s answer for a write on a plan: the whole plan, read again for the actor."""
    return lambda result: _plan_data(
        selectors.plan_page(actor=actor_from_request(request), trajectory_id=trajectory_of(result))
    )


class TrajectoryPlanView(APIView):
    @extend_schema(
        responses=s.PlanSerializer, summary="Het gezinsplan van een traject (404 als er nog geen is)"
    )
    def get(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        return _plan_response(
            selectors.plan_page(actor=actor_from_request(request), trajectory_id=trajectory_id)
        )

    @extend_schema(
        request=s.PlanCreateSerializer,
        responses={201: s.PlanSerializer},
        summary="Gezinsplan maken (één per traject)",
    )
    def post(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.PlanCreateSerializer,
            service=services.create_plan,
            answer=_plan_answer(request, lambda plan: plan.trajectory_id),
            created=True,
            trajectory_id=trajectory_id,
        )


class PlanDetailView(APIView):
    @extend_schema(responses=s.PlanSerializer, summary="Gezinsplan met doelen, acties en afgesproken versies")
    def get(self, request: Request, plan_id: uuid.UUID) -> Response:
        return _plan_response(selectors.plan_detail(actor=actor_from_request(request), plan_id=plan_id))

    @extend_schema(
        request=s.PlanUpdateSerializer, responses=s.PlanSerializer, summary="Start- en evaluatiedatum"
    )
    def patch(self, request: Request, plan_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.PlanUpdateSerializer,
            service=services.update_plan,
            answer=_plan_answer(request, lambda plan: plan.trajectory_id),
            current=lambda actor: current_values(
                access.scoped_get(PLAN, actor=actor, pk=plan_id, action=Action.UPDATE, part=Part.PLAN),
                s.PlanUpdateSerializer,
            ),
            plan_id=plan_id,
        )


class PlanGoalsView(APIView):
    @extend_schema(request=s.GoalWriteSerializer, responses={201: s.PlanSerializer}, summary="Doel toevoegen")
    def post(self, request: Request, plan_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.GoalWriteSerializer,
            service=services.add_goal,
            answer=_plan_answer(request, lambda goal: goal.plan.trajectory_id),
            created=True,
            plan_id=plan_id,
        )


class VersionQuerySerializer(serializers.Serializer):
    """`?version=` of a DELETE (core.api.query): the version of the plan that the client read."""

    version = serializers.IntegerField(min_value=1, help_text="De versie van het plan die u las.")


def _version_param(request: Request) -> int:
    return int(query(request, VersionQuerySerializer)["version"])


def _remove(request: Request, service: Callable[..., None], **ids: Any) -> Response:
    """A DELETE through `core.api.write`: no body, the version the client read in the query, 204."""
    return write(
        request, body=None, service=service, answer=None, expected_version=_version_param(request), **ids
    )


class GoalDetailView(APIView):
    @extend_schema(request=s.GoalWriteSerializer, responses=s.PlanSerializer, summary="Doel wijzigen")
    def patch(self, request: Request, goal_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.GoalWriteSerializer,
            service=services.update_goal,
            answer=_plan_answer(request, lambda goal: goal.plan.trajectory_id),
            current=lambda actor: current_values(
                access.scoped_get(GOAL, actor=actor, pk=goal_id, action=Action.UPDATE, part=Part.PLAN),
                s.GoalWriteSerializer,
                members=lambda goal: list(goal.members.values_list("id", flat=True)),
            ),
            goal_id=goal_id,
        )

    @extend_schema(parameters=[VersionQuerySerializer], responses={204: None}, summary="Doel verwijderen")
    def delete(self, request: Request, goal_id: uuid.UUID) -> Response:
        return _remove(request, services.remove_goal, goal_id=goal_id)


class GoalActionsView(APIView):
    @extend_schema(
        request=s.ActionWriteSerializer,
        responses={201: s.PlanSerializer},
        summary="Actie toevoegen: wie doet wat, en wanneer",
    )
    def post(self, request: Request, goal_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ActionWriteSerializer,
            service=services.add_action,
            answer=_plan_answer(request, lambda row: row.goal.plan.trajectory_id),
            created=True,
            goal_id=goal_id,
        )


class PlanActionDetailView(APIView):
    @extend_schema(request=s.ActionWriteSerializer, responses=s.PlanSerializer, summary="Actie wijzigen")
    def patch(self, request: Request, action_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ActionWriteSerializer,
            service=services.update_action,
            answer=_plan_answer(request, lambda row: row.goal.plan.trajectory_id),
            current=lambda actor: current_values(
                access.scoped_get(
                    PLAN_ACTION, actor=actor, pk=action_id, action=Action.UPDATE, part=Part.PLAN
                ),
                s.ActionWriteSerializer,
            ),
            action_id=action_id,
        )

    @extend_schema(parameters=[VersionQuerySerializer], responses={204: None}, summary="Actie verwijderen")
    def delete(self, request: Request, action_id: uuid.UUID) -> Response:
        return _remove(request, services.remove_action, action_id=action_id)


class PlanAgreementsView(APIView):
    @extend_schema(
        request=s.AgreeSerializer,
        responses={201: s.PlanVersionSerializer},
        summary="Afspraak met de inwoner vastleggen: bevriest een versie van het plan",
    )
    def post(self, request: Request, plan_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.AgreeSerializer,
            service=services.agree_plan,
            answer=s.PlanVersionSerializer,
            created=True,
            plan_id=plan_id,
        )


class PlanVersionsView(APIView):
    @extend_schema(
        responses=s.PlanVersionSerializer(many=True), summary="Afgesproken versies, nieuwste eerst"
    )
    def get(self, request: Request, plan_id: uuid.UUID) -> Response:

        actor = actor_from_request(request)
        plan, versions = selectors.plan_versions(actor=actor, plan_id=plan_id)
        paginator = NoCountPagination()
        page = paginator.paginate_queryset(versions, request, self)
        selectors.log_versions_listed(actor=actor, plan=plan, versions=page)
        return paginator.get_paginated_response(s.PlanVersionSerializer(page, many=True).data)


class PlanVersionDetailView(APIView):
    @extend_schema(responses=s.PlanVersionSerializer, summary="Eén afgesproken versie")
    def get(self, request: Request, version_id: uuid.UUID) -> Response:
        version = selectors.plan_version_detail(actor=actor_from_request(request), version_id=version_id)
        return Response(s.PlanVersionSerializer(version).data)


class PlanFiguresView(APIView):
    """Aggregated figures for the policy role. No individual file, small groups suppressed."""

    permission_classes = [access.role_permission(Role.POLICY, part=Part.FIGURES)]

    @extend_schema(
        parameters=[s.FiguresQuerySerializer],
        responses=s.PlanFiguresSerializer,
        summary="Cijfers: analyse vóór het plan, actie door netwerk of sociale basis (alleen beleid)",
    )
    def get(self, request: Request) -> Response:

        checked = s.FiguresQuerySerializer(data=request.query_params)
        require_values(checked, request.query_params)
        checked.is_valid(raise_exception=True)
        result = selectors.figures(
            actor=actor_from_request(request, purpose="beleid"), period=checked.period()
        )
        return Response(s.PlanFiguresSerializer(asdict(result)).data)
