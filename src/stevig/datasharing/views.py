"""The data-sharing register of a household: what was shared with whom, why and on what ground, and the
consent the residents gave. Only for those who may open the household file."""

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stevig.accounts.models import Role
from stevig.audit.models import Action
from stevig.core.context import actor_from_request
from stevig.core.views import staff_required
from stevig.datasharing import forms, selectors, services
from stevig.people.selectors import FileAccessDenied, deny_household

FILE_ROLES = (Role.WORKER, Role.TEAM_LEAD, Role.COORDINATOR)
ViewFunc = Callable[..., HttpResponse]


def register_page(*, part: str) -> Callable[[ViewFunc], ViewFunc]:
    """File roles only (another role: denied row, then 403). Out of scope: 403 with break-the-glass or 404."""

    def decorator(view: ViewFunc) -> ViewFunc:
        guarded = staff_required(*FILE_ROLES)(view)

        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if (
                user.is_authenticated
                and getattr(user, "is_verified", lambda: False)()
                and getattr(user, "is_staff_member", False)
                and getattr(user, "role", "") not in FILE_ROLES
                and "household_id" in kwargs
            ):
                action = Action.READ if request.method in ("GET", "HEAD") else Action.UPDATE
                deny_household(
                    actor=actor_from_request(request),
                    household_id=kwargs["household_id"],
                    action=action,
                    part=part,
                )
            try:
                return guarded(request, *args, **kwargs)
            except FileAccessDenied as exc:
                if not exc.can_break_glass:
                    raise Http404 from exc
                return render(
                    request, "datasharing/no_access.html", {"household_id": exc.household_id}, status=403
                )

        return wrapped

    return decorator


def _apply_errors(form: Any, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def _render(request: HttpRequest, household_id: uuid.UUID, status: int = 200, **forms_: Any) -> HttpResponse:
    register = selectors.household_register(actor=actor_from_request(request), household_id=household_id)
    context = {
        "register": register,
        "household": register.household,
        "consent_form": forms_.get("consent_form") or forms.ConsentForm(members=register.members),
        "disclosure_form": forms_.get("disclosure_form")
        or forms.DisclosureForm(members=register.members, consents=register.consents),
        "error_form": forms_.get("consent_form")
        or forms_.get("disclosure_form")
        or forms_.get("withdraw_form"),
    }
    return render(request, "datasharing/register.html", context, status=status)


@register_page(part="gegevensdeling")
@require_http_methods(["GET"])
def register(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    return _render(request, household_id)


@register_page(part="toestemming")
@require_POST
def consent_add(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    household = selectors.household_in_scope(
        actor=actor, household_id=household_id, action=Action.CREATE, part="toestemming"
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
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("De toestemming is vastgelegd."))
            return redirect("datasharing:register", household_id=household.id)
    return _render(request, household.id, status=400, consent_form=form)


@register_page(part="gegevensdeling")
@require_POST
def disclosure_add(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    household = selectors.household_in_scope(actor=actor, household_id=household_id, action=Action.CREATE)
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


@register_page(part="toestemming")
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
