"""Pages for system bottlenecks: a professional raises one (from a trajectory or the start page) and sees
the answer; policy sees similar signals together, makes a group, follows it and answers it."""

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stevig.accounts.models import Role
from stevig.core import access
from stevig.core.context import actor_from_request
from stevig.core.errors import AccessDenied, VersionConflict
from stevig.core.pagination import PageRequest
from stevig.signalering import selectors, services
from stevig.signalering.forms import AnswerForm, GroupForm, SignalForm
from stevig.signalering.models import Category
from stevig.socialmap.models import Facility
from stevig.tenancy.models import Department, Neighbourhood

RAISE_ROLES = tuple(access.FILE_ROLES)
READ_ROLES = (*RAISE_ROLES, Role.POLICY)


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


@access.page(*READ_ROLES)
@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if actor.role == Role.POLICY:
        return render(
            request,
            "signalering/policy.html",
            {
                "clusters": selectors.clusters(actor),
                "groups": list(selectors.group_list(actor)[:50]),
                "group_form": GroupForm(),
            },
        )
    page = (
        PageRequest.from_query(request.GET)
        .page(selectors.signal_list(actor), keyset=("-created_at", "-id"))
        .bind(request.get_full_path())
    )
    return render(request, "signalering/list.html", {"page": page})


def _signal_form(request: HttpRequest, data: Any = None, initial: Any = None) -> SignalForm:
    municipality_id = request.user.municipality_id  # type: ignore[union-attr]
    return SignalForm(
        data,
        initial=initial,
        neighbourhoods=Neighbourhood.objects.filter(municipality_id=municipality_id).order_by("name"),
        facilities=Facility.objects.filter(municipality_id=municipality_id).order_by("name")[:500],
        departments=Department.objects.filter(municipality_id=municipality_id).order_by("name"),
    )


@access.page(*RAISE_ROLES)
@require_http_methods(["GET", "POST"])
def raise_signal(request: HttpRequest) -> HttpResponse:
    """Raise a bottleneck. From a trajectory (`?traject=`) the household's names are checked against the
    text; the signal itself keeps no link to the household."""
    trajectory = _uuid(request.GET.get("traject", "") or request.POST.get("traject", ""))
    form = _signal_form(
        request,
        request.POST or None,
        initial={"traject": trajectory, "category": request.GET.get("soort", "")},
    )
    warning = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signal = services.raise_signal(
                actor=actor_from_request(request),
                category=data["category"],
                description=data["description"],
                neighbourhood_id=_uuid(data["neighbourhood"]),
                facility_id=_uuid(data["facility"]),
                department_id=_uuid(data["department"]),
                trajectory_id=data["traject"],
                warned_fingerprint=data["warned"],
            )
        except services.PersonalDataWarning as exc:
            warning = exc
            data = request.POST.copy()
            data["warned"] = exc.fingerprint
            form.data = data
            for message in exc.message_dict["description"]:
                form.add_error("description", message)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Het knelpunt is gemeld. U ziet hier het antwoord van beleid."))
            return redirect("signalering:signal", signal_id=signal.id)
    return render(
        request, "signalering/raise.html", {"form": form, "warning": warning, "trajectory_id": trajectory}
    )


@access.page(*READ_ROLES)
@require_http_methods(["GET"])
def signal_detail(request: HttpRequest, signal_id: uuid.UUID) -> HttpResponse:
    try:
        signal = selectors.signal_detail(actor_from_request(request), signal_id)
    except AccessDenied as exc:
        raise Http404 from exc
    return render(request, "signalering/signal.html", {"signal": signal})


@access.page(Role.POLICY)
@require_http_methods(["GET"])
def groups(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    page = (
        PageRequest.from_query(request.GET)
        .page(selectors.group_list(actor), keyset=("-created_at", "-id"))
        .bind(request.get_full_path())
    )
    return render(request, "signalering/groups.html", {"page": page})


@access.page(Role.POLICY)
@require_POST
def create_group(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    form = GroupForm(request.POST)
    signal_ids = [i for i in (_uuid(v) for v in request.POST.getlist("signals")) if i]
    category = request.POST.get("category", "")
    try:
        if not form.is_valid():
            raise ValidationError({"title": form.errors.get("title", [_("Geef de groep een naam.")])})
        group = services.create_group(
            actor=actor,
            title=form.cleaned_data["title"],
            category=category,
            neighbourhood_id=_uuid(request.POST.get("neighbourhood", "")),
            signal_ids=signal_ids,
        )
    except ValidationError as exc:
        clusters = selectors.clusters(actor)
        return render(
            request,
            "signalering/policy.html",
            {
                "clusters": clusters,
                "groups": list(selectors.group_list(actor)[:50]),
                "group_form": GroupForm(),
                "failed_cluster": request.POST.get("cluster", ""),
                "failed_errors": [m for msgs in exc.message_dict.values() for m in msgs],
            },
            status=400,
        )
    messages.success(request, _("De groep is gemaakt."))
    return redirect("signalering:group", group_id=group.id)


def _group_page(
    request: HttpRequest, group_id: uuid.UUID, form: AnswerForm | None = None, status: int = 200
) -> HttpResponse:
    try:
        view = selectors.group_detail(actor_from_request(request), group_id)
    except AccessDenied as exc:
        raise Http404 from exc
    if form is None and view.next_statuses:
        form = AnswerForm(initial={"version": view.group.version}, statuses=view.next_statuses)
    return render(
        request, "signalering/group.html", {"view": view, "form": form, "categories": Category}, status=status
    )


@access.page(Role.POLICY)
@require_http_methods(["GET"])
def group_detail(request: HttpRequest, group_id: uuid.UUID) -> HttpResponse:
    return _group_page(request, group_id)


@access.page(Role.POLICY)
@require_POST
def answer_group(request: HttpRequest, group_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    try:
        view = selectors.group_detail(actor, group_id)
    except AccessDenied as exc:
        raise Http404 from exc
    form = AnswerForm(request.POST, statuses=view.next_statuses)
    if form.is_valid():
        try:
            services.answer_group(
                actor=actor,
                group_id=group_id,
                expected_version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except VersionConflict as exc:
            form.add_error(None, exc.message)
            return _group_page(request, group_id, form, status=409)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request, _("Het antwoord is opgeslagen. De medewerkers zien het bij hun knelpunt.")
            )
            return redirect("signalering:group", group_id=group_id)
    return _group_page(request, group_id, form, status=400)


@access.page(Role.POLICY)
@require_POST
def add_to_group(request: HttpRequest, group_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    signal_ids = [i for i in (_uuid(v) for v in request.POST.getlist("signals")) if i]
    try:
        version = int(request.POST.get("version", "0"))
        services.add_to_group(actor=actor, group_id=group_id, expected_version=version, signal_ids=signal_ids)
    except (ValueError, ValidationError, VersionConflict):
        messages.error(
            request, _("Dat lukte niet. Misschien zitten de knelpunten al in een groep. Probeer het opnieuw.")
        )
    else:
        messages.success(request, _("De knelpunten zijn aan de groep toegevoegd."))
    return redirect("signalering:group", group_id=group_id)
