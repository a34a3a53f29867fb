import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stevig.audit.models import Part
from stevig.core import access
from stevig.core.context import actor_from_request
from stevig.istandaarden import selectors, services
from stevig.istandaarden.forms import AnswerForm


@access.page(*access.FILE_ROLES, part=Part.MESSAGES)
def decision_messages(request: HttpRequest, decision_id: uuid.UUID) -> HttpResponse:
    found = selectors.for_decision(actor=actor_from_request(request), decision_id=decision_id)
    decision = found.messages[0].decision if found.messages else None
    return render(
        request,
        "istandaarden/decision.html",
        {"found": found, "decision_id": decision_id, "decision": decision},
    )


@access.page(*access.FILE_ROLES, part=Part.MESSAGE)
@require_http_methods(["GET", "POST"])
def message(request: HttpRequest, message_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    form = AnswerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                answer = services.answer_request(
                    actor=actor,
                    message_id=message_id,
                    verdict=form.cleaned_data["verdict"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request,
                    _("Het antwoord (%(label)s) staat klaar voor de aanbieder.") % {"label": answer.label},
                )
                return redirect("istandaarden:message", message_id=message_id)
        status = 400
    item = selectors.message_detail(actor=actor, message_id=message_id)
    answerable = item.direction == "in" and item.code in ("315", "317") and item.status == "ontvangen"
    return render(
        request,
        "istandaarden/message.html",
        {"item": item, "form": form, "answerable": answerable},
        status=status,
    )
