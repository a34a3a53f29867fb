"""Pages of the privacy officer for retention: the monthly destruction lists, the review of one file on a
list (approve: the file is destroyed; reject: it stays), and placing or lifting a litigation hold.

Only the privacy role; anyone else gets 403 and the attempt is logged.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stevig.accounts.models import Role
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor, actor_from_request
from stevig.core.errors import VersionConflict
from stevig.core.pagination import PageRequest
from stevig.retention import selectors, services
from stevig.retention.forms import (
    DecideRequestForm,
    HoldSearchForm,
    LiftHoldForm,
    PlaceHoldForm,
    RegisterRequestForm,
    ReviewItemForm,
)
from stevig.retention.models import ItemStatus, RequestStatus
from stevig.web.templatetags.stevig_ui import datum


def _actor(request: HttpRequest) -> Actor:
    return actor_from_request(request, purpose=selectors.PURPOSE)


def _page(part: Part, write_action: Action = Action.UPDATE):  # type: ignore[no-untyped-def]
    return access.page(Role.PRIVACY, part=part, write_action=write_action, purpose=selectors.PURPOSE)


@_page(Part.DESTRUCTION_LIST)
@require_http_methods(["GET"])
def lists(request: HttpRequest) -> HttpResponse:
    """The municipality's monthly destruction lists, newest first (no resident data on this page)."""
    page = (
        PageRequest.from_query(request.GET)
        .page(selectors.lists_for(request.user), keyset=("-month", "id"))  # type: ignore[arg-type]
        .bind(request.get_full_path())
    )
    actor = _actor(request)
    holds = selectors.active_holds(actor=actor)
    requests = selectors.open_requests(actor=actor)
    today = timezone.localdate()
    return render(
        request,
        "retention/lists.html",
        {"page": page, "holds": holds, "requests": requests, "today": today},
    )


@_page(Part.LITIGATION_HOLD, write_action=Action.SEARCH)
@require_http_methods(["GET", "POST"])
def hold_search(request: HttpRequest) -> HttpResponse:
    """Find a household by address to place a litigation hold (POST keeps the address out of the URL)."""
    form = HoldSearchForm(request.POST if request.method == "POST" else None)
    results = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            results = selectors.households_at(actor=_actor(request), **form.cleaned_data)
        else:
            status = 400
    return render(request, "retention/hold_search.html", {"form": form, "results": results}, status=status)


@_page(Part.DESTRUCTION_LIST)
@require_http_methods(["GET"])
def list_detail(request: HttpRequest, list_id: uuid.UUID) -> HttpResponse:
    actor = _actor(request)
    with transaction.atomic():
        destruction_list = selectors.destruction_list(actor=actor, list_id=list_id)
        page = (
            PageRequest.from_query(request.GET)
            .page(selectors.items_of(destruction_list), keyset=("keep_until", "id"))
            .bind(request.get_full_path())
        )
        rows, subjects = selectors.item_views(list(page.object_list), actor.municipality_id)
        selectors.log_list_read(actor=actor, destruction_list=destruction_list, subjects=subjects)
    latest = selectors.latest_list_id(actor.municipality_id) == destruction_list.id
    return render(
        request,
        "retention/list_detail.html",
        {"list": destruction_list, "page": page, "rows": rows, "latest": latest},
    )


@_page(Part.DESTRUCTION_LIST, write_action=Action.DELETE)
@require_http_methods(["GET", "POST"])
def item_detail(request: HttpRequest, item_id: uuid.UUID) -> HttpResponse:
    actor = _actor(request)
    row = selectors.list_item(actor=actor, item_id=item_id)
    form = ReviewItemForm(request.POST or None, initial={"expected_version": row.item.version})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                item = services.review_item(actor=actor, item_id=item_id, **form.cleaned_data)
            except VersionConflict as exc:
                form.add_error(None, exc.message)
                status = 409
            except ValidationError as exc:
                form.add_service_errors(exc, {"household": "__all__"})
                status = 400
            else:
                if item.status == ItemStatus.DESTROYED:
                    messages.success(
                        request, _("Het dossier is vernietigd. De vernietigingsverklaring is bewaard.")
                    )
                else:
                    messages.success(request, _("Afgewezen: het dossier blijft bewaard."))
                return redirect("retention:list_detail", item.destruction_list_id)
        else:
            status = 400
        row = selectors.list_item(actor=actor, item_id=item_id)
    blocking = selectors.blocking(uuid.UUID(row.item.household_ref))
    return render(
        request,
        "retention/item_detail.html",
        {"row": row, "item": row.item, "form": form, "blocking": blocking},
        status=status,
    )


@_page(Part.LITIGATION_HOLD, write_action=Action.CREATE)
@require_http_methods(["GET", "POST"])
def holds(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    actor = _actor(request)
    form = PlaceHoldForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.place_hold(actor=actor, household_id=household_id, **form.cleaned_data)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("De bewaarplicht staat erop. Het dossier wordt niet vernietigd."))
                return redirect("retention:holds", household_id)
        status = 400
    return _holds_page(request, actor, household_id, form=form, status=status)


def _holds_page(
    request: HttpRequest,
    actor: Actor,
    household_id: uuid.UUID,
    *,
    form: PlaceHoldForm,
    lift_id: uuid.UUID | None = None,
    lift_form: LiftHoldForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The holds page: each active hold with its own lift form (ids unique per hold)."""
    household, holds = selectors.read_holds(actor=actor, household_id=household_id)
    rows = []
    for hold in holds:
        lift = None
        if hold.lifted_at is None:
            lift = lift_form if hold.id == lift_id and lift_form is not None else LiftHoldForm()
            lift.auto_id = f"opheffen-{hold.id}-%s"
        rows.append((hold, lift))
    return render(
        request, "retention/holds.html", {"household": household, "rows": rows, "form": form}, status=status
    )


@_page(Part.LITIGATION_HOLD)
@require_POST
def lift_hold(request: HttpRequest, hold_id: uuid.UUID) -> HttpResponse:
    actor = _actor(request)
    form = LiftHoldForm(request.POST)
    household_id = selectors.hold_household_id(actor=actor, hold_id=hold_id)
    if form.is_valid():
        try:
            services.lift_hold(actor=actor, hold_id=hold_id, **form.cleaned_data)
        except VersionConflict as exc:
            messages.error(request, exc.message)
            return redirect("retention:holds", household_id)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("De bewaarplicht is opgeheven."))
            return redirect("retention:holds", household_id)
    return _holds_page(
        request, actor, household_id, form=PlaceHoldForm(), lift_id=hold_id, lift_form=form, status=400
    )


# ---- Destruction on request (Jeugdwet art. 7.3.9, Wmo 2015 art. 5.3.5) ---------------------------------


@access.page(
    Role.PRIVACY,
    Role.WORKER,
    Role.TEAM_LEAD,
    Role.COORDINATOR,
    part=Part.DESTRUCTION_LIST,
    write_action=Action.CREATE,
)
@require_http_methods(["GET", "POST"])
def register_request(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    """A worker (who may see the household) or the privacy officer writes down a resident's request to
    destroy their file. The check of the household happens on GET too (a logged denial when out of scope)."""
    actor = actor_from_request(request) if request.user.role != Role.PRIVACY else _actor(request)  # type: ignore[union-attr]
    household = selectors.household_for_request(actor=actor, household_id=household_id)
    form = RegisterRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                created = services.register_destruction_request(
                    actor=actor, household_id=household_id, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(
                    request,
                    _("Het verzoek is vastgelegd. De privacy officer besluit uiterlijk op %(due)s.")
                    % {"due": datum(created.due_on)},
                )
                if request.user.role == Role.PRIVACY:  # type: ignore[union-attr]
                    return redirect("retention:request_detail", created.id)
                return redirect("people:household", household_id)
        status = 400
    selectors.log_register_page_read(actor=actor, household=household)
    return render(
        request, "retention/request_register.html", {"household": household, "form": form}, status=status
    )


@_page(Part.DESTRUCTION_LIST, write_action=Action.DELETE)
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, request_id: uuid.UUID) -> HttpResponse:
    """The privacy officer decides on a destruction request: carry it out (the file is destroyed now) or
    refuse it on a legal exception with her reason. 409 when it was decided since she read it."""
    actor = _actor(request)
    destruction_request, address, blocking = selectors.request_view(actor=actor, request_id=request_id)
    form = DecideRequestForm(request.POST or None, initial={"expected_version": destruction_request.version})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                decided = services.decide_destruction_request(
                    actor=actor, request_id=request_id, **form.cleaned_data
                )
            except VersionConflict as exc:
                form.add_error(None, exc.message)
                status = 409
            except ValidationError as exc:
                form.add_service_errors(exc, {"household": "__all__"})
                status = 400
            else:
                if decided.status == RequestStatus.DONE:
                    messages.success(
                        request, _("Het dossier is vernietigd. De vernietigingsverklaring is bewaard.")
                    )
                else:
                    messages.success(request, _("Het verzoek is geweigerd: het dossier blijft bewaard."))
                return redirect("retention:request_detail", request_id)
        else:
            status = 400
        destruction_request, address, blocking = selectors.request_view(actor=actor, request_id=request_id)
    return render(
        request,
        "retention/request_detail.html",
        {
            "req": destruction_request,
            "address": address,
            "blocking": blocking,
            "form": form,
            "overdue": destruction_request.status == RequestStatus.OPEN
            and destruction_request.due_on < timezone.localdate(),
        },
        status=status,
    )
