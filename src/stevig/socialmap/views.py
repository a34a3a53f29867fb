"""Social-map pages: search (all staff), a facility, and warm referrals within a trajectory."""

import uuid
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.analysis.selectors import current_members
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import actor_from_request
from stevig.core.errors import VersionConflict
from stevig.core.pagination import PageRequest
from stevig.core.views import staff_required
from stevig.socialmap import selectors, services
from stevig.socialmap.forms import FacilitySearchForm, OutcomeForm, ReferralForm
from stevig.socialmap.selectors import REFERRAL
from stevig.tenancy.models import Neighbourhood
from stevig.trajectories.selectors import TRAJECTORY


def _neighbourhoods(request: HttpRequest) -> list[Neighbourhood]:
    return list(Neighbourhood.objects.filter(municipality_id=request.user.municipality_id).order_by("name"))  # type: ignore[union-attr]


@staff_required()
def search(request: HttpRequest) -> HttpResponse:
    """Search the social map by domain, neighbourhood, sphere and a word. Paginated without COUNT."""
    form = FacilitySearchForm(request.GET or None, neighbourhoods=_neighbourhoods(request))
    criteria = selectors.FacilitySearch()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        criteria = selectors.FacilitySearch(
            domain=data["domain"],
            neighbourhood_id=uuid.UUID(data["neighbourhood"]) if data["neighbourhood"] else None,
            text=data["text"].strip(),
            sphere=data["sphere"],
        )
    page = (
        PageRequest.from_query(request.GET, page_param="pagina")
        .page(selectors.search_facilities(user=request.user, criteria=criteria))  # type: ignore[arg-type]
        .bind(request.get_full_path(), page_param="pagina")
    )
    trajectory_id = request.GET.get("traject", "")
    return render(
        request,
        "socialmap/search.html",
        {
            "form": form,
            "page": page,
            "trajectory_id": trajectory_id,
        },
    )


@staff_required()
def facility(request: HttpRequest, facility_id: uuid.UUID) -> HttpResponse:
    item = selectors.facility_detail(user=request.user, facility_id=facility_id)  # type: ignore[arg-type]
    return render(
        request,
        "socialmap/facility.html",
        {"facility": item, "trajectory_id": request.GET.get("traject", "")},
    )


@access.page(*access.FILE_ROLES, part=Part.REFERRAL)
def referrals(request: HttpRequest, trajectory_id: uuid.UUID) -> HttpResponse:
    view = selectors.trajectory_referrals(actor=actor_from_request(request), trajectory_id=trajectory_id)
    return render(
        request,
        "socialmap/referrals.html",
        {
            "view": view,
            "trajectory": view.trajectory,
            "today": timezone.localdate(),
        },
    )


@access.page(*access.FILE_ROLES, part=Part.REFERRAL)
def refer(request: HttpRequest, trajectory_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    trajectory = access.scoped_get(
        TRAJECTORY,
        actor=actor,
        pk=trajectory_id,
        action=Action.CREATE if request.method == "POST" else Action.READ,
        part=Part.REFERRAL,
        log_allowed=request.method == "GET",  # the form names the members: a logged read
    )
    members = current_members(trajectory)
    facilities = list(selectors.facilities_of(actor.user).filter(active=True).order_by("name"))
    if request.method == "POST":
        form = ReferralForm(request.POST, members=members, facilities=facilities)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.create_referral(
                    actor=actor,
                    trajectory_id=trajectory.id,
                    facility_id=uuid.UUID(data["facility"]),
                    resident_ids=[uuid.UUID(r) for r in data["residents"]],
                    referred_on=data["referred_on"],
                    follow_up_on=data["follow_up_on"],
                    note=data["note"],
                    legal_basis=data.get("legal_basis") or "publieke_taak",
                )
            except ValidationError as exc:
                form.apply_service_errors(exc)
            else:
                messages.success(
                    request, _("De verwijzing is opgeslagen. Het traject blijft open: u belt na.")
                )
                return redirect("socialmap:referrals", trajectory_id=trajectory.id)
    else:
        today = timezone.localdate()
        form = ReferralForm(
            initial={
                "facility": request.GET.get("voorziening", ""),
                "referred_on": today,
                "follow_up_on": today + timedelta(weeks=2),
            },
            members=members,
            facilities=facilities,
        )
    return render(
        request,
        "socialmap/refer.html",
        {"form": form, "trajectory": trajectory},
        status=400 if form.errors else 200,
    )


@access.page(*access.FILE_ROLES, part=Part.REFERRAL)
def outcome(request: HttpRequest, referral_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    if request.method == "POST":
        referral = access.scoped_get(
            REFERRAL, actor=actor, pk=referral_id, action=Action.UPDATE, part=Part.REFERRAL
        )
        form = OutcomeForm(request.POST)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_outcome(
                    actor=actor,
                    referral_id=referral.id,
                    expected_version=data["version"],
                    outcome=data["outcome"],
                    reason=data["outcome_reason"],
                    outcome_on=data["outcome_on"],
                )
            except VersionConflict as exc:
                form.add_error(None, exc.message)
                status = 409
            except ValidationError as exc:
                form.apply_service_errors(exc)
            else:
                messages.success(request, _("De uitkomst is opgeslagen."))
                return redirect("socialmap:referrals", trajectory_id=referral.trajectory_id)
    else:
        referral = selectors.referral_detail(actor=actor, referral_id=referral_id)
        form = OutcomeForm(
            initial={
                "version": referral.version,
                "outcome_on": timezone.localdate(),
                "outcome": referral.outcome,
                "outcome_reason": referral.outcome_reason,
            }
        )
        status = 200
    return render(
        request,
        "socialmap/outcome.html",
        {
            "form": form,
            "referral": referral,
            "trajectory": referral.trajectory,
        },
        status=status,
    )
