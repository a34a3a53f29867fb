"""Pages of the privacy officer: the access log, data-subject requests and the emergency-access review.

Only the privacy role gets in. Any other staff member is refused with 403 and the attempt is logged
(with the resident concerned, when the page is about one resident of their own municipality).
"""

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from stevig.accounts.models import User
from stevig.audit import export, selectors
from stevig.audit.forms import AccessLogFilterForm, ResidentLookupForm, ReviewForm
from stevig.audit.models import Action, Part
from stevig.audit.selectors import AccessLogFilter, NotInScope
from stevig.core.context import Actor, actor_from_request
from stevig.core.pagination import PageRequest
from stevig.core.views import staff_required
from stevig.people.services import review_emergency_access

View = Callable[..., HttpResponse]


def privacy_required(
    *, action: Action, part: Part, object_type: str = "", post_action: Action | None = None
) -> Callable[[View], View]:
    """Two-factor staff member with the privacy role. Other staff: the refusal is logged, then 403."""

    def decorator(view: View) -> View:
        @staff_required()
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not selectors.is_privacy_officer(request.user):
                resident_id = kwargs.get("resident_id")
                raise_from = selectors.deny(
                    actor=actor_from_request(request, purpose=selectors.PURPOSE_SUPERVISION),
                    action=post_action if post_action and request.method == "POST" else action,
                    part=part,
                    resident_id=resident_id,
                    object_type=object_type,
                    object_id=kwargs.get("grant_id", ""),
                )
                raise PermissionDenied(str(raise_from))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _actor(request: HttpRequest, purpose: str = selectors.PURPOSE_SUPERVISION) -> Actor:
    return actor_from_request(request, purpose=purpose)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@privacy_required(action=Action.SEARCH, part=Part.ACCESS_LOG, object_type="access_log")
def access_log(request: HttpRequest) -> HttpResponse:
    """The municipality's access log, newest first, with filters (GET: no BSN ever goes in here)."""
    user = _user(request)
    form = AccessLogFilterForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "lookup_form": ResidentLookupForm(), "page": None, "rows": []}
    if form.is_bound and not form.is_valid():
        return render(request, "audit/log.html", context)
    filters = form.to_filter() if form.is_bound else AccessLogFilter()
    with transaction.atomic():
        page = (
            PageRequest.from_query(request.GET)
            .page(selectors.access_log_rows(user=user, filters=filters), keyset=selectors.ACCESS_LOG_KEYSET)
            .bind(request.get_full_path())
        )
        rows = selectors.log_rows(user=user, entries=page.object_list)
        if filters.resident_id:
            context["selected_resident"] = selectors.ResidentRef(
                str(filters.resident_id),
                next(
                    (
                        r.full_name
                        for r in selectors.residents_for_data_subject_request(user).filter(
                            id=filters.resident_id
                        )
                    ),
                    None,
                ),
            )
        selectors.log_access_log_read(actor=_actor(request), filters=filters, page=page.number)
    context.update(page=page, rows=rows, filtered=form.is_bound)
    return render(request, "audit/log.html", context)


@privacy_required(action=Action.SEARCH, part=Part.SUBJECT_SEARCH, object_type="resident")
def resident_lookup(request: HttpRequest) -> HttpResponse:
    """Find the resident of a data-subject request by name or BSN (POST)."""
    form = ResidentLookupForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"form": form, "results": None, "has_more": False}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            results, has_more = selectors.find_residents_for_request(
                actor=_actor(request, selectors.PURPOSE_DATA_SUBJECT),
                name=form.cleaned_data["name"].strip(),
                bsn=form.cleaned_data["bsn"].strip(),
            )
            context.update(results=results, has_more=has_more)
        else:
            status = 400
    return render(request, "audit/resident_lookup.html", context, status=status)


@privacy_required(action=Action.EXPORT, part=Part.SUBJECT_EXPORT)
def export_json(request: HttpRequest, resident_id: uuid.UUID) -> HttpResponse:
    try:
        data_export = selectors.data_subject_export(
            actor=_actor(request, selectors.PURPOSE_DATA_SUBJECT), resident_id=resident_id, fmt="json"
        )
    except NotInScope as exc:
        raise Http404(_("Niet gevonden.")) from exc
    response = JsonResponse(data_export.as_json(), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="inzage-{resident_id}.json"'
    response["Cache-Control"] = "no-store"
    return response


@privacy_required(action=Action.EXPORT, part=Part.SUBJECT_EXPORT)
def export_html(request: HttpRequest, resident_id: uuid.UUID) -> HttpResponse:
    try:
        data_export = selectors.data_subject_export(
            actor=_actor(request, selectors.PURPOSE_DATA_SUBJECT), resident_id=resident_id, fmt="html"
        )
    except NotInScope as exc:
        raise Http404(_("Niet gevonden.")) from exc
    response = render(
        request,
        "audit/inzage.html",
        {
            "export": data_export,
            "resident": data_export.resident,
            "sections": export.readable_sections(data_export),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@privacy_required(action=Action.SEARCH, part=Part.EMERGENCY_OVERVIEW, object_type="emergency_access")
def emergency_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    with transaction.atomic():
        page = (
            PageRequest.from_query(request.GET)
            .page(selectors.emergency_accesses_for_review(user))
            .bind(request.get_full_path())
        )
        selectors.log_emergency_list_read(actor=_actor(request), grants=page.object_list)
    return render(request, "audit/emergency_list.html", {"page": page})


@privacy_required(
    action=Action.READ,
    post_action=Action.UPDATE,
    part=Part.EMERGENCY_REVIEW,
    object_type="emergency_access",
)
def emergency_detail(request: HttpRequest, grant_id: uuid.UUID) -> HttpResponse:
    actor = _actor(request)
    form = ReviewForm(request.POST if request.method == "POST" else None)
    status = 200
    try:
        if request.method == "POST":
            selectors.emergency_access_in_scope(actor=actor, grant_id=grant_id)
            if form.is_valid():
                try:
                    review_emergency_access(actor=actor, grant_id=grant_id, note=form.cleaned_data["note"])
                except ValidationError as exc:
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    messages.success(request, _("De noodtoegang is beoordeeld."))
                    return redirect("audit:emergency_list")
            status = 400
        grant = selectors.emergency_access_detail(actor=actor, grant_id=grant_id)
    except NotInScope as exc:
        raise Http404(_("Niet gevonden.")) from exc
    return render(request, "audit/emergency_detail.html", {"grant": grant, "form": form}, status=status)
