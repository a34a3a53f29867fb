"""Pages for 16-27: the team overview, the toekomstplan (view, edit, agree)."""

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stevig.audit.models import Part
from stevig.core import access
from stevig.core.access import FILE_ROLES
from stevig.core.context import actor_from_request
from stevig.transitions import selectors, services
from stevig.transitions.forms import AgreeForm, PerspectiveForm, PlanForm
from stevig.transitions.rules import LEGAL_SOURCE, Big5, age_on, eighteenth_birthday
from stevig.web.forms import form_status, submit

PAGE_SIZE = 25


def _page(request: HttpRequest) -> int:
    value = request.GET.get("pagina", "1")
    return int(value) if value.isascii() and value.isdigit() and int(value) > 0 else 1


@access.page(*FILE_ROLES, part=Part.TRANSITIONS_OVERVIEW)
@require_http_methods(["GET"])
def overview(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    today = timezone.localdate()
    number = _page(request)
    rows = list(selectors.team_overview(actor.user, today)[(number - 1) * PAGE_SIZE : number * PAGE_SIZE + 1])
    has_more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    selectors.log_listed(actor=actor, part=Part.TRANSITIONS_OVERVIEW, residents=rows)
    turning = list(selectors.turning_18_for(actor.user, today)[:50])
    selectors.log_listed(actor=actor, part=Part.TRANSITIONS, residents=turning)
    return render(
        request,
        "transitions/overview.html",
        {
            "rows": [(r, age_on(r.date_of_birth, today)) for r in rows],
            "turning": [(r, eighteenth_birthday(r.date_of_birth)) for r in turning],
            "page": number,
            "next_url": f"?pagina={number + 1}" if has_more else "",
            "previous_url": f"?pagina={number - 1}" if number > 1 else "",
        },
    )


@access.page(*FILE_ROLES, part=Part.FUTURE_PLAN)
@require_http_methods(["GET"])
def plan(request: HttpRequest, resident_id: uuid.UUID) -> HttpResponse:
    view = selectors.plan_view(actor=actor_from_request(request), resident_id=resident_id)
    rows = [(value, label, view.domains.get(value)) for value, label in Big5.choices]
    agree = AgreeForm(initial={"version": view.plan.version if view.plan else 1, "agreed_on": view.today})
    return render(
        request,
        "transitions/plan.html",
        {
            "view": view,
            "rows": rows,
            "age": age_on(view.resident.date_of_birth, view.today),
            "agree": agree,
            "legal_source": LEGAL_SOURCE,
        },
    )


@access.page(*FILE_ROLES, part=Part.FUTURE_PLAN)
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, resident_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    view = selectors.plan_view(actor=actor, resident_id=resident_id)
    initial: dict[str, object] = {"version": view.plan.version if view.plan else None}
    for value, domain in view.domains.items():
        initial[f"{value}_status"] = domain.status
        initial[f"{value}_next_step"] = domain.next_step
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST":
        result = submit(
            request,
            form,
            lambda d: services.save_plan(
                actor=actor,
                resident_id=resident_id,
                domains=form.domains(),
                expected_version=d.get("version"),
            ),
        )
        if result.ok:
            messages.success(request, _("Het toekomstplan is opgeslagen. Spreek het af met de jongere."))
            return redirect("transitions:plan", resident_id=resident_id)
    return render(
        request, "transitions/plan_form.html", {"form": form, "view": view}, status=form_status(request, form)
    )


@access.page(*FILE_ROLES, part=Part.FUTURE_PLAN)
@require_http_methods(["POST"])
def plan_agree(request: HttpRequest, resident_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    form = AgreeForm(request.POST)
    result = submit(
        request,
        form,
        lambda d: services.agree_plan(
            actor=actor, resident_id=resident_id, expected_version=d["version"], agreed_on=d["agreed_on"]
        ),
    )
    if result.ok:
        messages.success(request, _("Vastgelegd: de jongere heeft het plan afgesproken."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("transitions:plan", resident_id=resident_id)


@access.page(*FILE_ROLES, part=Part.PERSPECTIVE_PLAN)
@require_http_methods(["GET"])
def perspective(request: HttpRequest, resident_id: uuid.UUID) -> HttpResponse:
    from stevig.transitions.models import LifePhase

    view = selectors.perspective_view(actor=actor_from_request(request), resident_id=resident_id)
    rows = [(label, view.goals.get(value)) for value, label in LifePhase.choices]
    return render(request, "transitions/perspective.html", {"view": view, "rows": rows})


@access.page(*FILE_ROLES, part=Part.PERSPECTIVE_PLAN)
@require_http_methods(["GET", "POST"])
def perspective_edit(request: HttpRequest, resident_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    view = selectors.perspective_view(actor=actor, resident_id=resident_id)
    initial: dict[str, object] = {"version": view.plan.version if view.plan else None}
    if view.plan:
        initial["review_years"] = view.plan.review_years
    for phase, goal in view.goals.items():
        initial[f"{phase}_goal"] = goal.goal
        initial[f"{phase}_support"] = goal.support
    form = PerspectiveForm(request.POST or None, initial=initial)
    if request.method == "POST":
        result = submit(
            request,
            form,
            lambda d: services.save_perspective_plan(
                actor=actor,
                resident_id=resident_id,
                goals=form.goals(),
                review_years=d["review_years"],
                expected_version=d.get("version"),
            ),
        )
        if result.ok:
            messages.success(request, _("Het perspectiefplan is opgeslagen."))
            return redirect("transitions:perspective", resident_id=resident_id)
    return render(
        request,
        "transitions/perspective_form.html",
        {"form": form, "view": view},
        status=form_status(request, form),
    )
