"""Pages for the broad analysis: the household view (matrix, charts, comparison) and the form."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from stevig.analysis import selectors, services
from stevig.analysis.forms import AnalysisForm, ChooseMemberForm
from stevig.analysis.models import DOMAIN_DESCRIPTIONS, SCORE_DESCRIPTIONS, Domain, Score
from stevig.audit.models import Action, Part
from stevig.core import access
from stevig.core.context import actor_from_request
from stevig.core.views import staff_required
from stevig.trajectories.selectors import TRAJECTORY


@access.page(*access.FILE_ROLES, part=Part.ANALYSIS)
def household(request: HttpRequest, trajectory_id: uuid.UUID) -> HttpResponse:
    view = selectors.household_analysis(actor=actor_from_request(request), trajectory_id=trajectory_id)
    scale = [(value, label, SCORE_DESCRIPTIONS[value]) for value, label in Score.choices]
    return render(
        request, "analysis/household.html", {"view": view, "trajectory": view.trajectory, "scale": scale}
    )


@access.page(*access.FILE_ROLES, part=Part.ANALYSIS)
def new(request: HttpRequest, trajectory_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    action = Action.CREATE if request.method == "POST" else Action.READ
    trajectory = access.scoped_get(
        TRAJECTORY,
        actor=actor,
        pk=trajectory_id,
        action=action,
        part=Part.ANALYSIS,
        log_allowed=request.method == "GET",  # the form names the members: a logged read
    )
    members = selectors.current_members(trajectory)
    by_id = {str(m.resident_id): m for m in members}
    chosen = by_id.get(
        request.POST.get("resident", "") if request.method == "POST" else request.GET.get("inwoner", "")
    )
    scale = [(value, label, SCORE_DESCRIPTIONS[value]) for value, label in Score.choices]
    if chosen is None and request.method != "POST":
        # Step 1: who is it about? (Issue 11 point 9: only the domains that fit the member's age.)
        choose = ChooseMemberForm(request.GET if "inwoner" in request.GET else None, members=members)
        if choose.is_bound:
            choose.is_valid()
        return render(
            request,
            "analysis/form.html",
            {"choose": choose, "trajectory": trajectory, "scale": scale},
            status=400 if choose.errors else 200,
        )
    domains = selectors.domains_for(chosen.resident, timezone.localdate()) if chosen else []
    if request.method == "POST":
        form = AnalysisForm(request.POST, members=members, domains=domains)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_analysis(
                    actor=actor,
                    trajectory_id=trajectory.id,
                    resident_id=uuid.UUID(data["resident"]),
                    analysed_on=data["analysed_on"],
                    self_direction=data["self_direction"],
                    strengths=data["strengths"],
                    wishes=data["wishes"],
                    scores=form.score_rows(),
                )
            except ValidationError as exc:
                form.apply_service_errors(exc)
            else:
                messages.success(request, _("De analyse is opgeslagen."))
                return redirect("analysis:household", trajectory_id=trajectory.id)
    else:
        assert chosen is not None  # a GET without a member answered with step 1 above
        form = AnalysisForm(initial={"resident": str(chosen.resident_id)}, members=members, domains=domains)
    return render(
        request,
        "analysis/form.html",
        {"form": form, "trajectory": trajectory, "scale": scale, "member": chosen},
        status=400 if form.errors else 200,
    )


@staff_required()
def domains(request: HttpRequest) -> HttpResponse:
    """The life domains and the scale, with our own descriptions (no resident data)."""
    rows = [(label, DOMAIN_DESCRIPTIONS[value]) for value, label in Domain.choices]
    scale = [(value, label, SCORE_DESCRIPTIONS[value]) for value, label in Score.choices]
    return render(request, "analysis/domains.html", {"rows": rows, "scale": scale})
