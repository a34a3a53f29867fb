"""Pages of the household file: search, the file itself, its forms and emergency access.

Thin views: a form validates the input, a selector reads (and logs), a service writes (and logs).
Out of scope: 403 with a link to emergency access when the household is in the user's own
municipality and the user works in household files; 404 otherwise.
"""

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import actor_from_request
from stevig.core.errors import AccessDenied
from stevig.core.pagination import PageRequest
from stevig.datasharing.selectors import restrictions_in_household
from stevig.people import selectors, services
from stevig.people.forms import (
    AddMemberForm,
    BsnSearchForm,
    EmergencyAccessForm,
    HouseholdEditForm,
    MoveFindForm,
    MoveForm,
    NewHouseholdForm,
    ResidentEditForm,
    ResidentSearchForm,
)
from stevig.people.models import CommunicationNeed, Household, Resident
from stevig.web.forms import form_status, stamp_version, submit

ViewFunc = Callable[..., HttpResponse]
SEARCH_PAGE_SIZE = 25
CONFLICT_MESSAGE = _(
    "Iemand anders heeft dit intussen gewijzigd. Uw wijzigingen zijn nog niet opgeslagen. "
    "Kijk hieronder wat nu is opgeslagen, pas uw gegevens zo nodig aan en sla opnieuw op."
)


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


_NEED_LABELS = dict(CommunicationNeed.choices)


def _needs(resident: Resident) -> list[str]:
    return [str(_NEED_LABELS.get(code, code)) for code in resident.communication_needs or []]


# ---------------------------------------------------------------------------------------------- search


def _result_rows(residents: list[Resident]) -> list[dict[str, Any]]:
    rows = []
    for resident in residents:
        current = resident.current_memberships[0] if resident.current_memberships else None  # type: ignore[attr-defined]
        rows.append({"resident": resident, "household": current.household if current else None})
    return rows


@access.page(*access.FILE_ROLES, part=Part.SEARCH, write_action=Action.SEARCH, read_action=Action.SEARCH)
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    """Search with GET (name, birth date, address; pageable) or with POST (BSN: never in a URL)."""
    actor = actor_from_request(request)
    context: dict[str, Any] = {"searched": False}
    if request.method == "POST":
        form = ResidentSearchForm(auto_id="zoek_%s")
        bsn_form = BsnSearchForm(request.POST, auto_id="bsn_%s")
        by_bsn = submit(
            request,
            bsn_form,
            lambda d: selectors.search_residents(
                actor=actor,
                criteria=selectors.ResidentSearch(bsn=d["bsn"]),
                page=PageRequest(size=SEARCH_PAGE_SIZE),
            ),
        )
        if by_bsn.ok and by_bsn.result is not None:
            context.update(searched=True, rows=_result_rows(by_bsn.result.rows), by_bsn=True)
    else:
        bsn_form = BsnSearchForm(auto_id="bsn_%s")
        if any(request.GET.get(key) for key in ("name", "date_of_birth", "postcode", "house_number")):
            form = ResidentSearchForm(request.GET, auto_id="zoek_%s")
            by_name = submit(
                request,
                form,
                lambda d: selectors.search_residents(
                    actor=actor,
                    criteria=selectors.ResidentSearch(
                        name=d["name"],
                        date_of_birth=d["date_of_birth"],
                        postcode=d["postcode"],
                        house_number=d["house_number"],
                    ),
                    page=PageRequest.from_query(
                        request.GET, size=SEARCH_PAGE_SIZE, max_size=SEARCH_PAGE_SIZE
                    ),
                ).bind(request.get_full_path()),
            )
            if by_name.ok and by_name.result is not None:
                found = by_name.result
                context.update(searched=True, rows=_result_rows(found.rows), page=found)
        elif "name" in request.GET:  # the form was sent empty: the same Dutch messages and summary
            form = ResidentSearchForm(request.GET, auto_id="zoek_%s")
            submit(request, form, lambda d: None)
        else:
            form = ResidentSearchForm(auto_id="zoek_%s")
    context.update(form=form, bsn_form=bsn_form)
    return render(request, "people/search.html", context, status=form_status(request))


# ------------------------------------------------------------------------------------------ household


@access.page(*access.FILE_ROLES, part=Part.HOUSEHOLD)
@require_http_methods(["GET"])
def household(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    file = selectors.household_file(actor=actor_from_request(request), household_id=household_id)
    today = timezone.localdate()
    members = [
        {
            "membership": m,
            "resident": m.resident,
            "age": age_on(m.resident.date_of_birth, today),
            "needs": _needs(m.resident),
            "other_addresses": file.other_addresses.get(m.resident_id, []),
        }
        for m in file.current_members
    ]
    past = [
        {
            "membership": m,
            "resident": m.resident,
            "other_addresses": file.other_addresses.get(m.resident_id, []),
        }
        for m in file.past_members
    ]
    return render(
        request,
        "people/household.html",
        {
            "file": file,
            "household": file.household,
            "members": members,
            "past": past,
            # AVG art. 18: the file is marked while a restriction holds (the page's read is logged above).
            "restrictions": restrictions_in_household(file.household.id),
        },
    )


@access.page(*access.FILE_ROLES, part=Part.HOUSEHOLD, write_action=Action.CREATE)
@require_http_methods(["GET", "POST"])
def household_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = NewHouseholdForm(request.POST)
        created = submit(
            request,
            form,
            lambda d: services.create_household(
                actor=actor_from_request(request),
                first_member=form.resident_data(),
                relation=d["relation"],
                start_date=d["start_date"],
                **form.address_data(),
            ),
        )
        if created.ok and created.result is not None:
            household_obj, _resident = created.result
            messages.success(request, _("Het huishouden is aangemaakt."))
            return redirect("people:household", household_id=household_obj.id)
    else:
        form = NewHouseholdForm()
    return render(request, "people/household_new.html", {"form": form}, status=form_status(request, form))


@access.page(*access.FILE_ROLES, part=Part.MEMBERS, write_action=Action.CREATE)
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    form = AddMemberForm(request.POST or None)
    if (
        request.method == "POST"
        and submit(
            request,
            form,
            lambda d: services.add_member(
                actor=actor,
                household_id=household_id,
                data=form.resident_data(),
                relation=d["relation"],
                start_date=d["start_date"],
            ),
        ).ok
    ):
        messages.success(request, _("De inwoner is toegevoegd aan het huishouden."))
        return redirect("people:household", household_id=household_id)
    file = selectors.household_file(actor=actor, household_id=household_id, part=Part.MEMBERS)
    return render(
        request,
        "people/member_add.html",
        {"form": form, "household": file.household},
        status=form_status(request, form),
    )


@access.page(*access.FILE_ROLES, part=Part.ADDRESS)
@require_http_methods(["GET", "POST"])
def household_edit(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    conflict = False
    if request.method == "POST":
        form = HouseholdEditForm(request.POST)
        saved = submit(
            request,
            form,
            lambda d: services.update_household(
                actor=actor,
                household_id=household_id,
                expected_version=d["version"],
                data=form.address_data(),
            ),
            conflict_message=CONFLICT_MESSAGE,
        )
        if saved.ok:
            messages.success(request, _("Het adres is opgeslagen."))
            return redirect("people:household", household_id=household_id)
        conflict = saved.conflict
    file = selectors.household_file(actor=actor, household_id=household_id, part=Part.ADDRESS)
    current = file.household
    if request.method != "POST":
        form = HouseholdEditForm(
            initial={
                **{name: getattr(current, name) for name in HouseholdEditForm.address_field_names},
                "version": current.version,
            }
        )
    elif conflict:
        stamp_version(form, current.version)
    return render(
        request,
        "people/household_edit.html",
        {"form": form, "household": current, "conflict": conflict},
        status=form_status(request, form),
    )


# ------------------------------------------------------------------------------------------- resident


@access.page(*access.FILE_ROLES, part=Part.RESIDENT)
@require_http_methods(["GET", "POST"])
def resident_edit(request: HttpRequest, resident_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    conflict = False
    if request.method == "POST":
        form = ResidentEditForm(request.POST)
        resident = selectors.resident_for_update(actor=actor, resident_id=resident_id)
        saved = submit(
            request,
            form,
            lambda d: services.update_resident(
                actor=actor, resident=resident, expected_version=d["version"], data=form.resident_data()
            ),
            conflict_message=CONFLICT_MESSAGE,
        )
        if saved.ok:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect("people:household", household_id=_household_of(resident))
        conflict = saved.conflict
    resident = selectors.resident_detail(actor=actor, resident_id=resident_id)
    if request.method != "POST":
        form = ResidentEditForm(
            initial={
                **{name: getattr(resident, name) for name in ResidentEditForm.resident_field_names},
                "version": resident.version,
            }
        )
    elif conflict:
        stamp_version(form, resident.version)
    return render(
        request,
        "people/resident_edit.html",
        {
            "form": form,
            "resident": resident,
            "household_id": _household_of(resident),
            "conflict": conflict,
            "stored_needs": _needs(resident),
        },
        status=form_status(request, form),
    )


def _household_of(resident: Resident) -> uuid.UUID | None:
    current = [m for m in resident.memberships.all() if m.end_date is None]
    if current:
        return current[0].household_id
    return selectors.current_household_id(resident.id)


@access.page(*access.FILE_ROLES, part=Part.MOVE)
@require_http_methods(["GET", "POST"])
def resident_move(request: HttpRequest, resident_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    find_form = MoveFindForm(request.GET if "postcode" in request.GET else None, auto_id="adres_%s")
    move_form: MoveForm | None = None
    households: list[Household] = []
    resident = selectors.resident_detail(actor=actor, resident_id=resident_id)
    if request.method == "POST":
        found = MoveFindForm(request.POST, auto_id="adres_%s")
        at_address = submit(request, found, lambda d: selectors.households_at_address(actor=actor, **d))
        if at_address.ok and at_address.result is not None:
            households = at_address.result
            find_form = MoveFindForm(initial=found.cleaned_data, auto_id="adres_%s")
        move_form = MoveForm(request.POST, households=households)
        moved = submit(
            request,
            move_form,
            lambda d: services.move_resident(
                actor=actor,
                resident_id=resident_id,
                to_household_id=uuid.UUID(d["to_household"]),
                relation=d["relation"],
                move_date=d["move_date"],
            ),
        )
        if moved.ok:
            messages.success(request, _("De verhuizing is opgeslagen."))
            return redirect("people:household", household_id=move_form.cleaned_data["to_household"])
    elif find_form.is_bound:
        at_address = submit(request, find_form, lambda d: selectors.households_at_address(actor=actor, **d))
        if at_address.ok and at_address.result is not None:
            households = at_address.result
            move_form = MoveForm(
                initial={**find_form.cleaned_data, "move_date": timezone.localdate()}, households=households
            )
    return render(
        request,
        "people/resident_move.html",
        {
            "find_form": find_form,
            "move_form": move_form,
            "households": households,
            "resident": resident,
            "household_id": _household_of(resident),
            "searched": move_form is not None,
        },
        status=form_status(request, find_form, move_form),
    )


# ---------------------------------------------------------------------------------- emergency access


@access.page(*access.FILE_ROLES, part=Part.EMERGENCY, write_action=Action.CREATE)
@require_http_methods(["GET", "POST"])
def emergency(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    """Break the glass: only in an emergency, with a reason that the privacy officer checks."""
    actor = actor_from_request(request)
    if selectors.emergency_access_needed(actor=actor, household_id=household_id) is False:
        return redirect("people:household", household_id=household_id)
    form = EmergencyAccessForm(request.POST or None)
    if request.method == "POST":
        try:
            granted = submit(
                request,
                form,
                lambda d: services.grant_emergency_access(
                    actor=actor, household_id=household_id, reason=d["reason"]
                ),
            )
        except AccessDenied:
            raise Http404 from None
        if granted.ok:
            return redirect("people:household", household_id=household_id)
    return render(
        request,
        "people/emergency.html",
        {
            "form": form,
            "household_id": household_id,
            "hours": services.EMERGENCY_ACCESS_HOURS,
            "cancel_url": reverse("people:search"),
        },
        status=form_status(request, form),
    )
