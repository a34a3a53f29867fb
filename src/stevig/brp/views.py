import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stevig.audit.models import Part
from stevig.brp import services
from stevig.brp.client import BrpError
from stevig.brp.forms import BrpSearchForm, BsnForm, TakeOverForm
from stevig.core import access
from stevig.core.context import actor_from_request


@access.page(*access.FILE_ROLES, part=Part.BRP)
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    form = BrpSearchForm(request.POST if request.method == "POST" else None)
    results = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                results = services.search(
                    actor=actor_from_request(request),
                    bsn=form.cleaned_data["bsn"],
                    surname=form.cleaned_data["surname"],
                    birth_date=form.cleaned_data["birth_date"],
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            except BrpError as exc:
                form.add_error(None, exc.message)
                status = 502
        if form.errors and status == 200:
            status = 400
    return render(request, "brp/search.html", {"form": form, "results": results}, status=status)


@access.page(*access.FILE_ROLES, part=Part.HOUSEHOLD)
@require_http_methods(["POST"])
def household_new(request: HttpRequest) -> HttpResponse:
    form = BsnForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            household = services.household_from_brp(
                actor=actor_from_request(request),
                bsn=form.cleaned_data["bsn"],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        except BrpError as exc:
            error = exc.message
        else:
            messages.success(request, _("Het huishouden is aangemaakt met de gegevens uit de BRP."))
            return redirect("people:household", household_id=household.id)
    else:
        error = _("Dit BSN klopt niet.")
    return render(
        request, "brp/search.html", {"form": BrpSearchForm(), "results": None, "error": error}, status=400
    )


@access.page(*access.FILE_ROLES, part=Part.BRP_DIFFERENCES)
@require_http_methods(["GET", "POST"])
def differences(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    error = ""
    status = 200
    if request.method == "POST":
        form = TakeOverForm(request.POST)
        if form.is_valid():
            try:
                done = services.take_over(
                    actor=actor,
                    household_id=household_id,
                    kind=form.cleaned_data["kind"],
                    bsn=form.cleaned_data["bsn"],
                )
            except ValidationError as exc:
                error, status = " ".join(exc.messages), 400
            except BrpError as exc:
                error, status = exc.message, 502
            else:
                messages.success(request, _("Overgenomen uit de BRP: %(text)s") % {"text": done.text})
                return redirect("brp:differences", household_id=household_id)
        else:
            error, status = _("Dit verschil kan niet worden overgenomen."), 400
    try:
        household, found = services.differences(actor=actor, household_id=household_id)
    except BrpError as exc:
        household, found = None, []
        error, status = exc.message, 502
    return render(
        request,
        "brp/differences.html",
        {"household": household, "household_id": household_id, "differences": found, "error": error},
        status=status,
    )
