"""Decision endpoints. The same services and selectors as the pages: out of scope → 404 (logged), business
rules → 400 {field: [messages]}, stale version → 409."""

import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from stevig.audit.models import Action, Part
from stevig.core import access, figures_api
from stevig.core.api import current_values, write
from stevig.core.context import actor_from_request
from stevig.core.pagination import NoCountPagination, page_response
from stevig.decisions import selectors, services
from stevig.decisions.api import serializers as s
from stevig.decisions.models import Decision, LetterPdfStatus
from stevig.decisions.views import PDF_RETRY_SECONDS, pdf_response
from stevig.people.selectors import HOUSEHOLD


def _decision_data(request: Request, decision_id: uuid.UUID) -> Any:
    """A decision as the API shows it: read again through the detail selector, with its contacts."""
    view = selectors.decision_detail(actor=actor_from_request(request), decision_id=decision_id)
    return s.DecisionSerializer(view.decision, context={"contacts": {view.decision.id: view.contacts}}).data


def _decision_answer(request: Request) -> Callable[[Decision], Any]:
    """`core.api.write`'s answer for a write whose service gives a decision."""
    return lambda decision: _decision_data(request, decision.id)


class CategoryListView(APIView):
    @extend_schema(
        responses=s.DecisionCategorySerializer(many=True), summary="Productcategorieën van de gemeente"
    )
    def get(self, request: Request) -> Response:
        rows = selectors.categories_for(request.user)  # type: ignore[arg-type]
        return page_response(request, rows, s.DecisionCategorySerializer, view=self)


class HouseholdDecisionsView(APIView):
    @extend_schema(
        responses=s.DecisionSerializer(many=True),
        summary="Beschikkingen van een huishouden (met contactmomenten)",
    )
    def get(self, request: Request, household_id: uuid.UUID) -> Response:
        actor = actor_from_request(request)
        household = access.scoped_get(
            HOUSEHOLD, actor=actor, pk=household_id, action=Action.SEARCH, part=Part.DECISIONS
        )
        paginator = NoCountPagination()
        rows: list[Decision] = paginator.paginate_queryset(
            selectors.decisions_of(household), request, view=self
        )
        selectors.log_listed(
            actor=actor,
            household=household,
            part=Part.DECISIONS,
            resident_ids=[d.resident_id for d in rows],
            object_type="decision",
        )
        context = {"contacts": selectors.contacts_by_decision(rows)}
        return paginator.get_paginated_response(s.DecisionSerializer(rows, many=True, context=context).data)

    @extend_schema(
        request=s.DecisionCreateSerializer,
        responses={201: s.DecisionSerializer},
        summary="Besluit vastleggen (reden verplicht; pgb met motivatie; zonder einddatum alleen bij een "
        "levenslange beperking)",
    )
    def post(self, request: Request, household_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.DecisionCreateSerializer,
            service=services.create_decision,
            answer=_decision_answer(request),
            created=True,
            household_id=household_id,
        )


class HouseholdApplicationsView(APIView):
    @extend_schema(
        responses=s.DecisionApplicationSerializer(many=True), summary="Aanvragen van een huishouden"
    )
    def get(self, request: Request, household_id: uuid.UUID) -> Response:
        actor = actor_from_request(request)
        household = access.scoped_get(
            HOUSEHOLD, actor=actor, pk=household_id, action=Action.SEARCH, part=Part.DECISIONS
        )
        paginator = NoCountPagination()
        rows = paginator.paginate_queryset(selectors.applications_of(household), request, view=self)
        selectors.log_listed(
            actor=actor,
            household=household,
            part=Part.APPLICATIONS,
            resident_ids=[a.resident_id for a in rows],
            object_type="application",
        )
        return paginator.get_paginated_response(s.DecisionApplicationSerializer(rows, many=True).data)

    @extend_schema(
        request=s.DecisionApplicationCreateSerializer,
        responses={201: s.DecisionApplicationSerializer},
        summary="Aanvraag vastleggen (de wettelijke termijn wordt berekend)",
    )
    def post(self, request: Request, household_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.DecisionApplicationCreateSerializer,
            service=services.record_application,
            answer=s.DecisionApplicationSerializer,
            created=True,
            household_id=household_id,
        )


class WithdrawApplicationView(APIView):
    @extend_schema(
        request=s.DecisionWithdrawSerializer,
        responses=s.DecisionApplicationSerializer,
        summary="Aanvraag intrekken",
    )
    def post(self, request: Request, application_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.DecisionWithdrawSerializer,
            service=services.withdraw_application,
            answer=s.DecisionApplicationSerializer,
            application_id=application_id,
        )


class HouseholdLimitationsView(APIView):
    @extend_schema(
        responses=s.LifelongLimitationSerializer(many=True),
        summary="Levenslange of levensbrede beperkingen van de leden van een huishouden",
    )
    def get(self, request: Request, household_id: uuid.UUID) -> Response:
        actor = actor_from_request(request)
        household = access.scoped_get(
            HOUSEHOLD, actor=actor, pk=household_id, action=Action.SEARCH, part=Part.DECISIONS
        )
        paginator = NoCountPagination()
        rows = paginator.paginate_queryset(selectors.limitations_of(household), request, view=self)
        selectors.log_listed(
            actor=actor,
            household=household,
            part=Part.LIFELONG_LIMITATION,
            resident_ids=[f.resident_id for f in rows],
            object_type="lifelong_limitation",
        )
        return paginator.get_paginated_response(s.LifelongLimitationSerializer(rows, many=True).data)

    @extend_schema(
        request=s.LifelongLimitationCreateSerializer,
        responses={201: s.LifelongLimitationSerializer},
        summary="Levenslange of levensbrede beperking vastleggen",
    )
    def post(self, request: Request, household_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.LifelongLimitationCreateSerializer,
            service=services.flag_lifelong,
            answer=s.LifelongLimitationSerializer,
            created=True,
            household_id=household_id,
        )


class EndLimitationView(APIView):
    @extend_schema(
        request=s.LifelongLimitationEndSerializer,
        responses=s.LifelongLimitationSerializer,
        summary="Levenslange beperking beëindigen",
    )
    def post(self, request: Request, limitation_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.LifelongLimitationEndSerializer,
            service=services.end_lifelong,
            answer=s.LifelongLimitationSerializer,
            limitation_id=limitation_id,
        )


class DecisionDetailView(APIView):
    @extend_schema(
        responses=s.DecisionSerializer, summary="Eén beschikking met contactmomenten en bezwaartermijn"
    )
    def get(self, request: Request, decision_id: uuid.UUID) -> Response:
        return Response(_decision_data(request, decision_id))

    @extend_schema(
        request=s.DecisionUpdateSerializer,
        responses=s.DecisionSerializer,
        summary="Beschikking corrigeren (alleen de gestuurde velden; 409 bij een oude versie)",
    )
    def patch(self, request: Request, decision_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.DecisionUpdateSerializer,
            service=services.update_decision,
            answer=_decision_answer(request),
            current=lambda actor: current_values(
                access.scoped_get(
                    selectors.DECISION, actor=actor, pk=decision_id, action=Action.UPDATE, part=Part.DECISION
                ),
                s.DecisionUpdateSerializer,
            ),
            decision_id=decision_id,
        )


class LetterView(APIView):
    @extend_schema(responses=s.DecisionLetterSerializer, summary="De tekst van de beschikkingsbrief (B1)")
    def get(self, request: Request, decision_id: uuid.UUID) -> Response:
        letter = selectors.letter_for(actor=actor_from_request(request), decision_id=decision_id, fmt="json")
        return Response(s.DecisionLetterSerializer(letter).data)


class LetterPdfView(APIView):
    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="De brief als PDF."),
            (202, "application/json"): OpenApiResponse(
                s.LetterPdfPendingSerializer,
                description="De PDF wordt gemaakt. Vraag hem na `Retry-After` seconden opnieuw op.",
            ),
            (404, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="Geen beschikking binnen uw bereik."
            ),
        },
        summary="De beschikkingsbrief als PDF",
        description="De PDF wordt op de achtergrond gemaakt. Zolang hij niet klaar is, antwoordt dit "
        "endpoint 202 met een `Retry-After`-kop; daarna 200 met de PDF.",
        operation_id="decisions_letter_pdf_retrieve",
    )
    def get(self, request: Request, decision_id: uuid.UUID) -> HttpResponse:
        pdf = services.request_letter_pdf(actor=actor_from_request(request), decision_id=decision_id)
        if pdf.status == LetterPdfStatus.READY:
            return pdf_response(pdf)
        data = {
            "status": pdf.status,
            "detail": "De PDF wordt gemaakt. Probeer het over een paar seconden opnieuw.",
        }
        response = Response(
            s.LetterPdfPendingSerializer(data).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Retry-After": str(PDF_RETRY_SECONDS), "Cache-Control": "no-store"},
        )
        return response


class ContactDoneView(APIView):
    @extend_schema(
        request=s.PeriodicContactDoneSerializer,
        responses=s.PeriodicContactSerializer,
        summary="Contactmoment (geen herindicatie) vastleggen",
    )
    def post(self, request: Request, contact_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.PeriodicContactDoneSerializer,
            service=services.record_contact,
            answer=s.PeriodicContactSerializer,
            contact_id=contact_id,
        )


class ContinueView(APIView):
    @extend_schema(
        request=s.ContinueDecisionSerializer,
        responses={201: s.DecisionSerializer},
        summary="Voortzetten zonder herindicatie: een nieuwe levenslange beschikking met dezelfde inhoud",
    )
    def post(self, request: Request, decision_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ContinueDecisionSerializer,
            service=services.continue_decision,
            answer=_decision_answer(request),
            created=True,
            decision_id=decision_id,
        )


class DueView(APIView):
    @extend_schema(
        responses=s.DecisionDueItemSerializer(many=True),
        summary="Werklijst: aanvragen met termijn, contactmomenten en beschikkingen die binnen drie maanden aflopen",
    )
    def get(self, request: Request) -> Response:
        items = selectors.due_worklist(actor=actor_from_request(request))
        return page_response(request, items, s.DecisionDueItemSerializer, view=self)


class FiguresView(APIView):
    @extend_schema(
        parameters=[figures_api.PeriodQuerySerializer],
        responses=figures_api.PeriodFigureSerializer(many=True),
        summary="Cijfers voor beleid per kwartaal of jaar: eigen reden, passende duur bij levenslange beperking",
    )
    def get(self, request: Request) -> Response:
        period = figures_api.period_from_query(request.query_params)
        result = selectors.figures_for(actor=actor_from_request(request), period=period)
        return page_response(
            request, figures_api.period_rows(result), figures_api.PeriodFigureSerializer, view=self
        )


class SendDecisionView(APIView):
    @extend_schema(
        request=s.DecisionSendSerializer,
        responses=s.DecisionSerializer,
        summary="Verzenddatum vastleggen (bekendmaking); de bezwaartermijn loopt vanaf de dag erna",
    )
    def post(self, request: Request, decision_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.DecisionSendSerializer,
            service=services.record_sending,
            answer=_decision_answer(request),
            decision_id=decision_id,
        )


class WithdrawDecisionView(APIView):
    @extend_schema(
        request=s.DecisionWithdrawSerializer,
        responses=s.DecisionSerializer,
        summary="Beschikking intrekken; de oude versie blijft leesbaar",
    )
    def post(self, request: Request, decision_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.DecisionWithdrawSerializer,
            service=services.withdraw_decision,
            answer=_decision_answer(request),
            decision_id=decision_id,
        )


class SuspendApplicationView(APIView):
    @extend_schema(
        request=s.ApplicationSuspendSerializer,
        responses=s.DecisionApplicationSerializer,
        summary="Termijn opschorten (Awb 4:15): de uiterste datum schuift mee",
    )
    def post(self, request: Request, application_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ApplicationSuspendSerializer,
            service=services.suspend_application,
            answer=s.DecisionApplicationSerializer,
            application_id=application_id,
        )


class PostponeApplicationView(APIView):
    @extend_schema(
        request=s.ApplicationPostponeSerializer,
        responses=s.DecisionApplicationSerializer,
        summary="Beslissing verdagen (Awb 4:14 lid 3) tot een nieuwe datum, met reden",
    )
    def post(self, request: Request, application_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.ApplicationPostponeSerializer,
            service=services.postpone_application,
            answer=s.DecisionApplicationSerializer,
            application_id=application_id,
        )


class DecisionRemediesView(APIView):
    @extend_schema(
        responses=s.LegalRemedySerializer(many=True),
        summary="Bezwaren, klachten en beroepen tegen een beschikking",
    )
    def get(self, request: Request, decision_id: uuid.UUID) -> Response:
        view = selectors.decision_detail(actor=actor_from_request(request), decision_id=decision_id)
        return page_response(request, view.remedies, s.LegalRemedySerializer, view=self)

    @extend_schema(
        request=s.LegalRemedyCreateSerializer,
        responses={201: s.LegalRemedySerializer},
        summary="Bezwaar, klacht of beroep vastleggen (bezwaar te laat: reden van verschoonbaarheid verplicht)",
    )
    def post(self, request: Request, decision_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.LegalRemedyCreateSerializer,
            service=services.register_remedy,
            answer=s.LegalRemedySerializer,
            created=True,
            decision_id=decision_id,
        )


class PostponeRemedyView(APIView):
    @extend_schema(
        request=s.LegalRemedyPostponeSerializer,
        responses=s.LegalRemedySerializer,
        summary="Beslissing op bezwaar (+6 weken, Awb 7:10 lid 3) of klacht (+4 weken, Awb 9:11 lid 2) verdagen",
    )
    def post(self, request: Request, remedy_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.LegalRemedyPostponeSerializer,
            service=services.postpone_remedy,
            answer=s.LegalRemedySerializer,
            remedy_id=remedy_id,
        )


class DecideRemedyView(APIView):
    @extend_schema(
        request=s.LegalRemedyDecideSerializer,
        responses=s.LegalRemedySerializer,
        summary="Beslissing op bezwaar of klacht vastleggen",
    )
    def post(self, request: Request, remedy_id: uuid.UUID) -> Response:
        return write(
            request,
            body=s.LegalRemedyDecideSerializer,
            service=services.decide_remedy,
            answer=s.LegalRemedySerializer,
            remedy_id=remedy_id,
        )


class SignatoryListView(APIView):
    @extend_schema(
        responses=s.SignatorySerializer(many=True),
        summary="Wie mag vandaag tekenen namens het college (register van mandaat en volmacht)",
    )
    def get(self, request: Request) -> Response:
        rows = selectors.signatories_for(actor_from_request(request))
        return page_response(request, rows, s.SignatorySerializer, view=self)
