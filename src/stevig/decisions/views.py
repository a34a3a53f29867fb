"""Pages for decisions: the worklist, a household's applications and decisions, the forms, the decision
with its periodic contacts, the letter (printable page and PDF) and the figures for policy.

Out of scope → logged by the selector, then 403 (break the glass possible) or 404. Edits carry the
version they were made against; a stale save answers 409 with the typed values kept."""

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stevig.accounts.models import Role
from stevig.audit.models import Action, Part
from stevig.core import access, figures_api
from stevig.core.context import Actor, actor_from_request
from stevig.core.errors import AccessDenied
from stevig.core.suppression import MIN_SHARE_BASE as MIN_GROUP
from stevig.core.views import staff_required
from stevig.decisions import sections, selectors, services
from stevig.decisions.forms import (
    ApplicationForm,
    ContactDoneForm,
    ContinueForm,
    EditDecisionForm,
    EndLifelongForm,
    LifelongForm,
    NewDecisionForm,
    RemedyDecideForm,
    RemedyForm,
    SendForm,
    WithdrawDecisionForm,
    WithdrawForm,
    outcome_fields,
)
from stevig.decisions.models import Decision, LetterPdf, LetterPdfStatus
from stevig.decisions.selectors import APPLICATION, DECISION, LIMITATION, PERIODIC_CONTACT
from stevig.people.selectors import HOUSEHOLD
from stevig.web.forms import StevigForm, form_status, submit

# A PDF letter usually takes the worker a few seconds; pages and API say when to look again.
PDF_RETRY_SECONDS = 5


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _save(
    request: HttpRequest,
    form: StevigForm,
    call: Callable[[dict[str, Any]], Any],
    current_version: Callable[[], int] | None = None,
) -> Any:
    """Validate and call the service (the project's `submit`). Returns its result, or None with the
    errors on the form."""
    return submit(request, form, call, current_version=current_version).result


def _stored_version(obj: Any) -> Callable[[], int]:
    def current() -> int:
        obj.refresh_from_db(fields=["version"])
        return int(obj.version)

    return current


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], log: dict[str, Any] | None = None
) -> HttpResponse:
    """Render a form page; `log` describes the resident data it shows (one 'read' row)."""
    if log is not None:
        selectors.log_form_read(actor=actor_from_request(request), **log)
    return render(request, template, context, status=form_status(request, context.get("form")))


# --- Worklist and household ---------------------------------------------------------------------------


@staff_required()
@require_http_methods(["GET"])
def worklist(request: HttpRequest) -> HttpResponse:
    try:
        items = selectors.due_worklist(actor=actor_from_request(request))
    except AccessDenied:
        return render(request, "403.html", status=403)
    return render(request, "decisions/worklist.html", {"items": items})


@access.page(*access.FILE_ROLES, part=Part.DECISIONS)
@require_http_methods(["GET"])
def household(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    view = selectors.household_decisions(actor=actor_from_request(request), household_id=household_id)
    return render(request, "decisions/household.html", {"view": view, "household": view.household})


def _household_context(request: HttpRequest, household_id: uuid.UUID, action: Action) -> Any:
    actor = actor_from_request(request)
    household = access.scoped_get(HOUSEHOLD, actor=actor, pk=household_id, action=action, part=Part.DECISIONS)
    members = selectors.current_members(household)
    return actor, household, members


@access.page(*access.FILE_ROLES, part=Part.DECISIONS)
def application_new(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    action = Action.CREATE if request.method == "POST" else Action.READ
    actor, household, members = _household_context(request, household_id, action)
    categories = list(selectors.categories_for(actor.user))
    form = ApplicationForm(request.POST or None, members=members, categories=categories)
    if request.method == "POST":
        done = _save(
            request,
            form,
            lambda d: services.record_application(
                actor=actor,
                household_id=household.id,
                resident_id=_uuid(d["resident"]),
                law=d["law"],
                received_on=d["received_on"],
                description=d["description"],
                category_id=_uuid(d["category"]),
            ),
        )
        if done:
            messages.success(
                request,
                _("De aanvraag is vastgelegd. Neem uiterlijk op %(day)s een besluit.")
                % {"day": f"{done.due_on:%d-%m-%Y}"},
            )
            return redirect(reverse("decisions:household", args=[household.id]) + "#aanvragen")
    return _render(
        request,
        "decisions/form.html",
        {
            "form": form,
            "household": household,
            "heading": _("Aanvraag vastleggen"),
            "submit": _("Aanvraag opslaan"),
        },
        log={
            "part": "aanvraag",
            "resident_ids": [m.resident_id for m in members],
            "object_type": "household",
            "object_id": household.id,
            "household_id": household.id,
        },
    )


@access.page(*access.FILE_ROLES, part=Part.DECISIONS)
def application_withdraw(request: HttpRequest, application_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    action = Action.UPDATE if request.method == "POST" else Action.READ
    application = access.scoped_get(
        APPLICATION, actor=actor, pk=application_id, action=action, part=Part.APPLICATION
    )
    form = WithdrawForm(request.POST or None, initial={"version": application.version})
    if request.method == "POST":
        done = _save(
            request,
            form,
            lambda d: services.withdraw_application(
                actor=actor, application_id=application.id, expected_version=d["version"], reason=d["reason"]
            ),
        )
        if done:
            messages.success(request, _("De aanvraag is ingetrokken."))
            return redirect(reverse("decisions:household", args=[application.household_id]) + "#aanvragen")
    return _render(
        request,
        "decisions/form.html",
        {
            "form": form,
            "household": application.household,
            "heading": _("Aanvraag intrekken"),
            "intro": application.description,
            "submit": _("Aanvraag intrekken"),
        },
        log={
            "part": "aanvraag",
            "resident_ids": [application.resident_id],
            "object_type": "application",
            "object_id": application.id,
            "household_id": application.household_id,
        },
    )


@access.page(*access.FILE_ROLES, part=Part.DECISIONS)
def lifelong_new(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    action = Action.CREATE if request.method == "POST" else Action.READ
    actor, household, members = _household_context(request, household_id, action)
    form = LifelongForm(request.POST or None, members=members)
    if request.method == "POST":
        done = _save(
            request,
            form,
            lambda d: services.flag_lifelong(
                actor=actor,
                household_id=household.id,
                resident_id=_uuid(d["resident"]),
                description=d["description"],
                since=d["since"],
            ),
        )
        if done:
            messages.success(request, _("De levenslange of levensbrede beperking is vastgelegd."))
            return redirect(reverse("decisions:household", args=[household.id]) + "#beperking")
    return _render(
        request,
        "decisions/form.html",
        {
            "form": form,
            "household": household,
            "heading": _("Levenslange of levensbrede beperking vastleggen"),
            "intro": _(
                "Gaat de beperking niet over? Leg dat hier vast. Dan kan een beschikking lang duren of zonder "
                "einddatum. In plaats van een herindicatie plant Stevig dan contactmomenten."
            ),
            "submit": _("Vastleggen"),
        },
        log={
            "part": "levenslange-beperking",
            "resident_ids": [m.resident_id for m in members],
            "object_type": "household",
            "object_id": household.id,
            "household_id": household.id,
        },
    )


@access.page(*access.FILE_ROLES, part=Part.DECISIONS)
def lifelong_end(request: HttpRequest, limitation_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    action = Action.UPDATE if request.method == "POST" else Action.READ
    flag = access.scoped_get(
        LIMITATION, actor=actor, pk=limitation_id, action=action, part=Part.LIFELONG_LIMITATION
    )
    household = selectors.household_for_resident(flag.resident_id)
    assert household is not None  # in scope means: lives in a household the actor may see
    form = EndLifelongForm(request.POST or None)
    if request.method == "POST":
        done = _save(
            request,
            form,
            lambda d: services.end_lifelong(actor=actor, limitation_id=flag.id, reason=d["reason"]),
        )
        if done:
            messages.success(request, _("De beperking staat niet meer vastgelegd."))
            return redirect(reverse("decisions:household", args=[household.id]) + "#beperking")
    return _render(
        request,
        "decisions/form.html",
        {
            "form": form,
            "household": household,
            "heading": _("Beperking beëindigen"),
            "intro": flag.description,
            "submit": _("Beëindigen"),
        },
        log={
            "part": "levenslange-beperking",
            "resident_ids": [flag.resident_id],
            "object_type": "lifelong_limitation",
            "object_id": flag.id,
            "household_id": household.id,
        },
    )


# --- Decisions ----------------------------------------------------------------------------------------


@access.page(*access.FILE_ROLES, part=Part.DECISIONS)
def decision_new(request: HttpRequest, household_id: uuid.UUID) -> HttpResponse:
    action = Action.CREATE if request.method == "POST" else Action.READ
    actor, household, members = _household_context(request, household_id, action)
    categories = list(selectors.categories_for(actor.user))
    applications = list(selectors.open_applications_of(household))
    initial: dict[str, Any] = {}
    chosen = next((a for a in applications if str(a.id) == request.GET.get("aanvraag")), None)
    if chosen is not None:
        initial = {
            "application": str(chosen.id),
            "resident": str(chosen.resident_id),
            "category": str(chosen.category_id or ""),
        }
    form = NewDecisionForm(
        request.POST or None,
        initial=initial,
        members=members,
        applications=applications,
        categories=categories,
        signatories=list(selectors.signatories_for(actor)),
    )
    if request.method == "POST":
        done = _save(
            request,
            form,
            lambda d: services.create_decision(
                actor=actor,
                household_id=household.id,
                resident_id=_uuid(d["resident"]),
                application_id=_uuid(d["application"]),
                category_id=_uuid(d["category"]),
                form=d["form"],
                pgb_motivation=d["pgb_motivation"],
                start_date=d["start_date"],
                end_date=d["end_date"],
                reason=d["reason"],
                provider=d["provider"],
                decided_on=d["decided_on"],
                contact_interval_months=d.get("contact_interval_months"),
                **outcome_fields(d),
            ),
        )
        if done:
            messages.success(request, _("Het besluit is vastgelegd. U kunt nu de brief maken."))
            return redirect("decisions:detail", decision_id=done.id)
    return _render(
        request,
        "decisions/form.html",
        {
            "form": form,
            "household": household,
            "heading": _("Besluit vastleggen"),
            "intro": _(
                "Schrijf altijd op waarom u dit besluit. Kies een duur die past bij wat de inwoner nodig heeft."
            ),
            "submit": _("Besluit opslaan"),
        },
        log={
            "part": "beschikking",
            "resident_ids": [m.resident_id for m in members],
            "object_type": "household",
            "object_id": household.id,
            "household_id": household.id,
        },
    )


@access.page(*access.FILE_ROLES, part=Part.DECISIONS)
@require_http_methods(["GET"])
def detail(request: HttpRequest, decision_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    view = selectors.decision_detail(actor=actor, decision_id=decision_id)
    return render(request, "decisions/detail.html", _detail_context(actor, view))


def _detail_context(actor: Actor, view: Any, bound: StevigForm | None = None) -> dict[str, Any]:
    decision = view.decision
    forms: dict[str, StevigForm] = {
        "send_form": SendForm(initial={"version": decision.version, "sent_on": timezone.localdate()}),
        "withdraw_form": WithdrawDecisionForm(initial={"version": decision.version}),
        "remedy_form": RemedyForm(),
    }
    for key, form in forms.items():
        if bound is not None and type(form) is type(bound):
            forms[key] = bound
    return {
        "view": view,
        "decision": decision,
        "household": decision.household,
        # Other apps' parts of the page (e.g. the provider's allocation and iWmo/iJw messages).
        "sections": sections.for_decision(actor, decision),
        **forms,
    }


def _decision_action(
    request: HttpRequest,
    decision_id: uuid.UUID,
    form: StevigForm,
    call: Callable[[dict[str, Any]], Any],
    done_text: str,
) -> HttpResponse:
    """A small form on the decision page: on success back to the page, else the page with the field errors."""
    if _save(request, form, call):
        messages.success(request, done_text)
        return redirect("decisions:detail", decision_id=decision_id)
    actor = actor_from_request(request)
    view = selectors.decision_detail(actor=actor, decision_id=decision_id)
    return render(
        request,
        "decisions/detail.html",
        _detail_context(actor, view, form),
        status=form_status(request, form),
    )


@access.page(*access.FILE_ROLES, part=Part.DECISIONS)
@require_http_methods(["POST"])
def send(request: HttpRequest, decision_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    return _decision_action(
        request,
        decision_id,
        SendForm(request.POST),
        lambda d: services.record_sending(
            actor=actor, decision_id=decision_id, expected_version=d["version"], sent_on=d["sent_on"]
        ),
        _("De verzenddatum is opgeslagen. De bezwaartermijn loopt vanaf de dag erna."),
    )


@access.page(*access.FILE_ROLES, part=Part.DECISIONS)
@require_http_methods(["POST"])
def withdraw(request: HttpRequest, decision_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    return _decision_action(
        request,
        decision_id,
        WithdrawDecisionForm(request.POST),
        lambda d: services.withdraw_decision(
            actor=actor, decision_id=decision_id, expected_version=d["version"], reason=d["reason"]
        ),
        _("De beschikking is ingetrokken. De oude versie blijft leesbaar."),
    )


@access.page(*access.FILE_ROLES, part=Part.DECISIONS)
@require_http_methods(["POST"])
def remedy_new(request: HttpRequest, decision_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    return _decision_action(
        request,
        decision_id,
        RemedyForm(request.POST),
        lambda d: services.register_remedy(
            actor=actor,
            decision_id=decision_id,
            kind=d["kind"],
            received_on=d["received_on"],
            posted_on=d["posted_on"],
            summary=d["summary"],
            excusable_reason=d["excusable_reason"],
            advisory_committee=d["advisory_committee"],
        ),
        _("Vastgelegd. De termijn staat op de werklijst."),
    )


@access.page(*access.FILE_ROLES, part=Part.DECISIONS)
def remedy_decide(request: HttpRequest, remedy_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    action = Action.UPDATE if request.method == "POST" else Action.READ
    remedy = selectors.remedy_in_scope(actor=actor, remedy_id=remedy_id, action=action)
    form = RemedyDecideForm(
        request.POST or None, initial={"version": remedy.version, "decided_on": timezone.localdate()}
    )
    if request.method == "POST":
        done = _save(
            request,
            form,
            lambda d: services.decide_remedy(
                actor=actor,
                remedy_id=remedy.id,
                expected_version=d["version"],
                decided_on=d["decided_on"],
                result=d["result"],
            ),
        )
        if done:
            messages.success(request, _("De beslissing is vastgelegd."))
            return redirect("decisions:detail", decision_id=remedy.decision_id)
    return _render(
        request,
        "decisions/remedy_decide.html",
        {"form": form, "remedy": remedy, "decision": remedy.decision, "household": remedy.decision.household},
        log={
            "part": "bezwaar",
            "resident_ids": [remedy.decision.resident_id],
            "object_type": "remedy",
            "object_id": remedy.id,
            "household_id": remedy.household_id,
        },
    )


def _edit_initial(decision: Decision) -> dict[str, Any]:
    return {
        "version": decision.version,
        "category": str(decision.category_id),
        "form": decision.form,
        "pgb_motivation": decision.pgb_motivation,
        "start_date": decision.start_date,
        "end_date": decision.end_date,
        "reason": decision.reason,
        "provider": decision.provider,
        "decided_on": decision.decided_on,
        "contact_interval_months": decision.contact_interval_months,
        "outcome": decision.outcome,
        "legal_ground": decision.legal_ground,
        "volume": decision.volume,
        "unit": decision.unit,
        "frequency": decision.frequency,
        "sent_on": decision.sent_on,
        "signatory": str(decision.signatory_id or ""),
    }


@access.page(*access.FILE_ROLES, part=Part.DECISIONS)
def edit(request: HttpRequest, decision_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    action = Action.UPDATE if request.method == "POST" else Action.READ
    decision = access.scoped_get(DECISION, actor=actor, pk=decision_id, action=action, part=Part.DECISION)
    categories = list(selectors.categories_for(actor.user))
    lifelong = decision.lifelong or selectors.has_lifelong_flag(decision.resident_id)
    if request.method == "POST":
        form = EditDecisionForm(
            request.POST,
            categories=categories,
            lifelong=lifelong,
            signatories=list(selectors.signatories_for(actor)),
        )
        done = _save(
            request,
            form,
            lambda d: services.update_decision(
                actor=actor,
                decision_id=decision.id,
                expected_version=d["version"],
                category_id=_uuid(d["category"]),
                form=d["form"],
                pgb_motivation=d["pgb_motivation"],
                start_date=d["start_date"],
                end_date=d["end_date"],
                reason=d["reason"],
                provider=d["provider"],
                decided_on=d["decided_on"],
                contact_interval_months=d.get("contact_interval_months"),
                **outcome_fields(d),
            ),
            current_version=_stored_version(decision),
        )
        if done:
            messages.success(request, _("Het besluit is opgeslagen."))
            return redirect("decisions:detail", decision_id=decision.id)
    else:
        form = EditDecisionForm(
            initial=_edit_initial(decision),
            categories=categories,
            lifelong=lifelong,
            signatories=list(selectors.signatories_for(actor)),
        )
    return _render(
        request,
        "decisions/form.html",
        {
            "form": form,
            "household": decision.household,
            "decision": decision,
            "heading": _("Besluit wijzigen"),
            "submit": _("Opslaan"),
        },
        log={
            "part": "beschikking",
            "resident_ids": [decision.resident_id],
            "object_type": "decision",
            "object_id": decision.id,
            "household_id": decision.household_id,
        },
    )


@access.page(*access.FILE_ROLES, part=Part.DECISIONS)
def contact_done(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    action = Action.UPDATE if request.method == "POST" else Action.READ
    contact = access.scoped_get(
        PERIODIC_CONTACT, actor=actor, pk=contact_id, action=action, part=Part.PERIODIC_CONTACT
    )
    form = ContactDoneForm(request.POST or None)
    if request.method == "POST":
        done = _save(
            request,
            form,
            lambda d: services.record_contact(
                actor=actor, contact_id=contact.id, done_on=d["done_on"], note=d["note"]
            ),
        )
        if done:
            messages.success(request, _("Het contactmoment is vastgelegd."))
            return redirect(reverse("decisions:detail", args=[contact.decision_id]) + "#contactmomenten")
    return _render(
        request,
        "decisions/form.html",
        {
            "form": form,
            "household": contact.decision.household,
            "decision": contact.decision,
            "heading": _("Contactmoment vastleggen"),
            "intro": _(
                "Een contactmoment is een gesprek over hoe het gaat. Het is geen herindicatie: de inwoner houdt "
                "wat hij of zij nu krijgt."
            ),
            "submit": _("Opslaan"),
        },
        log={
            "part": "contactmoment",
            "resident_ids": [contact.decision.resident_id],
            "object_type": "periodic_contact",
            "object_id": contact.id,
            "household_id": contact.decision.household_id,
        },
    )


@access.page(*access.FILE_ROLES, part=Part.DECISIONS)
@require_http_methods(["GET", "POST"])
def continue_decision(request: HttpRequest, decision_id: uuid.UUID) -> HttpResponse:
    """Voortzetten zonder herindicatie: a lifelong decision continues in one step."""
    actor = actor_from_request(request)
    action = Action.CREATE if request.method == "POST" else Action.READ
    decision = access.scoped_get(DECISION, actor=actor, pk=decision_id, action=action, part=Part.DECISION)
    form = ContinueForm(request.POST or None)
    if request.method == "POST":
        new = _save(
            request,
            form,
            lambda d: services.continue_decision(
                actor=actor, decision_id=decision.id, reason=d["reason"], end_date=d["end_date"]
            ),
        )
        if new:
            messages.success(request, _("De beschikking loopt door. Er was geen nieuw onderzoek nodig."))
            return redirect("decisions:detail", decision_id=new.id)
    return _render(
        request,
        "decisions/form.html",
        {
            "form": form,
            "household": decision.household,
            "decision": decision,
            "heading": _("Voortzetten zonder herindicatie"),
            "intro": _(
                "De inwoner houdt dezelfde hulp: dezelfde soort, vorm en aanbieder. Er komt een nieuwe "
                "beschikking die begint als deze afloopt. Een nieuw onderzoek of een nieuwe aanvraag is niet nodig."
            ),
            "submit": _("Voortzetten"),
        },
        log={
            "part": "beschikking",
            "resident_ids": [decision.resident_id],
            "object_type": "decision",
            "object_id": decision.id,
            "household_id": decision.household_id,
        },
    )


# --- The letter -------------------------------------------------------------------------------------------


@access.page(*access.FILE_ROLES, part=Part.DECISIONS)
@require_http_methods(["GET"])
def letter(request: HttpRequest, decision_id: uuid.UUID) -> HttpResponse:
    """The letter as a page made for printing (print stylesheet)."""
    content = selectors.letter_for(actor=actor_from_request(request), decision_id=decision_id, fmt="html")
    return render(
        request,
        "decisions/letter.html",
        {"letter": content, "decision": content.decision, "household": content.decision.household},
    )


@access.page(*access.FILE_ROLES, part=Part.DECISIONS)
@require_http_methods(["GET"])
def letter_pdf(request: HttpRequest, decision_id: uuid.UUID) -> HttpResponse:
    """The PDF when the background worker has made it; until then a page that says it is being made
    (202), with a link to look again."""
    pdf = services.request_letter_pdf(actor=actor_from_request(request), decision_id=decision_id)
    if pdf.status == LetterPdfStatus.READY:
        return pdf_response(pdf)
    response = render(
        request,
        "decisions/letter_pdf_pending.html",
        {"decision": pdf.decision, "household": pdf.decision.household},
        status=202,
    )
    response["Retry-After"] = str(PDF_RETRY_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def pdf_response(pdf: LetterPdf) -> HttpResponse:
    """The stored letter PDF as a download (pages and API)."""
    response = HttpResponse(bytes(pdf.content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename}"'
    response["Cache-Control"] = "no-store"
    return response


# --- Figures ------------------------------------------------------------------------------------------------


@staff_required()
@require_http_methods(["GET"])
def figures(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if not (actor.user.is_staff_member and actor.role == Role.POLICY):
        try:
            selectors.figures_for(actor=actor)  # refuses and logs the refusal
        except AccessDenied:
            return render(request, "403.html", status=403)
    period, context = figures_api.page_period(request)
    rows = selectors.figures_for(actor=actor, period=period) if period else None
    return render(
        request,
        "decisions/figures.html",
        {"figures": rows, "min_group": MIN_GROUP, **context},
        status=200 if rows else 400,
    )
