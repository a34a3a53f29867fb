"""Mijn Stevig: the pages a resident uses (DigiD or a reference code), and the staff page of a resident's
message. Thin adapters: every read through `portal.selectors`, every write through `portal.services`."""

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any, cast
from urllib.parse import urlencode, urlsplit

from digid_eherkenning.mock.views.digid import DigiDLoginMockView
from digid_eherkenning.views import DigiDLoginView
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stevig.audit.models import Part
from stevig.core import access
from stevig.core.context import actor_from_request, client_address
from stevig.core.errors import AccessDenied
from stevig.core.pagination import PageRequest
from stevig.intake import ratelimit
from stevig.intake.selectors import public_municipality
from stevig.people.models import Resident
from stevig.portal import digid, principal, selectors, services
from stevig.portal.forms import ConsentForm, FollowForm, MessageForm, SubjectRequestForm
from stevig.web.forms import form_status, submit

ResidentView = Callable[..., HttpResponse]
# Trying codes has its own counter (the public question's rate, `STEVIG_PUBLIC_RATE`), per IP address.
FOLLOW_RATE_SCOPE = "mijn_volgen"


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/not_found.html", status=404)


def resident_page(view: ResidentView) -> Callable[..., HttpResponse]:
    """Default deny for Mijn Stevig: only a resident logged in with DigiD. A staff member gets 403 (the
    portal is not a way into files), anyone else the login page. Another resident's object: 404."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        ids = principal.session_resident(request)
        if ids is None:
            if getattr(request.user, "is_authenticated", False):
                return render(request, "portal/staff_refused.html", status=403)
            return redirect("portal:home")
        resident = selectors.resident(municipality_id=ids[1], resident_id=ids[0])
        if resident is None:
            principal.end_session(request)
            return redirect("portal:home")
        actor = principal.resident_actor(
            request, municipality=resident.municipality, resident_id=resident.id, via=principal.VIA_DIGID
        )
        try:
            return view(request, actor, resident, *args, **kwargs)
        except AccessDenied:
            return _not_found(request)

    return wrapped


def _context(resident: Resident, **extra: Any) -> dict[str, Any]:
    return {"portal_resident": resident, "site_municipality": resident.municipality, **extra}


# --- logging in and out ----------------------------------------------------------------------------------


def home(request: HttpRequest) -> HttpResponse:
    """Logged in: the overview. Otherwise: how to log in (DigiD, or follow one question with its codes)."""
    if principal.session_resident(request) is not None:
        return overview(request)
    municipality = public_municipality(request.GET.get("gemeente"))
    if municipality is None:
        raise Http404
    login_url = digid.login_url()
    if request.GET.get("gemeente"):
        login_url += "?" + urlencode({"gemeente": municipality.code})
    return render(
        request,
        "portal/login.html",
        {
            "digid_enabled": digid.enabled(),
            "digid_url": login_url,
            "digid_failed": request.GET.get("digid") == "mislukt",
            "site_municipality": municipality,
        },
    )


@require_GET
def digid_login(request: HttpRequest) -> HttpResponse:
    """The start of a DigiD login (`digid:login`): remember the municipality, then the package's login view
    (the mock identity provider in the demo and tests; the SAML request to Logius in production)."""
    if not digid.enabled():
        raise Http404
    municipality = public_municipality(request.GET.get("gemeente"))
    if municipality is None:
        raise Http404
    request.session[digid.MUNICIPALITY_SESSION_KEY] = str(municipality.id)
    if digid.mock_enabled():
        return cast(HttpResponse, DigiDLoginMockView.as_view()(request))
    response = cast(HttpResponse, DigiDLoginView.as_view()(request))
    # The SAML request is a form posted to DigiD: the CSP's form-action allows DigiD's address for it.
    target = urlsplit(str(getattr(response, "context_data", {}).get("url", "")))
    if target.scheme == "https" and target.netloc:
        response._csp_update = {"form-action": [f"https://{target.netloc}"]}  # type: ignore[attr-defined]
    return response


@require_GET
def digid_acs(request: HttpRequest) -> HttpResponse:
    """Back from DigiD (`digid:acs`): the resident with that BSN in this municipality gets a portal session.
    Cancelled or failed: back to the login page with a notice."""
    if not digid.enabled():
        raise Http404
    started_for = principal.parse_id(request.session.pop(digid.MUNICIPALITY_SESSION_KEY, None))
    municipality = (selectors.municipality(started_for) if started_for else None) or public_municipality()
    bsn = digid.asserted_bsn(request)
    if municipality is None:
        raise Http404
    if not bsn:
        return redirect(reverse("portal:home") + "?digid=mislukt")
    resident = selectors.resident_for_bsn(municipality=municipality, bsn=bsn)
    if resident is None:
        return render(request, "portal/unknown.html", {"site_municipality": municipality}, status=403)
    actor = principal.resident_actor(
        request, municipality=municipality, resident_id=resident.id, via=principal.VIA_DIGID
    )
    in_gezag = services.gezag_at_login(actor=actor, resident=resident)
    principal.start_session(
        request, resident_id=resident.id, municipality_id=municipality.id, in_gezag=in_gezag
    )
    return redirect("portal:home")


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    principal.end_session(request)
    return redirect("portal:home")


# --- the resident's pages --------------------------------------------------------------------------------


@resident_page
def overview(request: HttpRequest, actor: Any, resident: Resident) -> HttpResponse:
    data = selectors.overview(actor=actor, resident=resident)
    gezag_unknown = not actor.user.gezag_known
    return render(request, "portal/overview.html", _context(resident, data=data, gezag_unknown=gezag_unknown))


@resident_page
def plan_version(request: HttpRequest, actor: Any, resident: Resident, version_id: uuid.UUID) -> HttpResponse:
    version = selectors.plan_version(actor=actor, resident=resident, version_id=version_id)
    snapshot = version.snapshot
    return render(
        request,
        "portal/plan_version.html",
        _context(
            resident,
            version=version,
            snapshot=snapshot,
            # The snapshot keeps dates as ISO text (JSON): dates again for the page.
            start=parse_date(str(snapshot.get("start_date") or "")),
            evaluation=parse_date(str(snapshot.get("evaluation_date") or "")),
        ),
    )


@resident_page
def letter(request: HttpRequest, actor: Any, resident: Resident, decision_id: uuid.UUID) -> HttpResponse:
    content = selectors.decision_letter(actor=actor, resident=resident, decision_id=decision_id)
    return render(request, "portal/letter.html", _context(resident, letter=content))


@resident_page
@require_http_methods(["GET", "POST"])
def sharing(request: HttpRequest, actor: Any, resident: Resident) -> HttpResponse:
    people = selectors.people_in_care(actor, resident)
    form = ConsentForm(request.POST or None, people=people)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda data: services.give_consent(
                actor=actor,
                resident=resident,
                for_resident_id=uuid.UUID(data["for_resident"]),
                purpose=data["purpose"],
                recipient=data["recipient"],
                categories=data["categories"],
                health_explicit=data["health_explicit"],
            ),
        )
        if done.ok:
            return redirect(reverse("portal:sharing") + "?gegeven=1#toestemming")
    data = selectors.sharing(actor=actor, resident=resident)
    return render(
        request,
        "portal/sharing.html",
        _context(resident, data=data, form=form, given=request.GET.get("gegeven") == "1"),
        status=form_status(request),
    )


@resident_page
@require_POST
def withdraw(request: HttpRequest, actor: Any, resident: Resident, consent_id: uuid.UUID) -> HttpResponse:
    try:
        services.withdraw_consent(actor=actor, resident=resident, consent_id=consent_id)
    except ValidationError:
        pass  # already withdrawn: the page shows it as withdrawn
    return redirect(reverse("portal:sharing") + "?ingetrokken=1#toestemming")


@resident_page
def who_looked(request: HttpRequest, actor: Any, resident: Resident) -> HttpResponse:
    page = selectors.who_looked(actor=actor, resident=resident, request=PageRequest.from_query(request.GET))
    page.bind(request.get_full_path())
    return render(request, "portal/who_looked.html", _context(resident, page=page))


@resident_page
@require_http_methods(["GET", "POST"])
def message(request: HttpRequest, actor: Any, resident: Resident) -> HttpResponse:
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda data: services.send_message(actor=actor, resident=resident, text=data["text"]),
        )
        if done.ok:
            return redirect(reverse("portal:message") + "?verstuurd=1")
    household = selectors.current_household(resident)
    contact = selectors.contact_person_of(household)
    return render(
        request,
        "portal/message.html",
        _context(
            resident,
            form=form,
            sent=request.GET.get("verstuurd") == "1",
            contact=contact.get_full_name() if contact else "",
            messages_sent=selectors.sent_messages(resident=resident),
        ),
        status=form_status(request),
    )


# --- following one question with its codes (no DigiD) ---------------------------------------------------


@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    municipality = public_municipality(request.GET.get("gemeente") or request.POST.get("gemeente"))
    if municipality is None:
        raise Http404
    form = FollowForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not ratelimit.hit(client_address(request), scope=FOLLOW_RATE_SCOPE):
            return render(request, "intake/public/too_many.html", {"municipality": municipality}, status=429)
        if form.is_valid():
            actor = principal.resident_actor(
                request, municipality=municipality, resident_id=None, via=principal.VIA_CODE
            )
            question = selectors.question_by_codes(
                actor=actor, reference=form.cleaned_data["reference"], secret=form.cleaned_data["secret"]
            )
            if question is not None:
                principal.start_follow(request, question_id=question.id, municipality_id=municipality.id)
                return redirect("portal:followed")
            form.add_error(None, "De codes horen niet bij elkaar. Kijk of u ze goed heeft overgenomen.")
        status = 400
    return render(
        request, "portal/follow.html", {"form": form, "site_municipality": municipality}, status=status
    )


def followed(request: HttpRequest) -> HttpResponse:
    ids = principal.session_question(request)
    municipality = selectors.municipality(ids[1]) if ids else None
    if ids is None or municipality is None:
        if getattr(request.user, "is_authenticated", False):
            return render(request, "portal/staff_refused.html", status=403)
        return redirect("portal:follow")
    actor = principal.resident_actor(
        request, municipality=municipality, resident_id=None, via=principal.VIA_CODE
    )
    row = selectors.followed_question(actor=actor, municipality=municipality, question_id=ids[0])
    if row is None:
        return _not_found(request)
    return render(request, "portal/followed.html", {"row": row, "site_municipality": municipality})


# --- staff: a resident's message -------------------------------------------------------------------------


@access.page(*access.FILE_ROLES, part=Part.CONTACT)
@require_http_methods(["GET", "POST"])
def staff_message(request: HttpRequest, message_id: uuid.UUID) -> HttpResponse:
    actor = actor_from_request(request)
    if request.method == "POST":
        try:
            services.mark_message_read(actor=actor, message_id=message_id)
        except ValidationError:
            pass  # a colleague was first: the page shows who read it
        return redirect("portal_staff:message", message_id=message_id)
    item = selectors.message_for_staff(actor=actor, message_id=message_id)
    return render(request, "portal/staff_message.html", {"item": item})


@resident_page
@require_http_methods(["GET", "POST"])
def subject_request(request: HttpRequest, actor: Any, resident: Resident) -> HttpResponse:
    """AVG art. 16 and 18: the resident asks to correct their data, or to restrict what we do with it."""
    people = selectors.people_in_care(actor, resident)
    form = SubjectRequestForm(request.POST or None, people=people)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda data: services.file_subject_request(
                actor=actor,
                resident=resident,
                for_resident_id=uuid.UUID(data["for_resident"]),
                right=data["right"],
                what=data["what"],
                correction=data.get("correction", ""),
                ground=data.get("ground", ""),
            ),
        )
        if done.ok:
            return redirect(reverse("portal:subject_request") + "?verstuurd=1")
    requests = selectors.own_subject_requests(actor=actor, resident=resident)
    return render(
        request,
        "portal/subject_request.html",
        _context(resident, form=form, requests=requests, sent=request.GET.get("verstuurd") == "1"),
        status=form_status(request),
    )
