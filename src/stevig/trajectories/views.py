"""Pages of the support trajectory: list, the trajectory itself, its forms, pilot-light list, figures.

Thin views: a form checks the input, a selector reads (and logs), a service writes (and logs).
Out of scope: 403 with a link to emergency access when the household is in the user's own municipality
and the user works in household files; 404 otherwise.
"""

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from stevig.accounts.models import Role
from stevig.audit.models import Action, Part
from stevig.core import access, figures_api
from stevig.core.context import actor_from_request
from stevig.core.errors import AccessDenied
from stevig.core.pagination import PageRequest
from stevig.core.views import staff_required
from stevig.trajectories import forms, selectors, services
from stevig.trajectories.models import Phase
from stevig.trajectories.selectors import BASIC_HELP
from stevig.web.forms import form_status, submit

ViewFunc = Callable[..., HttpResponse]
PAGE_SIZE = 25
CONFLICT_MESSAGE = _(
    "Iemand anders heeft dit traject intussen gewijzigd. Er is nog niets opgeslagen. "
    "Kijk wat nu is opgeslagen en kies opnieuw."
)


def _stored_version(obj: Any) -> Callable[[], int]:
    """The version stored now, for `submit` after a conflict: nothing typed is lost, and saving again is a
    conscious choice."""

    def current() -> int:
        obj.refresh_from_db()  # the page then shows what is stored now
        return int(obj.version)

    return current


def _save(
    request: HttpRequest,
    form: Any,
    action: Callable[[dict[str, Any]], Any],
    *,
    stored: Any = None,
) -> Any:
    """The project's `submit` with this app's conflict message; `stored` is the object whose version the
    form carries."""
    return submit(
        request,
        form,
        action,
        current_version=_stored_version(stored) if stored is not None else None,
        conflict_message=CONFLICT_MESSAGE,
    )


# --- List ------------------------------------------------------------------------------------------------


@access.page(*access.FILE_ROLES, part=Part.TRAJECTORIES)
@require_http_methods(["GET"])
def trajectory_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    scope = "team" if request.GET.get("wie") == "team" else "mine"
    phase = request.GET.get("fase", "")
    page = selectors.trajectory_list(
        actor=actor,
        scope=scope,
        phase=phase,
        page=PageRequest.from_query(request.GET, page_param="pagina", max_size=PAGE_SIZE),
    ).bind(request.get_full_path(), page_param="pagina")
    return render(
        request,
        "trajectories/list.html",
        {
            "rows": page.rows,
            "scope": scope,
            "phase": phase if phase in Phase.values else "",
            "phases": Phase.choices,
            "page": page,
            "today": timezone.localdate(),
        },
    )


# --- Open --------------------------------------------------------------------------------------------------


@access.page(*access.FILE_ROLES, part=Part.TRAJECTORY)
@require_http_methods(["GET", "POST"])
def trajectory_open(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    from stevig.people.selectors import household_file

    actor = actor_from_request(request)
    file = household_file(actor=actor, household_id=household_id, part=Part.TRAJECTORY)
    team_id = file.household.team_id or actor.user.team_id
    colleagues = selectors.team_colleagues(team_id, actor.municipality_id)
    if request.method == "POST":
        form = forms.OpenTrajectoryForm(request.POST, colleagues=colleagues)
        question = _question_from_form(form, actor, household_id)
        opened = _save(
            request,
            form,
            lambda d: services.open_trajectory(
                actor=actor,
                household_id=household_id,
                contact_person_id=d["contact_person"].id,
                opened_from=d["opened_from"],
                question_id=d.get("question"),
            ),
        )
        if opened.ok:
            messages.success(request, _("Het traject is geopend."))
            return redirect("trajectories:detail", trajectory_id=opened.result.id)
    else:
        initial: dict[str, Any] = {
            "contact_person": actor.user.id if actor.role in access.FILE_ROLES else None
        }
        question = _question_from_query(request, actor, household_id)
        if question is not None:
            initial.update(question=question.id, opened_from=question.text)
            if question.contact_person_id:
                initial["contact_person"] = question.contact_person_id
        form = forms.OpenTrajectoryForm(initial=initial, colleagues=colleagues)
    return render(
        request,
        "trajectories/open.html",
        {"form": form, "file": file, "question": question},
        status=form_status(request, form),
    )


def _question_from_query(request: HttpRequest, actor: Any, household_id: uuid.UUID) -> Any:
    """`?vraag=<id>`: the question whose words and contact person fill the form."""
    return _question(request.GET.get("vraag"), actor, household_id)


def _question_from_form(form: Any, actor: Any, household_id: uuid.UUID) -> Any:
    """The question the posted form carries (hidden field), to name it on the page again."""
    return _question(form["question"].value(), actor, household_id)


def _question(value: Any, actor: Any, household_id: uuid.UUID) -> Any:
    try:
        question_id = uuid.UUID(str(value))
    except ValueError:
        return None
    return selectors.question_to_open_from(actor=actor, household_id=household_id, question_id=question_id)


# --- The trajectory page -------------------------------------------------------------------------------


@access.page(*access.FILE_ROLES, part=Part.TRAJECTORY)
@require_http_methods(["GET"])
def trajectory_detail(request: HttpRequest, trajectory_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    file = selectors.trajectory_file(actor=actor, trajectory_id=trajectory_id)
    today = timezone.localdate()
    return render(
        request,
        "trajectories/detail.html",
        {
            "file": file,
            "trajectory": file.trajectory,
            "today": today,
            "next_phases": [(p, Phase(p).label) for p in file.trajectory.allowed_next_phases],
            "can_reactivate": file.trajectory.phase == Phase.PILOT_LIGHT,
            "is_open": file.trajectory.phase != Phase.CLOSED,
        },
    )


def _header(request: HttpRequest, trajectory_id: uuid.UUID, part: Part) -> selectors.TrajectoryHeader:
    return selectors.trajectory_header(
        actor=actor_from_request(request), trajectory_id=trajectory_id, part=part
    )


@access.page(*access.FILE_ROLES, part=Part.PHASE)
@require_http_methods(["GET", "POST"])
def phase_change(request: HttpRequest, trajectory_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    header = _header(request, trajectory_id, Part.PHASE)
    trajectory = header.trajectory
    if request.method == "POST":
        form = forms.PhaseForm(request.POST, trajectory=trajectory)
        changed = _save(
            request,
            form,
            lambda data: services.change_phase(
                actor=actor,
                trajectory_id=trajectory_id,
                expected_version=data["version"],
                to_phase=data["to_phase"],
                reason=data["reason"],
                cadence_number=data.get("cadence_number"),
                cadence_unit=data.get("cadence_unit") or None,
            ),
            stored=trajectory,
        )
        if changed.ok:
            messages.success(request, _("De fase is gewijzigd."))
            return redirect("trajectories:detail", trajectory_id=trajectory_id)
    else:
        initial: dict[str, Any] = {"version": trajectory.version}
        if request.GET.get("naar") in trajectory.allowed_next_phases:
            initial["to_phase"] = request.GET["naar"]
        form = forms.PhaseForm(initial=initial, trajectory=trajectory)
    return render(
        request,
        "trajectories/phase.html",
        {"form": form, "header": header, "trajectory": trajectory},
        status=form_status(request, form),
    )


@access.page(*access.FILE_ROLES, part=Part.PHASE)
@require_POST
def reactivate(request: HttpRequest, trajectory_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    form = forms.VersionForm(request.POST)
    done = _save(
        request,
        form,
        lambda d: services.reactivate(
            actor=actor, trajectory_id=trajectory_id, expected_version=d["version"]
        ),
    )
    if not done.ok and not form.non_field_errors() and not done.conflict:
        # Only the hidden version was wrong: the page was changed by hand or is very old.
        messages.error(request, _("Er ging iets mis. Laad de pagina opnieuw en probeer het nog eens."))
    elif not done.ok:
        # One button on the trajectory page, no form of its own: the page shows the message on top.
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    else:
        messages.success(
            request, _("Het traject is weer actief (fase hulp). Er is geen nieuwe intake nodig.")
        )
    return redirect("trajectories:detail", trajectory_id=trajectory_id)


@access.page(*access.FILE_ROLES, part=Part.HAND_OVER)
@require_http_methods(["GET", "POST"])
def hand_over(request: HttpRequest, trajectory_id: uuid.UUID) -> HttpResponse:
    """Hand the trajectory over to another vast aanspreekpunt (refused while a safety track runs)."""
    actor = actor_from_request(request)
    header = _header(request, trajectory_id, Part.HAND_OVER)
    trajectory = header.trajectory
    candidates = selectors.hand_over_candidates(trajectory)
    form = forms.HandOverForm(
        request.POST or None, candidates=candidates, initial={"version": trajectory.version}
    )
    if (
        request.method == "POST"
        and _save(
            request,
            form,
            lambda data: services.hand_over(
                actor=actor,
                trajectory_id=trajectory_id,
                expected_version=data["version"],
                contact_person_id=data["contact_person"].id,
                reason=data["reason"],
            ),
            stored=trajectory,
        ).ok
    ):
        messages.success(request, _("Het traject is overgedragen."))
        return redirect("trajectories:detail", trajectory_id=trajectory_id)
    return render(
        request,
        "trajectories/form.html",
        {
            "form": form,
            "header": header,
            "trajectory": trajectory,
            "title": _("Traject overdragen"),
            "submit": _("Overdragen"),
            "intro": _("Het nieuwe vaste aanspreekpunt neemt het traject over. U blijft betrokken."),
        },
        status=form_status(request, form),
    )


@access.page(*access.FILE_ROLES, part=Part.INVOLVED)
@access.page(*access.FILE_ROLES, part=Part.INVOLVED)
@require_http_methods(["GET", "POST"])
def involved_add(request: HttpRequest, trajectory_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    header = _header(request, trajectory_id, Part.INVOLVED)
    candidates = selectors.involvement_candidates(header.trajectory)
    form = forms.InvolvedForm(request.POST or None, candidates=candidates)
    if (
        request.method == "POST"
        and _save(
            request,
            form,
            lambda d: services.add_involved_professional(
                actor=actor, trajectory_id=trajectory_id, user_id=d["user"].id
            ),
        ).ok
    ):
        messages.success(request, _("De collega is toegevoegd als betrokkene."))
        return redirect("trajectories:detail", trajectory_id=trajectory_id)
    return render(
        request,
        "trajectories/form.html",
        {
            "form": form,
            "header": header,
            "trajectory": header.trajectory,
            "title": _("Collega betrekken"),
            "submit": _("Collega toevoegen"),
            "intro": _("Deze collega kan het dossier van dit huishouden dan ook zien."),
        },
        status=form_status(request, form),
    )


@access.page(*access.FILE_ROLES, part=Part.EXPERTISE)
@require_http_methods(["GET", "POST"])
def expertise_needed(request: HttpRequest, trajectory_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    header = _header(request, trajectory_id, Part.EXPERTISE)
    trajectory = header.trajectory
    tags = selectors.expertise_tags(trajectory.municipality_id)
    if request.method == "POST":
        form = forms.ExpertiseForm(request.POST, tags=tags)
        if _save(
            request,
            form,
            lambda d: services.set_expertise_needed(
                actor=actor,
                trajectory_id=trajectory_id,
                expected_version=d["version"],
                tag_ids=[t.id for t in d["expertise"]],
            ),
            stored=trajectory,
        ).ok:
            messages.success(request, _("De expertise is opgeslagen."))
            return redirect("trajectories:detail", trajectory_id=trajectory_id)
    else:
        form = forms.ExpertiseForm(
            initial={"expertise": list(trajectory.expertise_needed.all()), "version": trajectory.version},
            tags=tags,
        )
    return render(
        request,
        "trajectories/form.html",
        {
            "form": form,
            "header": header,
            "trajectory": trajectory,
            "title": _("Welke expertise is nodig?"),
            "submit": _("Opslaan"),
            "intro": _("Stevig laat dan collega's in het team zien die deze expertise hebben."),
        },
        status=form_status(request, form),
    )


# --- Basic help --------------------------------------------------------------------------------------------


@access.page(*access.FILE_ROLES, part=Part.BASIC_HELP)
@require_http_methods(["GET", "POST"])
def basic_help_add(request: HttpRequest, trajectory_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    header = _header(request, trajectory_id, Part.BASIC_HELP)
    colleagues = selectors.team_colleagues(header.trajectory.team_id, actor.municipality_id)
    if request.method == "POST":
        form = forms.BasicHelpForm(request.POST, colleagues=colleagues)
        if _save(
            request,
            form,
            lambda data: services.add_basic_help(
                actor=actor,
                trajectory_id=trajectory_id,
                kind=data["kind"],
                provided_by_id=data["provided_by"].id,
                intensity=data["intensity"],
                duration=data["duration"],
                start_date=data["start_date"],
                evaluation_date=data["evaluation_date"],
                description=data["description"],
                reason=data["reason"],
            ),
        ).ok:
            messages.success(request, _("De basishulp is vastgelegd."))
            return redirect(_detail_url(trajectory_id, "basishulp"))
    else:
        today = timezone.localdate()
        form = forms.BasicHelpForm(
            initial={
                "provided_by": actor.user.id,
                "start_date": today,
                "evaluation_date": today + timedelta(weeks=6),
            },
            colleagues=colleagues,
        )
    return render(
        request,
        "trajectories/form.html",
        {
            "form": form,
            "header": header,
            "trajectory": header.trajectory,
            "title": _("Basishulp vastleggen"),
            "submit": _("Basishulp opslaan"),
            "intro": _("Basishulp geeft het team zelf. Er is geen indicatie of besluit voor nodig."),
        },
        status=form_status(request, form),
    )


@access.page(*access.FILE_ROLES, part=Part.BASIC_HELP)
@require_http_methods(["GET", "POST"])
def basic_help_evaluate(request: HttpRequest, trajectory_id: uuid.UUID, help_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    header = _header(request, trajectory_id, Part.BASIC_HELP)
    help_row = access.scoped_get(
        BASIC_HELP, actor=actor, pk=help_id, part=Part.BASIC_HELP, action=Action.READ
    )
    if help_row.trajectory_id != header.trajectory.id:
        raise Http404
    if request.method == "POST":
        form = forms.EvaluationForm(request.POST)
        if _save(
            request,
            form,
            lambda data: services.evaluate_basic_help(
                actor=actor,
                help_id=help_id,
                expected_version=data["version"],
                evaluated_at=data["evaluated_at"],
                note=data["note"],
            ),
            stored=help_row,
        ).ok:
            messages.success(request, _("De evaluatie is opgeslagen."))
            return redirect(_detail_url(trajectory_id, "basishulp"))
    else:
        form = forms.EvaluationForm(
            initial={
                "evaluated_at": help_row.evaluated_at or timezone.localdate(),
                "note": help_row.evaluation_note,
                "version": help_row.version,
            }
        )
    return render(
        request,
        "trajectories/form.html",
        {
            "form": form,
            "header": header,
            "trajectory": header.trajectory,
            "title": _("Basishulp evalueren: %(kind)s") % {"kind": help_row.get_kind_display()},
            "submit": _("Evaluatie opslaan"),
            "intro": _("Afgesproken evaluatiedatum: %(date)s.")
            % {"date": date_format(help_row.evaluation_date, "j F Y")},
        },
        status=form_status(request, form),
    )


def _detail_url(trajectory_id: uuid.UUID, anchor: str) -> str:
    from django.urls import reverse

    return reverse("trajectories:detail", args=[trajectory_id]) + f"#{anchor}"


# --- Contacts and consultations -----------------------------------------------------------------------------


@access.page(*access.FILE_ROLES, part=Part.CONTACT)
@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, trajectory_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    header = _header(request, trajectory_id, Part.CONTACT)
    members = selectors.current_memberships(header.trajectory.household_id)
    form = forms.ContactForm(request.POST or None, members=members)
    if (
        request.method == "POST"
        and _save(
            request,
            form,
            lambda data: services.record_contact(
                actor=actor,
                trajectory_id=trajectory_id,
                kind=data["kind"],
                contact_date=data["contact_date"],
                summary=data["summary"],
                resident_ids=[m.resident_id for m in data["residents"]],
                with_others=data["with_others"],
            ),
        ).ok
    ):
        messages.success(request, _("Het contact is vastgelegd."))
        return redirect(_detail_url(trajectory_id, "contacten"))
    return render(
        request,
        "trajectories/form.html",
        {
            "form": form,
            "header": header,
            "trajectory": header.trajectory,
            "title": _("Contact vastleggen"),
            "submit": _("Contact opslaan"),
            "intro": _(
                "Bij waakvlam telt elk contact als waakvlamcontact. De volgende datum schuift dan op."
            ),
        },
        status=form_status(request, form),
    )


@access.page(*access.FILE_ROLES, part=Part.CONSULTATION)
@require_http_methods(["GET", "POST"])
def consultation_add(request: HttpRequest, trajectory_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    header = _header(request, trajectory_id, Part.CONSULTATION)
    tags = selectors.expertise_tags(header.trajectory.municipality_id)
    form = forms.ConsultationForm(request.POST or None, tags=tags)
    if (
        request.method == "POST"
        and _save(
            request,
            form,
            lambda data: services.record_consultation(
                actor=actor,
                trajectory_id=trajectory_id,
                kind=data["kind"],
                area_id=data["area"].id,
                consulted=data["consulted"],
                consultation_date=data["consultation_date"],
                question=data["question"],
                advice=data["advice"],
                follow_up_date=data.get("follow_up_date"),
                legal_basis=data.get("legal_basis") or "publieke_taak",
            ),
        ).ok
    ):
        messages.success(request, _("De consultatie is vastgelegd. Het team blijft het aanspreekpunt."))
        return redirect(_detail_url(trajectory_id, "expertise"))
    return render(
        request,
        "trajectories/form.html",
        {
            "form": form,
            "header": header,
            "trajectory": header.trajectory,
            "title": _("Specialist raadplegen of verwijzen"),
            "submit": _("Opslaan"),
            "intro": _("Bij een verwijzing blijft het team het vaste aanspreekpunt."),
        },
        status=form_status(request, form),
    )


# --- Pilot light and figures -------------------------------------------------------------------------------


@access.page(*access.FILE_ROLES, part=Part.PILOT_LIGHT)
@require_http_methods(["GET"])
def pilot_light_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    scope = "team" if request.GET.get("wie") == "team" else "mine"
    today = timezone.localdate()
    rows = selectors.pilot_light_worklist(actor=actor, until=today + timedelta(days=14), team=scope == "team")
    return render(request, "trajectories/pilot_light.html", {"rows": rows, "scope": scope, "today": today})


@staff_required()
@require_http_methods(["GET"])
def figures_page(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if not (actor.user.is_staff_member and actor.role == Role.POLICY):
        try:
            selectors.figures_for(actor=actor)  # refuses and logs the refusal
        except AccessDenied:
            return render(request, "trajectories/figures_denied.html", status=403)
    period, context = figures_api.page_period(request)
    figures = selectors.figures_for(actor=actor, period=period) if period else None
    return render(
        request,
        "trajectories/figures.html",
        {"figures": figures, "min_group": _min_group(), **context},
        status=200 if figures else 400,
    )


def _min_group() -> int:
    from stevig.trajectories.figures import MIN_GROUP

    return MIN_GROUP
