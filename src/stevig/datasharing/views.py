"""The data-sharing register of a household: what was shared with whom, why and on what ground, and the
consent the residents gave. Only for those who may open the household file."""

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stevig.accounts.models import Role
from stevig.audit.models import Action, Part
from stevig.audit.purposes import Purpose
from stevig.core import access
from stevig.core.context import actor_from_request
from stevig.core.pagination import PageRequest
from stevig.datasharing import forms, grounds, selectors, services
from stevig.people.selectors import HOUSEHOLD
from stevig.web.forms import form_status, mark_errors, submit

ViewFunc = Callable[..., HttpResponse]


def _apply_errors(form: Any, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def _render(request: HttpRequest, household_id: uuid.UUID, status: int = 200, **forms_: Any) -> HttpResponse:
    register = selectors.household_register(actor=actor_from_request(request), household_id=household_id)
    context = {
        "register": register,
        "household": register.household,
        "grounds": grounds.catalogue_rows(),
        "consent_form": forms_.get("consent_form") or forms.ConsentForm(members=register.members),
        "disclosure_form": forms_.get("disclosure_form")
        or forms.DisclosureForm(members=register.members, consents=register.consents),
        "request_form": forms_.get("request_form")
        or forms.SubjectRequestForm(members=register.members, initial={"received_on": timezone.localdate()}),
        "error_form": forms_.get("consent_form")
        or forms_.get("disclosure_form")
        or forms_.get("withdraw_form")
        or forms_.get("request_form"),
    }
    return render(request, "datasharing/register.html", context, status=status)


@access.page(*access.FILE_ROLES, part=Part.DATA_SHARING)
@require_http_methods(["GET"])
def register(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    return _render(request, household_id)


@access.page(*access.FILE_ROLES, part=Part.CONSENT)
@require_POST
def consent_add(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    household = access.scoped_get(
        HOUSEHOLD, actor=actor, pk=household_id, action=Action.CREATE, part=Part.CONSENT
    )
    members = list(selectors.current_members(household.id))
    form = forms.ConsentForm(request.POST, members=members)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_consent(
                actor=actor,
                household_id=household.id,
                resident_id=uuid.UUID(data["resident"]),
                given_on=data["given_on"],
                method=data["method"],
                purpose=data["purpose"],
                recipient=data.get("recipient", ""),
                categories=data["categories"],
                health_explicit=data.get("health_explicit", False),
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("De toestemming is vastgelegd."))
            return redirect("datasharing:register", household_id=household.id)
    return _render(request, household.id, status=400, consent_form=form)


@access.page(*access.FILE_ROLES, part=Part.DATA_SHARING)
@require_POST
def disclosure_add(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    household = access.scoped_get(
        HOUSEHOLD, actor=actor, pk=household_id, action=Action.CREATE, part=Part.DATA_SHARING
    )
    members = list(selectors.current_members(household.id))
    form = forms.DisclosureForm(
        request.POST, members=members, consents=list(selectors.active_consents_of(household.id))
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_disclosure(
                actor=actor,
                household=household,
                residents=[uuid.UUID(v) for v in data["residents"]],
                recipient_kind=data["recipient_kind"],
                recipient=data["recipient"],
                purpose=data["purpose"],
                legal_basis=data["legal_basis"],
                consent=uuid.UUID(data["consent"]) if data.get("consent") else None,
                categories=data["categories"],
                disclosed_on=data["disclosed_on"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Het delen is vastgelegd in het register."))
            return redirect("datasharing:register", household_id=household.id)
    return _render(request, household.id, status=400, disclosure_form=form)


@access.page(*access.FILE_ROLES, part=Part.CONSENT)
@require_POST
def consent_withdraw(request: HttpRequest, household_id: uuid.UUID, consent_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    form = forms.WithdrawForm(request.POST)
    if form.is_valid():
        try:
            consent = services.withdraw_consent(
                actor=actor, consent_id=consent_id, note=form.cleaned_data.get("note", "")
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("De toestemming is ingetrokken. Op deze toestemming kan niets meer gedeeld worden."),
            )
            return redirect("datasharing:register", household_id=consent.household_id)
    return _render(request, household_id, status=400, withdraw_form=form)


@access.page(*access.FILE_ROLES, part=Part.SUBJECT_REQUEST, write_action=Action.CREATE)
@require_POST
def subject_request_add(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    """A worker registers an AVG art. 16 or 18 request on the resident's behalf."""
    actor = actor_from_request(request)
    household = access.scoped_get(
        HOUSEHOLD, actor=actor, pk=household_id, action=Action.CREATE, part=Part.SUBJECT_REQUEST
    )
    form = forms.SubjectRequestForm(request.POST, members=list(selectors.current_members(household.id)))
    done = submit(
        request,
        form,
        lambda data: services.file_subject_request(
            actor=actor,
            household_id=household.id,
            resident_id=uuid.UUID(data["resident"]),
            right=data["right"],
            what=data["what"],
            correction=data.get("correction", ""),
            ground=data.get("ground", ""),
            received_on=data["received_on"],
        ),
    )
    if done.ok:
        messages.success(
            request, _("Het verzoek staat bij de privacy officer. Die beslist binnen een maand.")
        )
        return redirect(reverse("datasharing:register", args=[household.id]) + "#verzoeken")
    return _render(request, household.id, status=400, request_form=form)


def _privacy_actor(request: HttpRequest) -> Any:
    return actor_from_request(request, purpose=Purpose.DATA_SUBJECT)


@access.page(Role.PRIVACY, part=Part.SUBJECT_REQUESTS, purpose=Purpose.DATA_SUBJECT)
@require_http_methods(["GET"])
def subject_requests(request: HttpRequest) -> HttpResponse:
    """The privacy officer's worklist: open AVG art. 16/18 requests, the earliest due first."""
    only_open = request.GET.get("alle") != "1"
    page = (
        PageRequest.from_query(request.GET)
        .page(selectors.subject_request_worklist(request.user, only_open=only_open))  # type: ignore[arg-type]
        .bind(request.get_full_path())
    )
    selectors.log_worklist_read(actor=_privacy_actor(request), rows=list(page.object_list))
    today = timezone.localdate()
    rows = [
        {
            "request": r,
            "due": r.due_on,
            "days_left": (r.due_on - today).days,
            "days_late": max(0, (today - r.due_on).days),
        }
        for r in page.object_list
    ]
    return render(request, "datasharing/requests.html", {"page": page, "rows": rows, "only_open": only_open})


@access.page(Role.PRIVACY, part=Part.SUBJECT_REQUEST, purpose=Purpose.DATA_SUBJECT)
@require_http_methods(["GET", "POST"])
def subject_request(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    """One request: extend (art. 12 lid 3), decide with a reason, lift a restriction (art. 18 lid 3)."""
    actor = _privacy_actor(request)
    step = request.POST.get("stap", "") if request.method == "POST" else ""
    bound = {step: request.POST} if step else {}
    extend_form = forms.ExtendForm(bound.get("verlengen"))
    decide_form = forms.DecideForm(bound.get("besluiten"))
    lift_form = forms.LiftForm(bound.get("opheffen"))
    actions: dict[str, tuple[Any, Callable[[dict[str, Any]], Any]]] = {
        "verlengen": (
            extend_form,
            lambda d: services.extend_subject_request(
                actor=actor,
                request_id=request_id,
                version=d["version"],
                reason=d["reason"],
                informed_on=d["informed_on"],
            ),
        ),
        "besluiten": (
            decide_form,
            lambda d: services.decide_subject_request(
                actor=actor,
                request_id=request_id,
                version=d["version"],
                outcome=d["outcome"],
                reason=d["reason"],
                # Only the fields the page showed (a rectification request); the service applies what changed.
                corrections={k: d[k] for k in forms.DecideForm.CORRECTION_FIELDS if k in request.POST},
                resident_version=d.get("resident_version"),
            ),
        ),
        "opheffen": (
            lift_form,
            lambda d: services.lift_restriction(
                actor=actor,
                request_id=request_id,
                version=d["version"],
                reason=d["reason"],
                informed_on=d["informed_on"],
            ),
        ),
    }
    if step in actions:
        form, action = actions[step]
        if submit(request, form, action).ok:
            messages.success(request, _("Opgeslagen."))
            return redirect("datasharing:subject_request", request_id=request_id)
    elif request.method == "POST":
        mark_errors(request)
    detail = selectors.subject_request_detail(actor=actor, request_id=request_id)
    version = {"version": detail.request.version}
    for form in (extend_form, decide_form, lift_form):
        if not form.is_bound:
            form.initial.update(version)
    if not decide_form.is_bound:
        resident = detail.request.resident
        decide_form.initial.update(
            {name: getattr(resident, name) for name in forms.DecideForm.CORRECTION_FIELDS},
            resident_version=resident.version,
        )
    return render(
        request,
        "datasharing/request.html",
        {
            "detail": detail,
            "req": detail.request,
            "extend_form": extend_form,
            "decide_form": decide_form,
            "lift_form": lift_form,
            "error_form": next((f for f in (extend_form, decide_form, lift_form) if f.errors), None),
        },
        status=form_status(request, extend_form, decide_form, lift_form),
    )


@access.page(Role.PRIVACY, part=Part.DATA_SHARING, purpose=Purpose.SUPERVISION)
@require_http_methods(["GET"])
def municipality_register(request: HttpRequest) -> HttpResponse:
    """The privacy officer's register of every disclosure (AVG art. 30), filterable by ground and source."""
    form = forms.RegisterFilterForm(request.GET or None)
    basis, source = "", None
    if form.is_valid():
        basis = form.cleaned_data.get("legal_basis") or ""
        source = form.cleaned_data.get("source_type") or None
        if source == forms.TYPED_IN:
            source = ""
    page = (
        PageRequest.from_query(request.GET)
        .page(selectors.municipality_register(request.user, legal_basis=basis, source_type=source))  # type: ignore[arg-type]
        .bind(request.get_full_path())
    )
    rows = list(page.object_list)
    selectors.log_register_read(actor=actor_from_request(request, purpose=Purpose.SUPERVISION), rows=rows)
    return render(
        request,
        "datasharing/municipality_register.html",
        {"page": page, "rows": rows, "form": form, "sources": selectors.SOURCE_LABELS},
    )
