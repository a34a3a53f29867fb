"""Staff login in two steps, logout, and the page to set up the second factor.

Step 1 checks username and password (django-axes counts failures). The user is NOT logged in yet:
only their id waits in the session. Step 2 checks a code from the authenticator app or a backup code;
only then `login()` runs (which gives the session a new key) and the session is marked verified.
"""

import time
from typing import Any
from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from stevig.accounts import selectors, services
from stevig.accounts.forms import ApiTokenForm, CodeStepForm, EnrolmentForm, PasswordStepForm
from stevig.accounts.models import ApiToken, User
from stevig.core import access
from stevig.core.context import Actor, actor_from_request, client_address

PENDING_USER = "stevig_login_user"
PENDING_BACKEND = "stevig_login_backend"
PENDING_SINCE = "stevig_login_since"
PENDING_NEXT = "stevig_login_next"
PENDING_FAILURES = "stevig_login_failures"
PENDING_KEYS = (PENDING_USER, PENDING_BACKEND, PENDING_SINCE, PENDING_NEXT, PENDING_FAILURES)

# Step 2 must follow step 1 within this many seconds.
PENDING_SECONDS = 5 * 60
# Wrong codes in step 2 before the user has to start again with the password.
MAX_CODE_FAILURES = 5


def _safe_next(request: HttpRequest, url: str | None) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)


def _clear_pending(request: HttpRequest) -> None:
    for key in PENDING_KEYS:
        request.session.pop(key, None)


def _pending_user(request: HttpRequest) -> User | None:
    user_id = request.session.get(PENDING_USER)
    since = request.session.get(PENDING_SINCE)
    if not user_id or since is None or time.time() - float(since) > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    return user


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """Step 1: username and password."""
    if access.is_verified(request.user):
        return HttpResponseRedirect(_safe_next(request, request.GET.get("next")))
    if request.method == "POST":
        form = PasswordStepForm(request.POST)
        if form.is_valid():
            user = authenticate(
                request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
            )
            if getattr(request, "axes_locked_out", False):
                # AxesMiddleware replaces this response with the lock-out page.
                return render(request, "accounts/locked_out.html", status=429)
            if user is None:
                form.add_error(None, _("De gebruikersnaam of het wachtwoord klopt niet."))
            elif not (getattr(user, "is_staff_member", False) or user.is_superuser):
                form.add_error(
                    None,
                    _("Uw account is nog niet klaar voor gebruik. Neem contact op met functioneel beheer."),
                )
            elif not selectors.has_app_device(user):  # type: ignore[arg-type]
                form.add_error(
                    None,
                    _(
                        "U kunt nog niet inloggen: voor uw account is de tweede stap (de app) niet ingesteld. "
                        "Neem contact op met functioneel beheer."
                    ),
                )
            else:
                # New session key before anything about the user is in the session (no session fixation).
                _clear_pending(request)
                request.session.cycle_key()
                request.session[PENDING_USER] = str(user.pk)
                request.session[PENDING_BACKEND] = getattr(
                    user, "backend", settings.AUTHENTICATION_BACKENDS[-1]
                )
                request.session[PENDING_SINCE] = time.time()
                request.session[PENDING_NEXT] = form.cleaned_data.get("next") or ""
                request.session[PENDING_FAILURES] = 0
                return redirect("accounts:verify")
    else:
        form = PasswordStepForm(initial={"next": request.GET.get("next", "")})
    oidc_url = ""
    if settings.OIDC_ENABLED:
        next_url = _safe_next(request, request.GET.get("next"))
        oidc_url = f"{reverse('oidc_authentication_init')}?{urlencode({'next': next_url})}"
    return render(request, "accounts/login.html", {"form": form, "oidc_url": oidc_url})


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    """Step 2: the code from the authenticator app, or one backup code."""
    if access.is_verified(request.user):
        return HttpResponseRedirect(_safe_next(request, None))
    user = _pending_user(request)
    if user is None:
        _clear_pending(request)
        messages.info(request, _("Log eerst in met uw gebruikersnaam en wachtwoord."))
        return redirect("accounts:login")

    if request.method == "POST":
        form = CodeStepForm(request.POST)
        if not AxesProxyHandler.is_allowed(request, {"username": user.get_username()}):
            # Locked meanwhile (for example by wrong passwords from elsewhere): no code is accepted.
            _clear_pending(request)
            return render(request, "accounts/locked_out.html", status=429)
        if form.is_valid():
            device = _check_code(user, form.cleaned_data["code"], app_code=form.is_app_code)
            if device == "throttled":
                form.add_error("code", _("Wacht een paar seconden en probeer het dan opnieuw."))
            elif device is not None:
                backend = request.session[PENDING_BACKEND]
                next_url = _safe_next(request, request.session.get(PENDING_NEXT))
                _clear_pending(request)
                login(request, user, backend=backend)  # new session key, the old one is gone
                otp_login(request, device)
                return HttpResponseRedirect(next_url)
            else:
                form.add_error("code", _("Deze code klopt niet. Kijk in de app en probeer het opnieuw."))
                failures = int(request.session.get(PENDING_FAILURES, 0)) + 1
                request.session[PENDING_FAILURES] = failures
                # django-axes counts it too: wrong codes lock the account like wrong passwords.
                user_login_failed.send(
                    sender=__name__, credentials={"username": user.get_username()}, request=request
                )
                if getattr(request, "axes_locked_out", False):
                    _clear_pending(request)
                    return render(request, "accounts/locked_out.html", status=429)
                if failures >= MAX_CODE_FAILURES:
                    _clear_pending(request)
                    messages.error(request, _("U heeft te vaak een verkeerde code ingevuld. Log opnieuw in."))
                    return redirect("accounts:login")
    else:
        form = CodeStepForm()
    return render(request, "accounts/verify.html", {"form": form})


def _check_code(user: User, code: str, *, app_code: bool) -> TOTPDevice | StaticDevice | str | None:
    """Verify against the user's own devices of the matching kind. Returns the device, None, or
    'throttled' when the device asks the user to wait after earlier wrong codes."""
    devices: list[TOTPDevice] | list[StaticDevice] = (
        selectors.app_devices(user) if app_code else selectors.backup_devices(user)
    )
    throttled = False
    for device in devices:
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            throttled = True
            continue
        if device.verify_token(code):
            return device
    if throttled:
        return "throttled"
    return None


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """POST only. `logout()` deletes the session on the server, so a copied cookie stops working."""
    logout(request)
    messages.success(request, _("U bent uitgelogd."))
    return redirect("web:home")


@access.verified
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_view(request: HttpRequest) -> HttpResponse:
    """How to set up the authenticator app, and new backup codes (shown only once)."""
    user = request.user
    assert isinstance(user, User)
    new_codes: list[str] = []
    if request.method == "POST":
        if request.POST.get("action") != "backup_codes":
            return render(request, "accounts/two_factor.html", _two_factor_context(user, []), status=400)
        new_codes = services.generate_backup_codes(user=user)
    return render(request, "accounts/two_factor.html", _two_factor_context(user, new_codes))


def _two_factor_context(user: User, new_codes: list[str]) -> dict[str, Any]:
    devices = selectors.app_devices(user)
    device = devices[0] if devices else None
    return {
        "device": device,
        "config_url": device.config_url if device else "",
        "secret": selectors.app_secret(device) if device else "",
        "qr_svg": selectors.app_qr_svg(device) if device else "",
        "remaining_codes": selectors.remaining_backup_codes(user),
        "new_codes": new_codes,
    }


@sensitive_post_parameters("password1", "password2", "code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def enrol_view(request: HttpRequest, token: str) -> HttpResponse:
    """After functioneel beheer reset someone's access: the member chooses a new password and sets up the
    app with a new key, with the one-time link from their e-mail. Nobody else ever sees either."""
    enrolment = selectors.open_enrolment(token)
    if enrolment is None:
        return render(request, "accounts/enrol_invalid.html", status=404)
    device = services.pending_app_device(token=enrolment)
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actor = Actor(user=enrolment.user, access_point=client_address(request))
        try:
            services.complete_enrolment(
                actor=actor,
                token=enrolment,
                password=form.cleaned_data["password1"],
                code=form.cleaned_data["code"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("Uw wachtwoord en de app zijn ingesteld. Log nu in."))
            return redirect("accounts:login")
    context = {
        "form": form,
        "member": enrolment.user,
        "secret": selectors.app_secret(device),
        "qr_svg": selectors.app_qr_svg(device),
        "config_url": device.config_url,
    }
    response = render(request, "accounts/enrol.html", context, status=400 if form.errors else 200)
    response["Referrer-Policy"] = "no-referrer"  # the token is in the URL
    return response


@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@access.verified
@never_cache
@require_http_methods(["GET", "POST"])
def password_view(request: HttpRequest) -> HttpResponse:
    """Change one's own password: the old one, then the new one twice (checked against breached and common
    passwords). Other sessions of this account end; this one stays."""
    user = request.user
    assert isinstance(user, User)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.change_own_password(
            actor=actor_from_request(request), password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(request, user)
        messages.success(request, _("Uw wachtwoord is gewijzigd."))
        return redirect("accounts:password")
    return render(request, "accounts/password.html", {"form": form}, status=400 if form.errors else 200)


@access.verified
@never_cache
@require_http_methods(["GET", "POST"])
def api_tokens_view(request: HttpRequest) -> HttpResponse:
    """One's own API keys: make one (shown once, here), see when each expires and was last used, revoke."""
    user = request.user
    assert isinstance(user, User)
    form = ApiTokenForm(request.POST if request.POST.get("action") == "create" else None)
    new_key = ""
    status = 200
    if request.method == "POST":
        actor = actor_from_request(request)
        if request.POST.get("action") == "revoke":
            token = ApiToken.objects.filter(user=user, pk=request.POST.get("token") or 0).first()
            if token is None:
                return render(
                    request, "accounts/api_tokens.html", _tokens_context(user, form, ""), status=404
                )
            services.revoke_api_token(actor=actor, token=token)
            messages.success(request, _("De sleutel is ingetrokken. Hij werkt niet meer."))
            return redirect("accounts:api_tokens")
        if form.is_valid():
            _token, new_key = services.create_api_token(
                actor=actor, owner=user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
            )
            form = ApiTokenForm()
        else:
            status = 400
    return render(request, "accounts/api_tokens.html", _tokens_context(user, form, new_key), status=status)


def _tokens_context(user: User, form: ApiTokenForm, new_key: str) -> dict[str, Any]:
    return {"form": form, "tokens": selectors.api_tokens_of(user), "new_key": new_key, "now": timezone.now()}
