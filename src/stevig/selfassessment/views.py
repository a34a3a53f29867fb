"""Pages of the self-assessment: rounds, filling in the statements, the results (radar chart drawn on
the server, a table with the same figures, the indicators beside the self-scores, the previous round),
improvement actions and a CSV export of exactly what the results page shows."""

import csv
import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from stevig.core import access
from stevig.core.context import actor_from_request
from stevig.core.pagination import PageRequest
from stevig.selfassessment import selectors, services
from stevig.selfassessment.forms import (
    ActionForm,
    ActionStatusForm,
    AnswersForm,
    CloseForm,
    ParticipantForm,
    ReportForm,
    RoundForm,
)
from stevig.selfassessment.roles import ORGANISER, VIEW_ROLES
from stevig.web.forms import form_status, submit


def _index(request: HttpRequest, round_form: RoundForm | None = None) -> HttpResponse:
    actor = actor_from_request(request)
    page = (
        PageRequest.from_query(request.GET)
        .page(selectors.round_list(actor), keyset=("-created_at", "-id"))
        .bind(request.get_full_path())
    )
    actions = list(selectors.open_actions_of(actor).select_related("principle", "round")[:50])
    context = {
        "page": page,
        "actions": [
            (a, ActionStatusForm(initial={"status": a.status, "version": a.version}, prefix=str(a.id)))
            for a in actions
        ],
        "round_form": round_form or (RoundForm() if actor.role == "beleid" else None),
    }
    return render(request, "selfassessment/index.html", context, status=form_status(request, round_form))


@access.page(*VIEW_ROLES)
@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    return _index(request)


@access.page(*VIEW_ROLES)
@require_POST
def start_round(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST)
    done = submit(
        request,
        form,
        lambda d: services.start_round(
            actor=actor_from_request(request), title=d["title"], period=d["period"]
        ),
    )
    if not done.ok or done.result is None:
        return _index(request, form)
    messages.success(request, _("De ronde is gestart. Voeg nu de deelnemers toe."))
    return redirect("selfassessment:round", round_id=done.result.id)


def _round_page(
    request: HttpRequest,
    round_id: uuid.UUID,
    participant_form: ParticipantForm | None = None,
    action_form: ActionForm | None = None,
    close_form: CloseForm | None = None,
) -> HttpResponse:
    actor = actor_from_request(request)
    result = selectors.round_result(actor, round_id)
    context: dict[str, object] = {"result": result}
    if result.may_organise:
        people = list(selectors.people_who_take_part(actor))
        context["participant_form"] = participant_form or ParticipantForm(users=people)
        context["action_form"] = action_form or ActionForm(
            principles=[r.principle for r in result.principles], users=people
        )
        context["close_form"] = close_form or CloseForm(initial={"version": result.round.version})
    return render(
        request,
        "selfassessment/round.html",
        context,
        status=form_status(request, participant_form, action_form, close_form),
    )


@access.page(*VIEW_ROLES)
@require_http_methods(["GET"])
def round_detail(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    return _round_page(request, round_id)


@access.page(*VIEW_ROLES)
@require_POST
def add_participant(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    form = ParticipantForm(request.POST, users=selectors.people_who_take_part(actor))
    done = submit(
        request,
        form,
        lambda d: services.add_participant(
            actor=actor, round_id=round_id, group=d["group"], user_id=d["user"] or None, name=d["name"]
        ),
        field_map={"ronde": "__all__"},
    )
    if not done.ok:
        return _round_page(request, round_id, participant_form=form)
    messages.success(request, _("De deelnemer is toegevoegd."))
    return redirect("selfassessment:round", round_id=round_id)


@access.page(*VIEW_ROLES)
@require_http_methods(["GET", "POST"])
def fill_in(request: HttpRequest, round_id: uuid.UUID, participant_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    round_, participant, principles = selectors.participant_form(actor, round_id, participant_id)
    form = AnswersForm(request.POST or None, principles=principles)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda d: services.save_answers(
                actor=actor,
                round_id=round_id,
                participant_id=participant_id,
                answers={int(k.removeprefix("stelling_")): v for k, v in d.items()},
            ),
            field_map={"ronde": "__all__"},
        )
        if done.ok:
            messages.success(request, _("Uw scores zijn opgeslagen. Dank u wel."))
            return redirect("selfassessment:round", round_id=round_id)
    return render(
        request,
        "selfassessment/fill_in.html",
        {"round": round_, "participant": participant, "form": form},
        status=form_status(request, form),
    )


@access.page(*VIEW_ROLES)
@require_POST
def add_action(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    form = ActionForm(
        request.POST,
        principles=selectors.instrument(),
        users=selectors.people_who_take_part(actor),
    )
    done = submit(
        request,
        form,
        lambda d: services.add_action(
            actor=actor,
            round_id=round_id,
            principle_number=d["principle"],
            description=d["description"],
            owner_id=d["owner"],
            due_on=d["due_on"],
        ),
    )
    if not done.ok:
        return _round_page(request, round_id, action_form=form)
    messages.success(request, _("De verbeteractie staat op de werklijst van de eigenaar."))
    return redirect("selfassessment:round", round_id=round_id)


@access.page(*VIEW_ROLES)
@require_POST
def action_status(request: HttpRequest, action_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    form = ActionStatusForm(request.POST, prefix=str(action_id))
    done = submit(
        request,
        form,
        lambda d: services.set_action_status(
            actor=actor, action_id=action_id, status=d["status"], expected_version=d["version"]
        ),
    )
    if not done.ok:
        messages.error(
            request,
            " ".join(str(e) for e in form.errors.get("__all__", [])) or _("De stand is niet opgeslagen."),
        )
        status = 409 if getattr(request, "form_conflict", False) else 400
        response = _index(request)
        response.status_code = status
        return response
    messages.success(request, _("De stand is opgeslagen."))
    if request.POST.get("terug") == "ronde" and done.result is not None:
        return redirect(reverse("selfassessment:round", args=[done.result.round_id]) + f"#actie-{action_id}")
    return redirect(reverse("selfassessment:index") + f"#actie-{action_id}")


@access.page(*VIEW_ROLES)
@require_POST
def close_round(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    form = CloseForm(request.POST)
    done = submit(
        request,
        form,
        lambda d: services.close_round(
            actor=actor_from_request(request), round_id=round_id, expected_version=d["version"]
        ),
        field_map={"ronde": "__all__"},
    )
    if not done.ok:
        return _round_page(request, round_id, close_form=form)
    messages.success(request, _("De ronde is afgesloten."))
    return redirect("selfassessment:round", round_id=round_id)


@access.page(*VIEW_ROLES)
@require_http_methods(["GET"])
def export_csv(request: HttpRequest, round_id: uuid.UUID) -> HttpResponse:
    result = selectors.round_result(actor_from_request(request), round_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="zelfevaluatie-{result.round.period}.csv"'
    csv.writer(response, delimiter=";").writerows(selectors.csv_rows(result))
    return response


# --- Quarterly reports (policy) -------------------------------------------------------------------------


def _reports_page(request: HttpRequest, form: ReportForm | None = None) -> HttpResponse:
    page = (
        PageRequest.from_query(request.GET)
        .page(selectors.reports(actor_from_request(request)), keyset=("-created_at", "-id"))
        .bind(request.get_full_path())
    )
    return render(
        request,
        "selfassessment/reports.html",
        {"page": page, "form": form or ReportForm()},
        status=form_status(request, form),
    )


@access.page(ORGANISER)
@require_http_methods(["GET"])
def reports(request: HttpRequest) -> HttpResponse:
    return _reports_page(request)


@access.page(ORGANISER)
@require_POST
def request_report(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST)
    done = submit(
        request,
        form,
        lambda d: services.request_report(actor=actor_from_request(request), period=d["period"]),
    )
    if not done.ok:
        return _reports_page(request, form)
    messages.success(
        request, _("De rapportage wordt gemaakt. Dat duurt even; laad de pagina straks opnieuw.")
    )
    return redirect("selfassessment:reports")


@access.page(ORGANISER)
@require_http_methods(["GET"])
def report(request: HttpRequest, report_id: uuid.UUID) -> HttpResponse:
    found = selectors.report(actor_from_request(request), report_id)
    return render(
        request,
        "selfassessment/report.html",
        {"report": found},
        status=200 if found.status == "ready" else 202,
    )


@access.page(ORGANISER)
@require_http_methods(["GET"])
def report_pdf(request: HttpRequest, report_id: uuid.UUID) -> HttpResponse:
    found = selectors.report(actor_from_request(request), report_id)
    if found.status != "ready":
        return render(request, "selfassessment/report.html", {"report": found}, status=202)
    response = HttpResponse(bytes(found.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{found.filename}"'
    return response
