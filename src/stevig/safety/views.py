"""Pages of the safety track. Thin: a form checks the input, a selector reads (and logs with purpose
'veiligheid'), a service writes (and logs).

Only file roles reach these pages; another role gets a logged denial and 403. Someone who may see the
trajectory but is not named on the track gets a logged denial and 403 with the option of emergency
access (with a reason, reviewed by privacy); anyone outside the municipality gets 404.
"""

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from stevig.audit.models import Part
from stevig.core import access
from stevig.core.access import FILE_ROLES
from stevig.core.context import actor_from_request
from stevig.core.errors import VersionConflict
from stevig.safety import forms, selectors, services
from stevig.safety.meldcode import LEGAL_SOURCE, QUESTIONS, Step, questions_for_step
from stevig.safety.models import Source
from stevig.trajectories.selectors import trajectory_header

ViewFunc = Callable[..., HttpResponse]
PAGE_SIZE = 25
CONFLICT_MESSAGE = _(
    "Iemand anders heeft dit veiligheidsspoor intussen gewijzigd. Er is nog niets opgeslagen. "
    "Kijk wat nu is opgeslagen en probeer het opnieuw."
)


def safety_page(*, part: Part) -> Callable[[ViewFunc], ViewFunc]:
    """File roles only (`access.page`: another role gets a denial logged with purpose 'veiligheid
    (Meldcode)' and 403). Not on the track: the selector has logged the denial; 403 with the offer of
    emergency access to the track, else 404."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                return view(request, *args, **kwargs)
            except selectors.SafetyAccessDenied as exc:
                if not exc.can_break_glass:
                    raise Http404 from exc
                return render(request, "safety/no_access.html", {"track_id": exc.track_id}, status=403)

        return access.page(*FILE_ROLES, part=part, purpose=selectors.PURPOSE)(inner)

    return decorator


def _status(form: Any, conflict: bool = False) -> int:
    return 409 if conflict else (400 if form.errors else 200)


def _positive_int(value: str | None) -> int:
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    return max(number, 1)


def _rebound(form: Any, data: QueryDict, version: int, **kwargs: Any) -> Any:
    data = data.copy()
    data["version"] = str(version)
    form = type(form)(data, **kwargs)
    form.is_valid()
    form.add_error(None, CONFLICT_MESSAGE)
    return form


# --- List and open ---------------------------------------------------------------------------------------


@safety_page(part=Part.SAFETY_TRACKS)
@require_http_methods(["GET"])
def track_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    number = _positive_int(request.GET.get("pagina"))
    rows, has_more = selectors.track_list(actor=actor, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    return render(
        request,
        "safety/list.html",
        {
            "rows": rows,
            "page": number,
            "next_url": f"?pagina={number + 1}" if has_more else "",
            "previous_url": f"?pagina={number - 1}" if number > 1 else "",
            "today": timezone.localdate(),
        },
    )


@safety_page(part=Part.SAFETY)
@require_http_methods(["GET", "POST"])
def track_open(request: HttpRequest, trajectory_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    header = trajectory_header(
        actor=selectors.safety_actor(actor), trajectory_id=trajectory_id, part=Part.SAFETY
    )
    questions = [
        (str(q.id), f"{q.reference}: {q.text[:80]}")
        for q in selectors.questions_of(header.trajectory.household_id)
    ]
    form = forms.OpenTrackForm(
        request.POST or None,
        questions=questions,
        initial={
            "question": request.GET.get("vraag", ""),
            "source": Source.QUESTION if request.GET.get("vraag") else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            track = services.open_track(
                actor=actor,
                trajectory_id=trajectory_id,
                source=data["source"],
                source_note=data["source_note"],
                question_id=uuid.UUID(data["question"]) if data.get("question") else None,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request, _("Het veiligheidsspoor is geopend. Begin met stap 1: signalen in kaart brengen.")
            )
            return redirect("safety:detail", track_id=track.id)
    return render(
        request,
        "safety/open.html",
        {"form": form, "header": header, "trajectory": header.trajectory},
        status=_status(form),
    )


# --- The track ------------------------------------------------------------------------------------------


@safety_page(part=Part.SAFETY)
@require_http_methods(["GET"])
def track_detail(request: HttpRequest, track_id: uuid.UUID) -> HttpResponse:
    file = selectors.track_file(actor=actor_from_request(request), track_id=track_id)
    answers = file.track.answers
    return render(
        request,
        "safety/detail.html",
        {
            "file": file,
            "track": file.track,
            "steps": [(s, file.steps.get(s.value)) for s in Step],
            "questions": [(q, answers.get(q.number)) for q in QUESTIONS],
            "legal_source": LEGAL_SOURCE,
        },
    )


def _step_page(request: HttpRequest, track_id: uuid.UUID, *, number: int) -> HttpResponse:
    actor = actor_from_request(request)
    file = selectors.track_file(actor=actor, track_id=track_id, part=Part.SAFETY_STEP)
    track = file.track
    conflict = False
    ask = number == Step.WEIGH or (number == Step.DECIDE and not file.conclusion.complete)
    kwargs: dict[str, Any] = {}
    if number == Step.WEIGH:
        form_class: Any = forms.WeighForm
    elif number == Step.DECIDE:
        form_class = forms.DecideForm
        kwargs["ask_questions"] = ask
    else:
        form_class = forms.StepForm
        kwargs["number"] = number
    initial = {"version": track.version, "done_on": timezone.localdate()}
    form = form_class(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "actor": actor,
            "track_id": track_id,
            "expected_version": data["version"],
            "done_on": data["done_on"],
            "notes": data["notes"],
        }
        try:
            if number == Step.WEIGH:
                services.weigh(
                    **common, suspicion=forms.yes_no(data.get("q1")), unsafe=forms.yes_no(data.get("q2"))
                )
            elif number == Step.DECIDE:
                services.decide(
                    **common,
                    outcome=data["outcome"],
                    outcome_reason=data.get("outcome_reason", ""),
                    help_possible=forms.yes_no(data.get("q3")),
                    help_accepted=forms.yes_no(data.get("q4")),
                    lasting_safety=forms.yes_no(data.get("q5")),
                    reported_on=data.get("reported_on"),
                )
            else:
                services.record_step(
                    **common,
                    number=number,
                    not_done_for_safety=bool(data.get("not_done_for_safety")),
                    colleague_consulted=data.get("colleague_consulted", ""),
                    veilig_thuis_consulted=bool(data.get("veilig_thuis_consulted")),
                    veilig_thuis_advice=data.get("veilig_thuis_advice", ""),
                )
        except VersionConflict:
            conflict = True
            track.refresh_from_db()
            form = _rebound(form, request.POST, track.version, **kwargs)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Stap %(n)d is vastgelegd.") % {"n": number})
            return redirect("safety:detail", track_id=track_id)
    return render(
        request,
        "safety/step.html",
        {
            "form": form,
            "file": file,
            "track": track,
            "step": Step(number),
            "questions": questions_for_step(number) if ask else [],
            "legal_source": LEGAL_SOURCE,
        },
        status=_status(form, conflict),
    )


@safety_page(part=Part.SAFETY_STEP)
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, track_id: uuid.UUID, number: int) -> HttpResponse:
    if number not in Step.values:
        raise Http404
    return _step_page(request, track_id, number=number)


@safety_page(part=Part.SAFETY_FOLLOW_UP)
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, track_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    file = selectors.track_file(actor=actor, track_id=track_id, part=Part.SAFETY_FOLLOW_UP)
    form = forms.FollowUpForm(
        request.POST or None, initial={"version": file.track.version, "follow_up_on": timezone.localdate()}
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_follow_up(
                actor=actor,
                track_id=track_id,
                expected_version=data["version"],
                follow_up_on=data["follow_up_on"],
                follow_up=data["follow_up"],
            )
        except VersionConflict:
            conflict = True
            file.track.refresh_from_db()
            form = _rebound(form, request.POST, file.track.version)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request, _("De terugkoppeling van Veilig Thuis is vastgelegd. Het spoor is afgerond.")
            )
            return redirect("safety:detail", track_id=track_id)
    return _form(request, form, file, _("Terugkoppeling van Veilig Thuis"), _("Opslaan"), conflict)


def _form(
    request: HttpRequest,
    form: Any,
    file: Any,
    title: Any,
    submit: Any,
    conflict: bool = False,
    intro: Any = "",
) -> HttpResponse:
    return render(
        request,
        "safety/form.html",
        {"form": form, "file": file, "track": file.track, "title": title, "submit": submit, "intro": intro},
        status=_status(form, conflict),
    )


@safety_page(part=Part.SAFETY_NAMED)
@require_http_methods(["GET", "POST"])
def colleague(request: HttpRequest, track_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    file = selectors.track_file(actor=actor, track_id=track_id, part=Part.SAFETY_NAMED)
    form = forms.NameColleagueForm(request.POST or None, candidates=selectors.nameable_colleagues(file.track))
    if request.method == "POST" and form.is_valid():
        try:
            services.name_colleague(actor=actor, track_id=track_id, user_id=form.cleaned_data["user"].id)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("De collega staat nu op het veiligheidsspoor."))
            return redirect("safety:detail", track_id=track_id)
    return _form(
        request,
        form,
        file,
        _("Collega op het spoor zetten"),
        _("Collega toevoegen"),
        intro=_("Deze collega kan de aantekeningen dan lezen en ziet het spoor op de werklijst."),
    )


@safety_page(part=Part.SAFETY_RISK)
@require_http_methods(["GET", "POST"])
def risks(request: HttpRequest, track_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    file = selectors.track_file(actor=actor, track_id=track_id, part=Part.SAFETY_RISK)
    form = forms.RiskForm(request.POST or None, members=file.members, initial={"version": file.track.version})
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.set_risks(
                actor=actor,
                track_id=track_id,
                expected_version=form.cleaned_data["version"],
                risks=form.risks(),
            )
        except VersionConflict:
            conflict = True
            file.track.refresh_from_db()
            form = _rebound(form, request.POST, file.track.version, members=file.members)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("De inschatting per persoon is opgeslagen."))
            return redirect("safety:detail", track_id=track_id)
    return _form(
        request,
        form,
        file,
        _("Wie loopt gevaar?"),
        _("Opslaan"),
        conflict,
        intro=_(
            "Schat voor iedereen in het huishouden in of hij of zij gevaar loopt. Kinderen staan bovenaan."
        ),
    )


@safety_page(part=Part.SAFETY_EMERGENCY)
@require_http_methods(["GET", "POST"])
def emergency(request: HttpRequest, track_id: uuid.UUID) -> HttpResponse:
    """Break the glass for a track: a reason, 24 hours, reviewed by the privacy officer."""
    actor = actor_from_request(request)
    form = forms.EmergencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_emergency_access(
                actor=actor, track_id=track_id, reason=form.cleaned_data["reason"]
            )
        except selectors.SafetyAccessDenied as exc:
            raise Http404 from exc
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.warning(
                request, _("U heeft noodtoegang tot dit veiligheidsspoor. Dit wordt gecontroleerd.")
            )
            return redirect("safety:detail", track_id=track_id)
    elif request.method == "GET":
        selectors.require_track_in_municipality(actor=actor, track_id=track_id)
    return render(
        request, "safety/emergency.html", {"form": form, "track_id": track_id}, status=_status(form)
    )
