"""Pages of mandate requests: send (from a trajectory), the department's inbox, the request itself with
the department's and the coordinator's actions, 'mijn verzoeken', the coordinator dashboard, figures.

Thin views: a form checks the input, a selector reads (and logs), a service writes (and logs). A request
out of scope: the denial is logged, the page answers 404 (it does not confirm the request exists). A
trajectory out of scope: 403 with break-the-glass, or 404, as on the trajectory pages.
"""

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stevig.accounts.models import Role
from stevig.audit.models import Action, Part
from stevig.core import access, figures_api
from stevig.core.context import actor_from_request
from stevig.core.pagination import Page, PageRequest
from stevig.datasharing.selectors import active_consents_of
from stevig.mandates import figures, forms, selectors, services
from stevig.mandates.models import Status
from stevig.mandates.selectors import WORKER_ROLES
from stevig.web.forms import form_status, stamp_version, submit

ViewFunc = Callable[..., HttpResponse]
PAGE_SIZE = 25
CONFLICT = _(
    "Iemand anders heeft dit verzoek intussen gewijzigd. Er is nog niets opgeslagen. Bekijk het verzoek en probeer opnieuw."
)


def _page_request(request: HttpRequest) -> PageRequest:
    return PageRequest.from_query(request.GET, size=PAGE_SIZE, max_size=PAGE_SIZE, page_param="pagina")


def _list_context(request: HttpRequest, page: Page[Any], status: str) -> dict[str, Any]:
    """A keyset page of requests (cursor links, no page walk, no count) for inbox.html and mine.html."""
    page = page.bind(request.get_full_path(), page_param="pagina")
    return {
        "rows": page.rows,
        "page": page.number,
        "status": status,
        "statuses": Status.choices,
        "next_url": page.next_url,
        "previous_url": page.previous_url,
    }


# --- Send ------------------------------------------------------------------------------------------------


@access.page(*access.FILE_ROLES, part=Part.MANDATE_REQUEST)
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    try:
        trajectory_id = uuid.UUID(request.GET.get("trajectory", ""))
    except ValueError as exc:
        raise Http404 from exc
    actor = actor_from_request(request)
    trajectory, parts = selectors.request_form(
        actor=actor,
        trajectory_id=trajectory_id,
        action=Action.READ if request.method == "GET" else Action.CREATE,
    )
    consents = list(active_consents_of(trajectory.household_id))
    kwargs = {"municipality_id": actor.municipality_id, "parts": parts, "consents": consents}
    if request.method == "POST":
        form = forms.SendRequestForm(request.POST, **kwargs)
        sent = submit(
            request,
            form,
            lambda data: services.send_request(
                actor=actor,
                trajectory_id=trajectory.id,
                department_id=data["department"].id,
                ask=data["ask"],
                reason=data["reason"],
                urgency=data["urgency"],
                legal_basis=data["legal_basis"],
                resident_ids=[uuid.UUID(v) for v in data["residents"]],
                score_ids=[uuid.UUID(v) for v in data.get("scores", [])],
                goal_ids=[uuid.UUID(v) for v in data.get("goals", [])],
                consent_id=uuid.UUID(data["consent"]) if data.get("consent") else None,
            ),
        )
        if sent.ok and sent.result is not None:
            created = sent.result
            messages.success(
                request,
                _("Het verzoek is verstuurd naar %(department)s. Uiterlijk %(due)s moet het klaar zijn.")
                % {"department": created.department.name, "due": date_format(created.due_on, "j F Y")},
            )
            return redirect("mandates:detail", request_id=created.id)
    else:
        form = forms.SendRequestForm(**kwargs)
    return render(
        request,
        "mandates/new.html",
        {"form": form, "trajectory": trajectory, "parts": parts},
        status=form_status(request, form),
    )


# --- Lists -----------------------------------------------------------------------------------------------


def _status_filter(request: HttpRequest, default: str) -> str:
    value = request.GET.get("status", default)
    return value if value in selectors.STATUS_FILTERS else default


@access.page(Role.DEPARTMENT, part=Part.MANDATE_REQUESTS)
@require_http_methods(["GET"])
def inbox(request: HttpRequest) -> HttpResponse:
    status = _status_filter(request, "open")
    page = selectors.inbox(actor=actor_from_request(request), status=status, page=_page_request(request))
    return render(request, "mandates/inbox.html", _list_context(request, page, status))


@access.page(*access.FILE_ROLES, part=Part.MANDATE_REQUESTS)
@require_http_methods(["GET"])
def mine(request: HttpRequest) -> HttpResponse:
    status = _status_filter(request, "all")
    page = selectors.my_requests(
        actor=actor_from_request(request), status=status, page=_page_request(request)
    )
    return render(request, "mandates/mine.html", _list_context(request, page, status))


@access.page(Role.COORDINATOR, part=Part.COORDINATION)
@require_http_methods(["GET"])
def coordinator(request: HttpRequest) -> HttpResponse:
    dashboard = selectors.coordinator_dashboard(actor=actor_from_request(request))
    return render(request, "mandates/coordinator.html", {"dashboard": dashboard})


@access.page(Role.POLICY, part=Part.FIGURES)
@require_http_methods(["GET"])
def figures_page(request: HttpRequest) -> HttpResponse:
    period, context = figures_api.page_period(request)
    result = (
        selectors.department_figures(actor=actor_from_request(request), period=period) if period else None
    )
    return render(
        request,
        "mandates/figures.html",
        {"figures": result, "rows": result.rows if result else [], "min_group": figures.MIN_GROUP, **context},
        status=200 if result else 400,
    )


# --- One request -----------------------------------------------------------------------------------------


def _detail_context(request: HttpRequest, request_id: uuid.UUID) -> dict[str, Any]:
    detail = selectors.request_detail(actor=actor_from_request(request), request_id=request_id)
    obj = detail.request
    user = request.user
    version = {"version": obj.version}
    is_department = getattr(user, "role", "") == Role.DEPARTMENT
    context: dict[str, Any] = {"detail": detail, "req": obj, "shared": obj.shared_content}
    if is_department and obj.status == Status.RECEIVED:
        context["accept_form"] = forms.VersionForm(initial=version)
    if is_department and obj.status == Status.IN_PROGRESS:
        context["complete_form"] = forms.CompleteForm(initial=version, auto_id="uitvoeren_%s")
    if is_department and obj.is_open and not obj.coordinator_decision:
        context["reject_form"] = forms.RejectForm(initial=version, auto_id="afwijzen_%s")
    role = getattr(user, "role", "")
    undecided = obj.status == Status.REJECTED and not obj.coordinator_outcome
    if role == Role.COORDINATOR and (undecided or detail.overdue):
        context["decision_form"] = forms.DecisionForm(initial=version, auto_id="besluit_%s")
    if role == Role.COORDINATOR and undecided:
        context["confirm_form"] = forms.ConfirmRejectionForm(initial=version, auto_id="bevestigen_%s")
        context["send_back_form"] = forms.SendBackForm(initial=version, auto_id="terugsturen_%s")
    if is_department and obj.is_open and obj.question_asked_at is None:
        context["ask_form"] = forms.AskForm(initial=version, auto_id="vraag_%s")
    if role in WORKER_ROLES and obj.is_open and obj.question_asked_at is not None:
        context["answer_form"] = forms.AnswerForm(initial=version, auto_id="antwoord_%s")
    if role in WORKER_ROLES and obj.status == Status.REJECTED and obj.coordinator_outcome == "teruggestuurd":
        context["resend_form"] = forms.ResendForm(
            initial={**version, "ask": obj.ask, "reason": obj.reason}, auto_id="opnieuw_%s"
        )
    return context


@access.page(*access.FILE_ROLES, Role.DEPARTMENT, part=Part.MANDATE_REQUEST)
@require_http_methods(["GET"])
def request_detail(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    return render(request, "mandates/detail.html", _detail_context(request, request_id))


def _act(
    request: HttpRequest,
    request_id: uuid.UUID,
    form_class: type[forms.VersionForm],
    form_key: str,
    auto_id: str,
    call: Callable[[Any, dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    form = form_class(request.POST, auto_id=auto_id)
    saved = submit(
        request, form, lambda data: call(actor_from_request(request), data), conflict_message=CONFLICT
    )
    if saved.ok:
        messages.success(request, done)
        return redirect("mandates:detail", request_id=request_id)
    context = _detail_context(request, request_id)
    if saved.conflict:
        # The same typed text with the version now stored (read above through the scoped selector):
        # nothing typed is lost, saving again is a conscious choice.
        stamp_version(form, context["req"].version)
    if form_key in context:
        context[form_key] = form
    context["error_form"] = form
    return render(request, "mandates/detail.html", context, status=form_status(request, form))


@access.page(Role.DEPARTMENT, part=Part.MANDATE_REQUEST)
@require_POST
def accept(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        request_id,
        forms.VersionForm,
        "accept_form",
        "id_%s",
        lambda actor, data: services.accept_request(
            actor=actor, request_id=request_id, expected_version=data["version"]
        ),
        _("Het verzoek is in behandeling."),
    )


@access.page(Role.DEPARTMENT, part=Part.MANDATE_REQUEST)
@require_POST
def complete(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        request_id,
        forms.CompleteForm,
        "complete_form",
        "uitvoeren_%s",
        lambda actor, data: services.complete_request(
            actor=actor,
            request_id=request_id,
            expected_version=data["version"],
            outcome=data["outcome"],
            deviation_reason=data.get("deviation_reason", ""),
        ),
        _("Het verzoek is uitgevoerd. De medewerker ziet dit."),
    )


@access.page(Role.DEPARTMENT, part=Part.MANDATE_REQUEST)
@require_POST
def reject(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        request_id,
        forms.RejectForm,
        "reject_form",
        "afwijzen_%s",
        lambda actor, data: services.reject_request(
            actor=actor, request_id=request_id, expected_version=data["version"], reason=data["reason"]
        ),
        _("Het verzoek is afgewezen. Het gaat naar de coördinator."),
    )


@access.page(Role.COORDINATOR, part=Part.MANDATE_REQUEST)
@require_POST
def decide(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        request_id,
        forms.DecisionForm,
        "decision_form",
        "besluit_%s",
        lambda actor, data: services.decide(
            actor=actor, request_id=request_id, expected_version=data["version"], decision=data["decision"]
        ),
        _("Uw besluit is vastgelegd. De afdeling moet het verzoek nu uitvoeren."),
    )


@access.page(Role.DEPARTMENT, part=Part.MANDATE_REQUEST)
@require_POST
def ask(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        request_id,
        forms.AskForm,
        "ask_form",
        "vraag_%s",
        lambda actor, data: services.ask_worker(
            actor=actor, request_id=request_id, expected_version=data["version"], question=data["question"]
        ),
        _("Uw vraag staat bij de medewerker. U ziet haar antwoord in dit verzoek."),
    )


@access.page(*access.FILE_ROLES, part=Part.MANDATE_REQUEST)
@require_POST
def answer(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        request_id,
        forms.AnswerForm,
        "answer_form",
        "antwoord_%s",
        lambda actor, data: services.answer_department(
            actor=actor, request_id=request_id, expected_version=data["version"], answer=data["answer"]
        ),
        _("Uw antwoord staat bij de afdeling."),
    )


@access.page(Role.COORDINATOR, part=Part.MANDATE_REQUEST)
@require_POST
def confirm_rejection(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        request_id,
        forms.ConfirmRejectionForm,
        "confirm_form",
        "bevestigen_%s",
        lambda actor, data: services.confirm_rejection(
            actor=actor, request_id=request_id, expected_version=data["version"], note=data["note"]
        ),
        _("De afwijzing is bevestigd. De medewerker ziet uw uitleg."),
    )


@access.page(Role.COORDINATOR, part=Part.MANDATE_REQUEST)
@require_POST
def send_back(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        request_id,
        forms.SendBackForm,
        "send_back_form",
        "terugsturen_%s",
        lambda actor, data: services.send_back(
            actor=actor, request_id=request_id, expected_version=data["version"], note=data["note"]
        ),
        _("Het verzoek is terug bij de medewerker."),
    )


@access.page(*access.FILE_ROLES, part=Part.MANDATE_REQUEST)
@require_POST
def resend(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    return _act(
        request,
        request_id,
        forms.ResendForm,
        "resend_form",
        "opnieuw_%s",
        lambda actor, data: services.resend_request(
            actor=actor,
            request_id=request_id,
            expected_version=data["version"],
            ask=data["ask"],
            reason=data["reason"],
        ),
        _("Het verzoek is opnieuw verstuurd. Er loopt een nieuwe termijn."),
    )
