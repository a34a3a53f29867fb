"""The data-sharing register of a household: what was shared with whom, why and on what ground, and the
consent the residents gave. Only for those who may open the household file."""

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import actor_from_request
from stevig.datasharing import forms, grounds, selectors, services
from stevig.people.selectors import HOUSEHOLD

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
        "error_form": forms_.get("consent_form")
        or forms_.get("disclosure_form")
        or forms_.get("withdraw_form"),
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
