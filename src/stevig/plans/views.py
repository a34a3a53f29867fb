"""Pages for the household plan. Every form carries the plan version it was filled in against; a save
after someone else's save is refused (409) with the typed values kept on the screen."""

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import Actor, actor_from_request
from stevig.core.errors import VersionConflict
from stevig.plans import selectors, services
from stevig.plans.forms import ActionForm, AgreeForm, GoalForm, NewPlanForm, PlanForm
from stevig.plans.models import HouseholdPlan
from stevig.plans.selectors import GOAL, PLAN, PLAN_ACTION
from stevig.web.forms import StevigForm, form_status, submit

CONFLICT_MESSAGE = gettext_lazy(
    "Iemand anders heeft het plan net gewijzigd. Uw wijziging is nog niet opgeslagen. Wat u typte staat "
    "hieronder nog. Kijk eerst in het plan wat er veranderd is en sla dan opnieuw op."
)


def _save(
    request: HttpRequest,
    form: StevigForm,
    call: Callable[[dict[str, Any]], Any],
    plan: HouseholdPlan | None,
    success: str,
    success_message: str,
) -> HttpResponse | None:
    """Save through the project's `submit`: on a business error or a version conflict the form keeps
    everything typed (with the plan's stored version, so saving again is a conscious choice)."""

    def current_version() -> int:
        assert plan is not None
        plan.refresh_from_db(fields=["version"])
        return plan.version

    done = submit(
        request,
        form,
        call,
        current_version=current_version if plan is not None else None,
        conflict_message=CONFLICT_MESSAGE,
    )
    if not done.ok:
        return None
    messages.success(request, success_message)
    return redirect(success)


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, template, context, status=form_status(request))


@access.page(*access.FILE_ROLES, part=Part.PLAN)
def plan(request: HttpRequest, trajectory_id: uuid.UUID) -> HttpResponse:
    """The plan of a trajectory; when there is none yet, the form to start it."""
    actor = actor_from_request(request)
    form = None
    if request.method == "POST":
        form = NewPlanForm(request.POST)
        done = _save(
            request,
            form,
            lambda d: services.create_plan(
                actor=actor,
                trajectory_id=trajectory_id,
                start_date=d["start_date"],
                evaluation_date=d["evaluation_date"],
            ),
            None,
            reverse("plans:plan", args=[trajectory_id]),
            _("Het gezinsplan is gemaakt."),
        )
        if done:
            return done
    page = selectors.plan_page(actor=actor, trajectory_id=trajectory_id)
    if page.plan is None and form is None:
        form = NewPlanForm(initial={"start_date": timezone.localdate()})
    return _render(request, "plans/plan.html", {"page": page, "trajectory": page.trajectory, "form": form})


def _plan_context(actor: Actor, plan: HouseholdPlan) -> selectors.PlanPage:
    return selectors.plan_page(actor=actor, trajectory_id=plan.trajectory_id)


@access.page(*access.FILE_ROLES, part=Part.PLAN)
def edit(request: HttpRequest, plan_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    plan = access.scoped_get(
        PLAN,
        actor=actor,
        pk=plan_id,
        action=Action.UPDATE if request.method == "POST" else Action.READ,
        part=Part.PLAN,
    )
    if request.method == "POST":
        form = PlanForm(request.POST)
        done = _save(
            request,
            form,
            lambda d: services.update_plan(
                actor=actor,
                plan_id=plan.id,
                expected_version=d["version"],
                start_date=d["start_date"],
                evaluation_date=d["evaluation_date"],
            ),
            plan,
            reverse("plans:plan", args=[plan.trajectory_id]),
            _("Het plan is opgeslagen."),
        )
        if done:
            return done
    else:
        form = PlanForm(
            initial={
                "version": plan.version,
                "start_date": plan.start_date,
                "evaluation_date": plan.evaluation_date,
            }
        )
    page = _plan_context(actor, plan)
    return _render(
        request,
        "plans/form.html",
        {
            "form": form,
            "page": page,
            "trajectory": page.trajectory,
            "heading": _("Plan wijzigen"),
            "submit": _("Opslaan"),
        },
    )


@access.page(*access.FILE_ROLES, part=Part.PLAN)
def goal_new(request: HttpRequest, plan_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    plan = access.scoped_get(
        PLAN,
        actor=actor,
        pk=plan_id,
        action=Action.CREATE if request.method == "POST" else Action.READ,
        part=Part.PLAN,
    )
    page = _plan_context(actor, plan)
    if request.method == "POST":
        form = GoalForm(request.POST, members=page.members)
        done = _save(
            request,
            form,
            lambda d: services.add_goal(
                actor=actor,
                plan_id=plan.id,
                expected_version=d["version"],
                text=d["text"],
                member_ids=[uuid.UUID(m) for m in d["members"]],
                domains=d["domains"],
            ),
            plan,
            reverse("plans:plan", args=[plan.trajectory_id]),
            _("Het doel is toegevoegd."),
        )
        if done:
            return done
    else:
        form = GoalForm(initial={"version": plan.version}, members=page.members)
    return _render(
        request,
        "plans/form.html",
        {
            "form": form,
            "page": page,
            "trajectory": page.trajectory,
            "heading": _("Doel toevoegen"),
            "submit": _("Doel opslaan"),
        },
    )


@access.page(*access.FILE_ROLES, part=Part.PLAN)
def goal_edit(request: HttpRequest, goal_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    goal = access.scoped_get(
        GOAL,
        actor=actor,
        pk=goal_id,
        action=Action.UPDATE if request.method == "POST" else Action.READ,
        part=Part.PLAN,
    )
    plan = goal.plan
    page = _plan_context(actor, plan)
    if request.method == "POST":
        form = GoalForm(request.POST, members=page.members)
        done = _save(
            request,
            form,
            lambda d: services.update_goal(
                actor=actor,
                goal_id=goal.id,
                expected_version=d["version"],
                text=d["text"],
                member_ids=[uuid.UUID(m) for m in d["members"]],
                domains=d["domains"],
            ),
            plan,
            reverse("plans:plan", args=[plan.trajectory_id]),
            _("Het doel is opgeslagen."),
        )
        if done:
            return done
    else:
        form = GoalForm(
            initial={
                "version": plan.version,
                "text": goal.text,
                "domains": goal.domains,
                "members": [str(r.id) for r in goal.members.all()],
            },
            members=page.members,
        )
    return _render(
        request,
        "plans/form.html",
        {
            "form": form,
            "page": page,
            "trajectory": page.trajectory,
            "heading": _("Doel wijzigen"),
            "submit": _("Opslaan"),
        },
    )


@require_http_methods(["GET", "POST"])
@access.page(*access.FILE_ROLES, part=Part.PLAN)
def goal_remove(request: HttpRequest, goal_id: uuid.UUID) -> HttpResponse:
    """Removing a goal asks first: GET shows what will go, only the POST from that page removes it."""
    actor = actor_from_request(request)
    goal = access.scoped_get(
        GOAL,
        actor=actor,
        pk=goal_id,
        action=Action.DELETE if request.method == "POST" else Action.READ,
        part=Part.PLAN,
        log_allowed=request.method == "GET",  # the confirmation page shows the goal: a logged read
    )
    trajectory_id = goal.plan.trajectory_id
    if request.method == "GET":
        return render(
            request,
            "plans/goal_remove.html",
            {"goal": goal, "plan": goal.plan, "trajectory": goal.plan.trajectory},
        )
    try:
        services.remove_goal(
            actor=actor, goal_id=goal.id, expected_version=int(request.POST.get("version", 0))
        )
    except (VersionConflict, ValueError):
        messages.error(request, str(CONFLICT_MESSAGE))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Het doel is verwijderd."))
    return redirect("plans:plan", trajectory_id=trajectory_id)


@access.page(*access.FILE_ROLES, part=Part.PLAN)
def action_new(request: HttpRequest, goal_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    goal = access.scoped_get(
        GOAL,
        actor=actor,
        pk=goal_id,
        action=Action.CREATE if request.method == "POST" else Action.READ,
        part=Part.PLAN,
    )
    plan = goal.plan
    if request.method == "POST":
        form = ActionForm(request.POST)
        done = _save(
            request,
            form,
            lambda d: services.add_action(
                actor=actor,
                goal_id=goal.id,
                expected_version=d["version"],
                description=d["description"],
                owner_type=d["owner_type"],
                owner_name=d["owner_name"],
                due_date=d["due_date"],
                done_on=d["done_on"],
            ),
            plan,
            reverse("plans:plan", args=[plan.trajectory_id]),
            _("De actie is toegevoegd."),
        )
        if done:
            return done
    else:
        form = ActionForm(initial={"version": plan.version})
    page = _plan_context(actor, plan)
    return _render(
        request,
        "plans/form.html",
        {
            "form": form,
            "page": page,
            "trajectory": page.trajectory,
            "goal": goal,
            "heading": _("Actie toevoegen"),
            "submit": _("Actie opslaan"),
        },
    )


@access.page(*access.FILE_ROLES, part=Part.PLAN)
def action_edit(request: HttpRequest, action_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    row = access.scoped_get(
        PLAN_ACTION,
        actor=actor,
        pk=action_id,
        action=Action.UPDATE if request.method == "POST" else Action.READ,
        part=Part.PLAN,
    )
    plan = row.goal.plan
    if request.method == "POST":
        form = ActionForm(request.POST)
        done = _save(
            request,
            form,
            lambda d: services.update_action(
                actor=actor,
                action_id=row.id,
                expected_version=d["version"],
                description=d["description"],
                owner_type=d["owner_type"],
                owner_name=d["owner_name"],
                due_date=d["due_date"],
                done_on=d["done_on"],
            ),
            plan,
            reverse("plans:plan", args=[plan.trajectory_id]),
            _("De actie is opgeslagen."),
        )
        if done:
            return done
    else:
        form = ActionForm(
            initial={
                "version": plan.version,
                "description": row.description,
                "owner_type": row.owner_type,
                "owner_name": row.owner_name,
                "due_date": row.due_date,
                "done_on": row.done_on,
            }
        )
    page = _plan_context(actor, plan)
    return _render(
        request,
        "plans/form.html",
        {
            "form": form,
            "page": page,
            "trajectory": page.trajectory,
            "goal": row.goal,
            "heading": _("Actie wijzigen"),
            "submit": _("Opslaan"),
        },
    )


@require_POST
@access.page(*access.FILE_ROLES, part=Part.PLAN)
def action_remove(request: HttpRequest, action_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    row = access.scoped_get(PLAN_ACTION, actor=actor, pk=action_id, action=Action.DELETE, part=Part.PLAN)
    trajectory_id = row.goal.plan.trajectory_id
    try:
        services.remove_action(
            actor=actor, action_id=row.id, expected_version=int(request.POST.get("version", 0))
        )
    except (VersionConflict, ValueError):
        messages.error(request, str(CONFLICT_MESSAGE))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De actie is verwijderd."))
    return redirect("plans:plan", trajectory_id=trajectory_id)


@access.page(*access.FILE_ROLES, part=Part.PLAN)
def agree(request: HttpRequest, plan_id: uuid.UUID) -> HttpResponse:
    """Record that the resident agreed to the plan as shown: this freezes a printable version."""
    actor = actor_from_request(request)
    plan = access.scoped_get(
        PLAN,
        actor=actor,
        pk=plan_id,
        action=Action.CREATE if request.method == "POST" else Action.READ,
        part=Part.PLAN_VERSION,
    )
    if request.method == "POST":
        form = AgreeForm(request.POST)
        created: dict[str, Any] = {}

        def call(d: dict[str, Any]) -> None:
            created["version"] = services.agree_plan(
                actor=actor,
                plan_id=plan.id,
                expected_version=d["version"],
                agreed_on=d["agreed_on"],
                agreed_how=d["agreed_how"],
                agreed_with=d["agreed_with"],
            )

        done = _save(
            request,
            form,
            call,
            plan,
            reverse("plans:plan", args=[plan.trajectory_id]),
            _("De afspraak is vastgelegd. U kunt deze versie nu afdrukken."),
        )
        if done:
            return redirect("plans:version", version_id=created["version"].id)
    else:
        form = AgreeForm(initial={"version": plan.version, "agreed_on": timezone.localdate()})
    page = _plan_context(actor, plan)
    return _render(request, "plans/agree.html", {"form": form, "page": page, "trajectory": page.trajectory})


@access.page(*access.FILE_ROLES, part=Part.PLAN)
def version(request: HttpRequest, version_id: uuid.UUID) -> HttpResponse:
    """An agreed version, as a page made for printing (print stylesheet, B1 language)."""
    agreed = selectors.plan_version_detail(actor=actor_from_request(request), version_id=version_id)
    return render(
        request,
        "plans/version.html",
        {
            "version": agreed,
            "snapshot": _display_snapshot(agreed.snapshot),
            "trajectory": agreed.plan.trajectory,
        },
    )


def _display_snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The frozen plan with its ISO dates turned into dates, for the template's date filter."""
    shown = {**snapshot}
    for key in ("start_date", "evaluation_date"):
        shown[key] = parse_date(snapshot.get(key) or "")
    shown["goals"] = [
        {
            **goal,
            "actions": [
                {
                    **a,
                    "due_date": parse_date(a.get("due_date") or ""),
                    "done_on": parse_date(a.get("done_on") or ""),
                }
                for a in goal.get("actions", [])
            ],
        }
        for goal in snapshot.get("goals", [])
    ]
    return shown
