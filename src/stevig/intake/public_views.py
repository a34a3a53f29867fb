"""Public pages for residents (no login): 'Hulp vragen' and 'Waar vind ik het team?'.

No CAPTCHA: a honeypot field and a per-IP rate limit (see `ratelimit.py`) keep floods out. CSRF stays on:
the form posts to its own origin. Nothing on these pages depends on whether a person is known.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from stevig.core.context import client_address
from stevig.intake import ratelimit, selectors, services
from stevig.intake.forms import PublicQuestionForm, WhereForm
from stevig.legalcalendar.calendar import add_working_days
from stevig.tenancy.models import Municipality

SESSION_KEY = "intake_sent_question"
# The secret code for following the question in Mijn Stevig: shown on the confirmation page, kept only in
# the sender's (server-side) session and as a hash on the question.
SECRET_SESSION_KEY = "intake_sent_secret"


def _municipality(request: HttpRequest) -> Municipality:
    municipality = selectors.public_municipality(request.GET.get("gemeente") or request.POST.get("gemeente"))
    if municipality is None:
        raise Http404("Geen gemeente ingesteld.")
    return municipality


def _gemeente_param(request: HttpRequest) -> str:
    return (request.GET.get("gemeente") or request.POST.get("gemeente") or "").strip()[:6]


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    context = {
        "municipality": municipality,
        "gemeente": _gemeente_param(request),
        "contact_days": services.first_contact_working_days(),
    }
    if request.method == "POST":
        if not ratelimit.hit(client_address(request)):
            return render(request, "intake/public/too_many.html", context, status=429)
        form = PublicQuestionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            if data["website"]:
                # A bot filled the hidden field: answer like a success, store nothing.
                return render(
                    request,
                    "intake/public/sent.html",
                    {
                        **context,
                        "reference": services.new_reference(),
                        "secret": services.new_follow_secret(),
                        "anonymous": not (data["phone"] or data["email"]),
                        "contact_due": add_working_days(
                            timezone.localdate(), services.first_contact_working_days()
                        ),
                    },
                )
            try:
                question, _created = services.submit_public_question(
                    municipality=municipality,
                    text=data["text"],
                    about_whom=data["about_whom"],
                    topic=data["topic"],
                    eviction_or_cutoff_threat=data["eviction_or_cutoff_threat"],
                    contact_methods=data["contact_methods"],
                    contact_when=data["contact_when"],
                    name=data["name"],
                    phone=data["phone"],
                    email=data["email"],
                    postcode=data["postcode"],
                    idempotency_key="web-" + data["idempotency_key"],
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                if request.session.get(SESSION_KEY) != str(question.id) or _created:
                    # A retry of the same question keeps the code the resident already saw.
                    request.session[SECRET_SESSION_KEY] = services.issue_follow_secret(question=question)
                request.session[SESSION_KEY] = str(question.id)
                url = "intake_public:sent"
                response = redirect(url)
                if context["gemeente"]:
                    response["Location"] += f"?gemeente={context['gemeente']}"
                return response
    else:
        form = PublicQuestionForm()
    return render(
        request, "intake/public/ask.html", {**context, "form": form}, status=400 if form.is_bound else 200
    )


def sent(request: HttpRequest) -> HttpResponse:
    """After sending: the reference code, what happens next and by when. Only for the sender's session,
    and never the question itself."""
    municipality = _municipality(request)
    question_id = request.session.get(SESSION_KEY)
    row = (
        selectors.question_for_confirmation(municipality_id=municipality.id, question_id=question_id)
        if question_id
        else None
    )
    if row is None:
        return redirect("intake_public:ask")
    return render(
        request,
        "intake/public/sent.html",
        {
            "municipality": municipality,
            "reference": row["reference"],
            "secret": request.session.get(SECRET_SESSION_KEY, ""),
            "contact_due": row["first_contact_due"],
            "anonymous": row["first_contact_due"] is None,
            "urgent": row["eviction_or_cutoff_threat"],
            "gemeente": _gemeente_param(request),
        },
    )


def where(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    neighbourhoods = list(selectors.public_neighbourhoods(municipality))
    chosen = None
    locations: list[selectors.PublicLocation] = []
    bound = bool(request.GET.get("postcode") or request.GET.get("wijk"))
    form = WhereForm(request.GET if bound else None, neighbourhoods=neighbourhoods)
    if bound and form.is_valid():
        if form.cleaned_data["wijk"]:
            chosen = next((n for n in neighbourhoods if str(n.id) == form.cleaned_data["wijk"]), None)
        elif form.cleaned_data["postcode"]:
            chosen = selectors.neighbourhood_for_postcode(municipality, form.cleaned_data["postcode"])
            if chosen is None:
                form.add_error(
                    "postcode",
                    "Deze postcode hoort niet bij een wijk van deze gemeente. Kies uw wijk in de lijst.",
                )
        if chosen is not None:
            locations = selectors.locations_for(neighbourhood=chosen)
    today = timezone.localdate()
    return render(
        request,
        "intake/public/where.html",
        {
            "municipality": municipality,
            "form": form,
            "neighbourhood": chosen,
            "locations": locations,
            "searched": bound,
            "today": today,
            "gemeente": _gemeente_param(request),
        },
        status=400 if bound and form.errors else 200,
    )
