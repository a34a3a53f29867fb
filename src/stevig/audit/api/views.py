"""Privacy-officer endpoints: the access log, the data-subject export, emergency-access review.

Only the privacy role; everyone else gets 403, and the refused attempt is written to the access log.
"""

import uuid
from typing import Any, cast

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.accounts.models import Role, User
from stevig.audit import selectors
from stevig.audit.api import serializers as s
from stevig.audit.forms import AccessLogFilterForm
from stevig.audit.models import AccessLogEntry, Action, Outcome, Part
from stevig.core import access
from stevig.core.api import refuse_empty, write
from stevig.core.context import Actor, actor_from_request
from stevig.core.pagination import NoCountPagination
from stevig.people.models import EmergencyAccess
from stevig.people.services import review_emergency_access


def privacy_officer_only(*, part: Part, read_action: Action = Action.READ) -> type[BasePermission]:
    """`access.role_permission` for the privacy role: anyone else gets 403 and the refused attempt is
    logged (purpose: supervision) on the resident or grant the URL names."""
    return access.role_permission(
        Role.PRIVACY, part=part, read_action=read_action, purpose=selectors.PURPOSE_SUPERVISION
    )


def _actor(request: Request, purpose: str = selectors.PURPOSE_SUPERVISION) -> Actor:
    return actor_from_request(request, purpose=purpose)


class AccessLogListView(generics.ListAPIView):
    permission_classes = [privacy_officer_only(part=Part.ACCESS_LOG, read_action=Action.SEARCH)]
    pagination_class = NoCountPagination
    page_keyset = selectors.ACCESS_LOG_KEYSET
    serializer_class = s.AccessLogEntrySerializer
    queryset = AccessLogEntry.objects.none()

    @extend_schema(
        summary="Toegangslog van uw gemeente, nieuwste eerst (alleen privacy officer)",
        parameters=[
            OpenApiParameter("resident", OpenApiTypes.UUID, description="Alleen regels over deze inwoner."),
            OpenApiParameter("user", OpenApiTypes.STR, description="Gebruikersnaam zoals in het log."),
            OpenApiParameter("from", OpenApiTypes.DATE, description="Vanaf deze dag (Nederlandse tijd)."),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Tot en met deze dag (Nederlandse tijd)."),
            OpenApiParameter("outcome", OpenApiTypes.STR, enum=Outcome.values, description="Uitkomst."),
            OpenApiParameter(
                "emergency", OpenApiTypes.BOOL, description="Alleen (true) of zonder (false) noodtoegang."
            ),
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        refuse_empty(request.query_params, ["from", "to", "outcome", "resident", "emergency"])
        form = AccessLogFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.api_errors())
        filters = form.to_filter()
        user = cast(User, request.user)
        paginator = self.paginator
        assert paginator is not None
        with transaction.atomic():
            entries = paginator.paginate_queryset(
                selectors.access_log_rows(user=user, filters=filters),
                request,
                self,
            )
            rows = selectors.log_rows(user=user, entries=entries)  # type: ignore[arg-type]
            selectors.log_access_log_read(actor=_actor(request), filters=filters, page=paginator.page)  # type: ignore[attr-defined]
        return paginator.get_paginated_response(s.AccessLogEntrySerializer(rows, many=True).data)


class DataExportView(APIView):
    permission_classes = [privacy_officer_only(part=Part.SUBJECT_EXPORT, read_action=Action.EXPORT)]

    @extend_schema(
        responses=s.DataExportSerializer,
        summary="Inzage (AVG art. 15): alle gegevens over één inwoner, met het toegangslog",
    )
    def get(self, request: Request, resident_id: uuid.UUID) -> Response:
        data_export = selectors.data_subject_export(
            actor=_actor(request, selectors.PURPOSE_DATA_SUBJECT), resident_id=resident_id, fmt="api"
        )
        return Response(data_export.as_json(), headers={"Cache-Control": "no-store"})


class EmergencyAccessListView(generics.ListAPIView):
    permission_classes = [privacy_officer_only(part=Part.EMERGENCY_OVERVIEW, read_action=Action.SEARCH)]
    pagination_class = NoCountPagination
    serializer_class = s.EmergencyAccessReviewItemSerializer
    queryset = EmergencyAccess.objects.none()

    @extend_schema(
        summary="Noodtoegang in uw gemeente, niet beoordeeld eerst (alleen privacy officer)",
        parameters=[
            OpenApiParameter(
                "reviewed", OpenApiTypes.BOOL, description="Alleen beoordeeld (true) of niet (false)."
            ),
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        qs = selectors.emergency_accesses_for_review(request.user)  # type: ignore[arg-type]
        reviewed = request.query_params.get("reviewed")
        if reviewed not in (None, "true", "false"):
            raise ValidationError({"reviewed": ["Gebruik true of false."]})
        if reviewed:
            qs = qs.filter(reviewed_at__isnull=reviewed == "false")
        paginator = self.paginator
        assert paginator is not None
        with transaction.atomic():
            grants = paginator.paginate_queryset(qs, request, self)
            selectors.log_emergency_list_read(actor=_actor(request), grants=grants)  # type: ignore[arg-type]
        return paginator.get_paginated_response(s.EmergencyAccessReviewItemSerializer(grants, many=True).data)


class EmergencyAccessReviewView(APIView):
    permission_classes = [privacy_officer_only(part=Part.EMERGENCY_REVIEW)]

    @extend_schema(
        request=s.ReviewRequestSerializer,
        responses=s.EmergencyAccessReviewItemSerializer,
        summary="Noodtoegang beoordelen, met een toelichting",
    )
    def post(self, request: Request, grant_id: uuid.UUID) -> Response:
        # A grant outside the officer's municipality: 404 before the body is read.
        selectors.emergency_access_in_scope(actor=_actor(request), grant_id=grant_id)
        return write(
            request,
            body=s.ReviewRequestSerializer,  # `note` arrives stripped (CharField trims whitespace)
            service=review_emergency_access,
            answer=lambda _: (
                s.EmergencyAccessReviewItemSerializer(
                    selectors.emergency_accesses_for_review(cast(User, request.user)).get(id=grant_id)
                ).data
            ),
            purpose=selectors.PURPOSE_SUPERVISION,
            grant_id=grant_id,
        )
