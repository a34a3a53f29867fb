"""Pages of the privacy officer: the access log, data-subject requests and the emergency-access review.

Only the privacy role gets in. Any other staff member is refused with 403 and the attempt is logged
(with the resident concerned, when the page is about one resident of their own municipality).
"""

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from stevig.accounts.models import Role, User
from stevig.audit import export, selectors
from stevig.audit.forms import AccessLogFilterForm, ResidentLookupForm, ReviewForm
from stevig.audit.models import Action, Part
from stevig.audit.selectors import AccessLogFilter
from stevig.core import access
from stevig.core.context import Actor, actor_from_request
from stevig.core.pagination import PageRequest
from stevig.people.services import review_emergency_access

View = Callable[..., HttpResponse]


def privacy_page(
    *, part: Part, read_action: Action = Action.READ, write_action: Action = Action.UPDATE
) -> Callable[[View], View]:
    """`access.page` for the privacy role: anyone else is refused with 403 and the attempt is logged
    (purpose: supervision), on the resident or grant the URL names; a logged denial inside → 404."""
    return access.page(
        Role.PRIVACY,
        part=part,
        read_action=read_action,
        write_action=write_action,
        purpose=selectors.PURPOSE_SUPERVISION,
    )


def _actor(request: HttpRequest, purpose: str = selectors.PURPOSE_SUPERVISION) -> Actor:
    return actor_from_request(request, purpose=purpose)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@privacy_page(part=Part.ACCESS_LOG, read_action=Action.SEARCH)
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


@privacy_page(part=Part.SUBJECT_SEARCH, read_action=Action.SEARCH, write_action=Action.SEARCH)
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


@privacy_page(part=Part.SUBJECT_EXPORT, read_action=Action.EXPORT)
def export_json(request: HttpRequest, resident_id: uuid.UUID) -> HttpResponse:
    data_export = selectors.data_subject_export(
        actor=_actor(request, selectors.PURPOSE_DATA_SUBJECT), resident_id=resident_id, fmt="json"
    )
    response = JsonResponse(data_export.as_json(), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="inzage-{resident_id}.json"'
    response["Cache-Control"] = "no-store"
    return response


@privacy_page(part=Part.SUBJECT_EXPORT, read_action=Action.EXPORT)
def export_html(request: HttpRequest, resident_id: uuid.UUID) -> HttpResponse:
    data_export = selectors.data_subject_export(
        actor=_actor(request, selectors.PURPOSE_DATA_SUBJECT), resident_id=resident_id, fmt="html"
    )
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


@privacy_page(part=Part.EMERGENCY_OVERVIEW, read_action=Action.SEARCH)
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


@privacy_page(part=Part.EMERGENCY_REVIEW)
def emergency_detail(request: HttpRequest, grant_id: uuid.UUID) -> HttpResponse:
    actor = _actor(request)
    form = ReviewForm(request.POST if request.method == "POST" else None)
    status = 200
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
    return render(request, "audit/emergency_detail.html", {"grant": grant, "form": form}, status=status)
