"""Pages for professionals: worklist ('Mijn werk' and team), waiting list, register a question, the question
page (deadlines, triage, first contact, kind, contact person) and linking a household.

Thin views: a form validates, a selector reads (and logs), a service writes (and logs). A question outside
the user's scope answers 404 after a `denied` row in the access log.
"""

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stevig.accounts.models import Role
from stevig.audit.models import Part
from stevig.core import access, figures_api
from stevig.core.context import actor_from_request
from stevig.core.errors import AccessDenied, RateLimited, VersionConflict
from stevig.intake import selectors, services
from stevig.intake.forms import (
    AssignForm,
    ClassifyForm,
    FirstContactForm,
    LinkSearchForm,
    NewHouseholdForm,
    PickUpForm,
    RegisterQuestionForm,
    TriageForm,
)
from stevig.tenancy.models import Location
from stevig.web.forms import submit
from stevig.web.panels import render_panels

ViewFunc = Callable[..., HttpResponse]


@access.page(*access.FILE_ROLES, part=Part.WORKLIST)
def worklist(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    has_team = bool(actor.user.team_id) and actor.role in (Role.WORKER, Role.TEAM_LEAD)
    default = "team" if actor.role == Role.TEAM_LEAD and has_team else "me"
    scope = request.GET.get("scope", default)
    if scope not in selectors.WORKLIST_SCOPES or (scope == "team" and not has_team):
        scope = "me"
    # The other apps' due work (waakvlam, evaluations, mandate requests, beschikkingen, referrals) comes
    # from the same panels as the start page, so one page shows everything that is due.
    panels = render_panels(request, actor.role) if scope == "me" else []
    work = selectors.worklist(actor=actor, scope=scope)
    return render(request, "intake/worklist.html", {"work": work, "has_team": has_team, "panels": panels})


@access.page(Role.WORKER, Role.TEAM_LEAD, part=Part.WAITING_LIST)
def waiting_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    try:
        page_number = max(int(request.GET.get("pagina", "1")), 1)
    except ValueError:
        page_number = 1
    size = 25
    try:
        rows, has_more = selectors.waiting_list(actor=actor, offset=(page_number - 1) * size, limit=size)
    except AccessDenied:
        rows, has_more = [], False
        messages.warning(request, _("U hoort niet bij een team. Daarom is er geen wachtlijst."))
    return render(
        request,
        "intake/waiting_list.html",
        {
            "rows": rows,
            "has_more": has_more,
            "page_number": page_number,
            "team": actor.user.team,
            "offset": (page_number - 1) * size,
        },
    )


def _register_form(request: HttpRequest, data: Any, link_choices: Any = ()) -> RegisterQuestionForm:
    locations = Location.objects.filter(municipality_id=request.user.municipality_id).order_by("name")  # type: ignore[union-attr]
    return RegisterQuestionForm(data, locations=locations, link_choices=link_choices)


def _link_choices(check: selectors.DuplicateCheck) -> list[tuple[str, str]]:
    choices = []
    for match in check.matches:
        if match.household_id:
            label = _("%(name)s, geboren %(dob)s, %(address)s (%(why)s)") % {
                "name": match.resident.full_name,
                "dob": date_format(match.resident.date_of_birth, "j F Y"),
                "address": match.address,
                "why": ", ".join(match.reasons),
            }
            choices.append((f"{match.household_id}:{match.resident.id}", label))
    return choices


@access.page(*access.FILE_ROLES, part=Part.QUESTION)
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if request.method != "POST":
        return render(request, "intake/register.html", {"form": _register_form(request, None)})
    form = _register_form(request, request.POST)
    check = selectors.DuplicateCheck()
    # The link choices depend on the duplicates found, so a first pass ignores the 'link' field.
    first_pass_ok = form.is_valid() or set(form.errors) == {"link"}
    if first_pass_ok and form.person_given():
        data = form.cleaned_data
        try:
            check = selectors.duplicate_candidates(
                actor=actor,
                criteria=selectors.DuplicateCriteria(
                    given_names=data["given_names"],
                    surname=data["surname"],
                    date_of_birth=data["date_of_birth"],
                    bsn=data["bsn"],
                    postcode=data["postcode"],
                    house_number=data["house_number"],
                ),
            )
        except RateLimited as exc:
            form.add_error(None, exc.message)
            return render(request, "intake/register.html", {"form": form}, status=429)
        form = _register_form(request, request.POST, _link_choices(check))
        form.is_valid()
        if check.any and not form.cleaned_data.get("checked"):
            post = request.POST.copy()
            post["checked"] = "on"
            form = _register_form(request, post, _link_choices(check))
            form.is_valid()
            return render(request, "intake/register.html", {"form": form, "check": check}, status=200)
    if form.is_valid():
        data = form.cleaned_data
        link = data.get("link") or ("nieuw" if form.person_given() else "geen")
        household_id = resident_id = None
        new_household = None
        name = ""
        try:
            if link == "nieuw":
                new_household = form.new_household_data()
            elif link == "geen":
                name = " ".join(p for p in (data.get("given_names"), data.get("surname")) if p)
            else:
                household_part, _sep, resident_part = link.partition(":")
                household_id, resident_id = uuid.UUID(household_part), uuid.UUID(resident_part)
            question = services.register_question(
                actor=actor,
                text=data["text"],
                channel=data["channel"],
                kind=data["kind"],
                about_whom=data["about_whom"],
                received_on=data["received_on"],
                location_id=uuid.UUID(data["location"]) if data["location"] else None,
                referrer=data["referrer"],
                contact_methods=data["contact_methods"],
                contact_when=data["contact_when"],
                name=name,
                phone=data["phone"],
                email=data["email"],
                postcode=data["postcode"] if link == "geen" else "",
                eviction_or_cutoff_threat=data["eviction_or_cutoff_threat"],
                household_id=household_id,
                resident_id=resident_id,
                new_household=new_household,
                idempotency_key="web-" + data["idempotency_key"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        except AccessDenied:
            form.add_error("link", _("U mag dit huishouden niet zien. Kies een ander huishouden."))
        else:
            messages.success(
                request, _("De vraag is vastgelegd met kenmerk %(ref)s.") % {"ref": question.reference}
            )
            return redirect("intake:question", question_id=question.id)
    return render(request, "intake/register.html", {"form": form, "check": check}, status=400)


def _detail_context(request: HttpRequest, question_id: uuid.UUID, **forms: Any) -> dict[str, Any]:
    actor = actor_from_request(request)
    file = selectors.question_detail(actor=actor, question_id=question_id)
    question = file.question
    can_assign = actor.role == Role.TEAM_LEAD and actor.user.team_id == question.team_id
    context = {
        "file": file,
        "question": question,
        "can_assign": can_assign,
        "can_pick_up": can_pick_up(actor, question),
        "pick_up_form": forms.get("pick_up_form"),
        "classify_form": forms.get("classify_form")
        or ClassifyForm(
            initial={
                "kind": question.kind,
                "eviction_or_cutoff_threat": question.eviction_or_cutoff_threat,
                "version": question.version,
            }
        ),
        "triage_form": forms.get("triage_form") or TriageForm(),
        "first_contact_form": forms.get("first_contact_form") or FirstContactForm(),
    }
    if can_assign:
        context["assign_form"] = forms.get("assign_form") or AssignForm(
            users=selectors.assignable_users(actor=actor)
        )
    return context


def can_pick_up(actor: Any, question: Any) -> bool:
    """The 'Ik pak dit op' button: an open question of the own team that nobody holds yet."""
    return (
        question.contact_person_id is None
        and question.status != "afgesloten"
        and actor.role in (Role.WORKER, Role.TEAM_LEAD)
        and actor.user.team_id == question.team_id
    )


@access.page(*access.FILE_ROLES, part=Part.QUESTION)
def question(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    return render(request, "intake/question.html", _detail_context(request, question_id))


def _detail_with_errors(
    request: HttpRequest, question_id: uuid.UUID, status: int = 400, **forms: Any
) -> HttpResponse:
    return render(
        request, "intake/question.html", _detail_context(request, question_id, **forms), status=status
    )


@access.page(*access.FILE_ROLES, part=Part.FIRST_CONTACT)
@require_POST
def first_contact(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    form = FirstContactForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_first_contact(
                actor=actor_from_request(request),
                question_id=question_id,
                contact_date=data["contact_date"],
                channel=data["channel"],
                clientondersteuning_offered=data["clientondersteuning_offered"] == "ja",
                clientondersteuning_accepted=data["clientondersteuning_accepted"] or "onbekend",
                note=data["note"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Het eerste contact is vastgelegd."))
            return redirect("intake:question", question_id=question_id)
    return _detail_with_errors(request, question_id, first_contact_form=form)


@access.page(*access.FILE_ROLES, part=Part.TRIAGE)
@require_POST
def triage(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    form = TriageForm(request.POST)
    if form.is_valid():
        try:
            services.triage_question(
                actor=actor_from_request(request),
                question_id=question_id,
                priority=form.cleaned_data["priority"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("De prioriteit is vastgelegd."))
            return redirect("intake:question", question_id=question_id)
    return _detail_with_errors(request, question_id, triage_form=form)


@access.page(*access.FILE_ROLES, part=Part.QUESTION_KIND)
@require_POST
def classify(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    form = ClassifyForm(request.POST)
    if form.is_valid():
        try:
            services.classify_question(
                actor=actor_from_request(request),
                question_id=question_id,
                kind=form.cleaned_data["kind"],
                eviction_or_cutoff_threat=form.cleaned_data["eviction_or_cutoff_threat"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        except VersionConflict as exc:
            form.add_error(None, exc.message)
            return _detail_with_errors(request, question_id, status=409, classify_form=form)
        else:
            messages.success(request, _("De soort vraag is opgeslagen. De termijnen zijn berekend."))
            return redirect("intake:question", question_id=question_id)
    return _detail_with_errors(request, question_id, classify_form=form)


@access.page(Role.TEAM_LEAD, part=Part.CONTACT_PERSON)
@require_POST
def assign(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    form = AssignForm(request.POST, users=selectors.assignable_users(actor=actor))
    if form.is_valid():
        try:
            services.assign_contact_person(
                actor=actor,
                question_id=question_id,
                user_id=uuid.UUID(form.cleaned_data["user"]),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Het vaste aanspreekpunt is aangewezen."))
            return redirect("intake:question", question_id=question_id)
    return _detail_with_errors(request, question_id, assign_form=form)


@access.page(Role.WORKER, Role.TEAM_LEAD, part=Part.CONTACT_PERSON)
@require_POST
def pick_up(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    """'Ik pak dit op': the worker becomes the question's vast aanspreekpunt; it leaves the waiting list."""
    actor = actor_from_request(request)
    form = PickUpForm(request.POST)
    done = submit(
        request, form, lambda _data: services.pick_up_question(actor=actor, question_id=question_id)
    )
    if done.ok:
        messages.success(
            request, _("U bent nu het vaste aanspreekpunt. De vraag staat niet meer op de wachtlijst.")
        )
        return redirect("intake:question", question_id=question_id)
    return _detail_with_errors(request, question_id, pick_up_form=form)


@access.page(*access.FILE_ROLES, part=Part.DEADLINE)
@require_POST
def deadline_met(request: HttpRequest, question_id: uuid.UUID, deadline_id: uuid.UUID) -> HttpResponse:
    try:
        services.mark_deadline_met(
            actor=actor_from_request(request), deadline_id=deadline_id, question_id=question_id
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De termijn is afgevinkt als gehaald."))
    return redirect("intake:question", question_id=question_id)


@access.page(*access.FILE_ROLES, part=Part.LINK)
@require_http_methods(["GET", "POST"])
def link(request: HttpRequest, question_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    file = selectors.question_detail(actor=actor, question_id=question_id, part=Part.LINK)
    # Own id prefixes: the two forms share field names, and ids must be unique on the page (labels).
    search_form = LinkSearchForm(request.GET if request.GET else None, auto_id="zoek_%s")
    new_form = NewHouseholdForm(
        request.POST if request.POST.get("action") == "nieuw" else None, auto_id="nieuw_%s"
    )
    check = None
    if search_form.is_bound and search_form.is_valid():
        data = search_form.cleaned_data
        try:
            check = selectors.duplicate_candidates(
                actor=actor,
                criteria=selectors.DuplicateCriteria(
                    surname=data["surname"],
                    date_of_birth=data["date_of_birth"],
                    bsn=data["bsn"],
                    postcode=data["postcode"],
                    house_number=data["house_number"],
                ),
            )
        except RateLimited as exc:
            search_form.add_error(None, exc.message)
    status = 200
    if request.method == "POST":
        status = 400
        try:
            if request.POST.get("action") == "nieuw":
                if new_form.is_valid():
                    services.link_household(
                        actor=actor, question_id=question_id, new_household=new_form.household_data()
                    )
                    status = 302
            else:
                household_id = uuid.UUID(request.POST.get("household", ""))
                resident_raw = request.POST.get("resident", "")
                services.link_household(
                    actor=actor,
                    question_id=question_id,
                    household_id=household_id,
                    resident_id=uuid.UUID(resident_raw) if resident_raw else None,
                )
                status = 302
        except ValueError:
            messages.error(request, _("Kies een huishouden uit de lijst."))
        except ValidationError as exc:
            new_form.add_service_errors(exc) if new_form.is_bound else messages.error(
                request, " ".join(exc.messages)
            )
        if status == 302:
            messages.success(request, _("De vraag is gekoppeld aan het huishouden."))
            return redirect("intake:question", question_id=question_id)
    return render(
        request,
        "intake/link.html",
        {
            "file": file,
            "question": file.question,
            "search_form": search_form,
            "new_form": new_form,
            "check": check,
        },
        status=status,
    )


@access.page(Role.POLICY, Role.TEAM_LEAD, part=Part.INTAKE_FIGURES)
@require_http_methods(["GET"])
def figures(request: HttpRequest) -> HttpResponse:
    period, context = figures_api.page_period(request)
    data = selectors.intake_figures(actor=actor_from_request(request), period=period) if period else None
    return render(request, "intake/figures.html", {"figures": data, **context}, status=200 if data else 400)
