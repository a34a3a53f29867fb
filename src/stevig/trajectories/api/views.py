"""Trajectory endpoints. Thin: validate with a serializer, call a selector or service.

Out of scope → 404 (logged as denied); a stale `version` → 409; a business rule → 400 {field: [..]}.
"""

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.audit.models import Action, Part
from stevig.core import access, figures_api
from stevig.core.api import current_values, query, write
from stevig.core.context import actor_from_request
from stevig.core.errors import AccessDenied
from stevig.core.pagination import NoCountPagination, page_response
from stevig.trajectories import selectors, services
from stevig.trajectories.api import serializers as s
from stevig.trajectories.selectors import TRAJECTORY

TAGS = ["trajecten"]


def _detail(request: Request, trajectory_id: uuid.UUID) -> Response:
    return Response(_detail_data(request, trajectory_id))


def _detail_data(request: Request, trajectory_id: uuid.UUID) -> Any:
    """A trajectory as the API shows it: read again through the file selector."""
    file = selectors.trajectory_file(
        actor=actor_from_request(request), trajectory_id=trajectory_id, with_timeline=False
    )
    return s.TrajectoryDetailSerializer(file.trajectory, context={"file": file}).data


def _detail_answer(request: Request) -> Callable[[Any], Any]:
    """`core.api.write`'s answer for a write whose service gives the trajectory."""
    return lambda trajectory: _detail_data(request, trajectory.id)


class TrajectoryListView(APIView):
    # Only roles that work in files list or add one: any other role gets 403 (logged) before the body is read
    # (`docs/architecture.md`, "One answer everywhere").
    permission_classes = [
        access.role_permission(
            *access.FILE_ROLES, part=Part.TRAJECTORY, read_action=Action.SEARCH, write_action=Action.CREATE
        )
    ]

    @extend_schema(
        tags=TAGS,
        summary="Trajecten die u mag zien",
        parameters=[s.TrajectoryListQuerySerializer],
        responses=s.TrajectorySerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        paginator = NoCountPagination(keyset=selectors.TRAJECTORY_KEYSET)
        wanted = query(request, s.TrajectoryListQuerySerializer)
        page = selectors.trajectory_list(
            actor=actor_from_request(request),
            scope=wanted["scope"],
            phase=wanted.get("phase", ""),
            page=paginator.page_request(request),
        )
        rows = paginator.take(page, request)
        return paginator.get_paginated_response(s.TrajectorySerializer(rows, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Traject openen voor een huishouden",
        request=s.OpenTrajectorySerializer,
        responses={201: s.TrajectoryDetailSerializer},
    )
    def post(self, request: Request) -> Response:
        return write(
            request,
            body=s.OpenTrajectorySerializer,
            service=services.open_trajectory,
            answer=_detail_answer(request),
            created=True,
        )


class TrajectoryDetailView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Een traject met fase, betrokkenen, waakvlam en expertise",
        responses=s.TrajectoryDetailSerializer,
    )
    def get(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        return _detail(request, trajectory_id)


class PhaseView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Fase wijzigen (volgens de fasetabel, met reden)",
        request=s.PhaseChangeSerializer,
        responses=s.TrajectoryDetailSerializer,
    )
    def post(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.PhaseChangeSerializer,
            service=services.change_phase,
            answer=_detail_answer(request),
            trajectory_id=trajectory_id,
        )


class ReactivateView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Heractiveren: van waakvlam terug naar hulp, zonder nieuwe intake",
        request=s.ReactivateSerializer,
        responses=s.TrajectoryDetailSerializer,
    )
    def post(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ReactivateSerializer,
            service=services.reactivate,
            answer=_detail_answer(request),
            trajectory_id=trajectory_id,
        )


class HandOverView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Overdragen aan een ander vast aanspreekpunt (geweigerd zolang er een veiligheidsspoor loopt)",
        request=s.HandOverSerializer,
        responses=s.TrajectoryDetailSerializer,
    )
    def post(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.HandOverSerializer,
            service=services.hand_over,
            answer=_detail_answer(request),
            trajectory_id=trajectory_id,
        )


class InvolvedView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Een collega betrekken bij het huishouden",
        request=s.AddInvolvedSerializer,
        responses={201: s.TrajectoryDetailSerializer},
    )
    def post(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.AddInvolvedSerializer,
            service=services.add_involved_professional,
            answer=lambda _: _detail_data(request, trajectory_id),
            created=True,
            trajectory_id=trajectory_id,
        )


class ExpertiseView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="De expertise die dit huishouden nodig heeft",
        request=s.ExpertiseNeededSerializer,
        responses=s.TrajectoryDetailSerializer,
    )
    def put(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ExpertiseNeededSerializer,
            service=services.set_expertise_needed,
            answer=_detail_answer(request),
            trajectory_id=trajectory_id,
        )


class PilotLightView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Het ritme van het waakvlamcontact wijzigen",
        request=s.CadenceSerializer,
        responses=s.PilotLightSerializer,
    )
    def patch(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.CadenceSerializer,
            service=services.change_cadence,
            answer=s.PilotLightSerializer,
            current=lambda actor: current_values(
                selectors.active_pilot_light(actor=actor, trajectory_id=trajectory_id), s.CadenceSerializer
            ),
            trajectory_id=trajectory_id,
        )


class _ChildList(APIView):
    """A paginated list of one kind of row of a trajectory; the read is logged with the household members."""

    part: Part

    def page(self, request: Request, trajectory_id: uuid.UUID, queryset_name: str):  # type: ignore[no-untyped-def]
        header = selectors.trajectory_header(
            actor=actor_from_request(request), trajectory_id=trajectory_id, part=self.part
        )
        paginator = NoCountPagination()
        qs = getattr(selectors, queryset_name)(header.trajectory)
        return paginator, paginator.paginate_queryset(qs, request, self)


class BasicHelpListView(_ChildList):
    part = Part.BASIC_HELP

    @extend_schema(tags=TAGS, summary="Basishulp in dit traject", responses=s.BasicHelpSerializer(many=True))
    def get(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        paginator, rows = self.page(request, trajectory_id, "basic_help_of")
        return paginator.get_paginated_response(s.BasicHelpSerializer(rows, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Basishulp vastleggen (zonder besluit)",
        request=s.BasicHelpCreateSerializer,
        responses={201: s.BasicHelpSerializer},
    )
    def post(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.BasicHelpCreateSerializer,
            service=services.add_basic_help,
            answer=s.BasicHelpSerializer,
            created=True,
            trajectory_id=trajectory_id,
        )


class EvaluationView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Basishulp evalueren",
        request=s.EvaluationSerializer,
        responses=s.BasicHelpSerializer,
    )
    def post(self, request: Request, trajectory_id: uuid.UUID, help_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.EvaluationSerializer,
            service=services.evaluate_basic_help,
            answer=s.BasicHelpSerializer,
            help_id=help_id,
        )


class ContactListView(_ChildList):
    part = Part.CONTACT

    @extend_schema(
        tags=TAGS,
        summary="Contacten in dit traject (nieuwste eerst)",
        responses=s.ContactSerializer(many=True),
    )
    def get(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        paginator, rows = self.page(request, trajectory_id, "contacts_of")
        return paginator.get_paginated_response(s.ContactSerializer(rows, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Contact vastleggen (telt bij waakvlam als waakvlamcontact)",
        request=s.ContactCreateSerializer,
        responses={201: s.ContactSerializer},
    )
    def post(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ContactCreateSerializer,
            service=services.record_contact,
            answer=s.ContactSerializer,
            created=True,
            trajectory_id=trajectory_id,
        )


class ConsultationListView(_ChildList):
    part = Part.CONSULTATION

    @extend_schema(
        tags=TAGS,
        summary="Consultaties en verwijzingen naar specialistische hulp",
        responses=s.ConsultationSerializer(many=True),
    )
    def get(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        paginator, rows = self.page(request, trajectory_id, "consultations_of")
        return paginator.get_paginated_response(s.ConsultationSerializer(rows, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Specialist raadplegen of verwijzen (het team blijft aanspreekpunt)",
        request=s.ConsultationCreateSerializer,
        responses={201: s.ConsultationSerializer},
    )
    def post(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ConsultationCreateSerializer,
            service=services.record_consultation,
            answer=s.ConsultationSerializer,
            created=True,
            trajectory_id=trajectory_id,
        )


class TimelineView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Tijdlijn van het huishouden (nieuwste eerst)",
        responses=s.TimelineItemSerializer(many=True),
    )
    def get(self, request: Request, trajectory_id: uuid.UUID) -> Response:
        actor = actor_from_request(request)
        trajectory = access.scoped_get(
            TRAJECTORY, actor=actor, pk=trajectory_id, action=Action.READ, part=Part.TIMELINE
        )
        items = selectors.household_timeline(actor=actor, household_id=trajectory.household_id)
        return page_response(request, items, s.TimelineItemSerializer, view=self)


class PilotLightDueView(APIView):
    permission_classes = [access.role_permission(*access.FILE_ROLES, part=Part.PILOT_LIGHT)]

    @extend_schema(
        tags=TAGS,
        summary="Waakvlamcontacten die eraan komen of gemist zijn",
        parameters=[s.PilotLightDueQuerySerializer],
        responses=s.PilotLightDueSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        wanted = query(request, s.PilotLightDueQuerySerializer)
        until = wanted.get("until") or timezone.localdate() + timedelta(days=14)
        paginator = NoCountPagination(keyset=selectors.PILOT_LIGHT_KEYSET)
        page = selectors.pilot_light_page(
            actor=actor_from_request(request),
            until=until,
            team=wanted["scope"] == "team",
            page=paginator.page_request(request),
        )
        rows = paginator.take(page, request)
        return paginator.get_paginated_response(s.PilotLightDueSerializer(rows, many=True).data)


class FiguresView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Cijfers voor beleid per kwartaal of jaar (uit de overzichtstabellen, kleine groepen onderdrukt)",
        parameters=[figures_api.PeriodQuerySerializer],
        responses=figures_api.PeriodFigureSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        period = figures_api.period_from_query(request.query_params)
        try:
            result = selectors.figures_for(actor=actor_from_request(request), period=period)
        except AccessDenied as exc:
            raise PermissionDenied("Alleen beleidsmedewerkers zien deze cijfers.") from exc
        return page_response(
            request, figures_api.period_rows(result), figures_api.PeriodFigureSerializer, view=self
        )
