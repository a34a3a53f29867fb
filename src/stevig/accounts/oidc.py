"""Staff login through the municipality's OpenID Connect provider (mozilla-django-oidc).

On only when `settings.OIDC_ENABLED` (issuer, client and endpoints given, see README "Instellingen"):
then `/oidc/authenticate/` and `/oidc/callback/` are mounted and the login page offers the button.

What Stevig checks, beyond the library (which checks state, nonce, PKCE and the JWKS signature):
* the ID token's issuer (`iss` = `STEVIG_OIDC_ISSUER`) and audience (`aud` contains the client id; with
  more than one audience `azp` must be the client id), and that it has `exp`, `iat` and `sub`
  (the library does not check the audience at all: `verify_aud` is off there);
* the provider did the second factor: `amr` names `STEVIG_OIDC_REQUIRED_AMR` (default `mfa`). Such a
  login skips Stevig's own TOTP step; the session is verified through an `IdentityProviderDevice`;
* the userinfo answer is about the same `sub`, an `email_verified: false` is refused;
* the person is EXACTLY ONE existing, working staff account (`User.is_staff_member`), matched on e-mail
  or username (`STEVIG_OIDC_MATCH`). No account is ever created and no role or team is taken from the
  token: functioneel beheer makes the account, as for local logins.

Every refusal is a `denied` row in the access log (part "account") and a warning on the
`stevig.security` logger (`services.record_oidc_refusal`); the person sees one plain message.
"""

import logging
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib import auth, messages
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from stevig.accounts import services
from stevig.accounts.models import User
from stevig.core.context import client_address

LOGGER = logging.getLogger("stevig.security")
LEEWAY_SECONDS = 60


class Refused(Exception):
    """A login the provider vouched for but Stevig does not accept. Not a SuspiciousOperation on
    purpose: the library swallows those in places without telling us why."""

    def __init__(self, reason: str, *, user: User | None = None, subject: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.user = user
        self.subject = subject


def _unverified_sub(token: str) -> str:
    """The `sub` a token claims, for the log line of a refused token only (never trusted)."""
    try:
        sub = jwt.decode(token, options={"verify_signature": False}).get("sub", "")
    except jwt.PyJWTError:
        return ""
    return str(sub)[:100]


class StaffOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Authenticates an existing staff member from the provider's code; refuses and logs otherwise."""

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if request is None or not (request.GET.get("code") and request.GET.get("state")):
            return None  # not an OpenID Connect callback (e.g. the local username/password step)
        try:
            user: User | None = super().authenticate(request, **kwargs)
        except Refused as refused:
            self._refuse(request, refused.reason, user=refused.user, subject=refused.subject)
            return None
        except SuspiciousOperation as exc:  # the library's own checks: nonce, algorithm, key, signature
            self._refuse(request, f"token afgewezen: {exc}")
            return None
        except (requests.RequestException, ValueError, KeyError) as exc:
            self._refuse(request, f"identity provider gaf geen bruikbaar antwoord ({type(exc).__name__})")
            return None
        return user

    def _refuse(
        self, request: HttpRequest, reason: str, *, user: User | None = None, subject: str = ""
    ) -> None:
        services.record_oidc_refusal(
            access_point=client_address(request), reason=reason, user=user, subject=subject
        )

    # --- the ID token -------------------------------------------------------------------------------

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """Signature and nonce (library), then issuer, audience and expiry (`_verify_jws`); for the ID
        token (the call with a nonce) also `exp` required and the provider's second factor."""
        try:
            payload: dict[str, Any] = super().verify_token(token, **kwargs)
        except SuspiciousOperation as exc:  # the library's checks: nonce, key not in the JWKS
            raise Refused(f"token afgewezen: {exc}", subject=_unverified_sub(token)) from exc
        if "nonce" in kwargs:
            subject = str(payload.get("sub", ""))[:100]
            if "exp" not in payload:
                raise Refused("ID-token zonder vervaltijd (exp)", subject=subject)
            required = settings.OIDC_REQUIRED_AMR
            amr = payload.get("amr") or []
            if required and (not isinstance(amr, list) or required not in amr):
                raise Refused(
                    f"geen tweede factor bij de identity provider (amr bevat geen {required!r})",
                    subject=subject,
                )
        return payload

    def _verify_jws(self, payload: str, key: Any) -> dict[str, Any]:
        subject = _unverified_sub(payload)
        try:
            alg = jwt.get_unverified_header(payload).get("alg")
        except jwt.PyJWTError as exc:
            raise Refused("token is geen geldig JWT", subject=subject) from exc
        if alg != self.OIDC_RP_SIGN_ALGO:
            raise Refused(f"verkeerd algoritme ({alg!r})", subject=subject)
        try:
            claims: dict[str, Any] = jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER,
                leeway=LEEWAY_SECONDS,
                options={"require": ["iss", "aud", "sub"]},
            )
        except jwt.InvalidAudienceError as exc:
            raise Refused("verkeerde audience (aud): het token is niet voor Stevig", subject=subject) from exc
        except jwt.InvalidIssuerError as exc:
            raise Refused("verkeerde uitgever (iss)", subject=subject) from exc
        except jwt.ExpiredSignatureError as exc:
            raise Refused("token verlopen (exp)", subject=subject) from exc
        except jwt.InvalidSignatureError as exc:
            raise Refused("handtekening klopt niet", subject=subject) from exc
        except jwt.PyJWTError as exc:
            raise Refused(f"token ongeldig ({type(exc).__name__})", subject=subject) from exc
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise Refused("meer audiences zonder azp voor Stevig", subject=subject)
        return claims

    # --- who it is ----------------------------------------------------------------------------------

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        users = User.objects.filter(is_active=True)
        if settings.OIDC_MATCH == "username":
            username = str(claims.get("preferred_username") or "").strip()
            return users.filter(username=username) if username else users.none()
        email = str(claims.get("email") or "").strip()
        return users.filter(email__iexact=email) if email else users.none()

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User:
        subject = str(payload.get("sub", ""))[:100]
        user_info = self.get_userinfo(access_token, id_token, payload)
        if str(user_info.get("sub", "")) != str(payload.get("sub", "")):
            raise Refused("userinfo gaat over een andere gebruiker (sub)", subject=subject)
        if settings.OIDC_MATCH == "email" and user_info.get("email_verified") is False:
            raise Refused("e-mailadres niet bevestigd bij de identity provider", subject=subject)
        users = list(self.filter_users_by_claims(user_info)[:2])
        if len(users) != 1:
            raise Refused(
                "geen account in Stevig bij deze gebruiker" if not users else "meer dan één account past",
                subject=subject,
            )
        user = users[0]
        if not user.is_staff_member:
            raise Refused(
                "account is niet klaar voor gebruik (geen gemeente of rol)", user=user, subject=subject
            )
        return user

    def create_user(self, claims: dict[str, Any]) -> User:
        raise Refused(
            "Stevig maakt geen accounts aan bij inloggen"
        )  # OIDC_CREATE_USER is off; belt and braces

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        return user  # roles, team and name are kept by functioneel beheer, never taken from the token


class CallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """The provider returns here. Success: a new session, verified through the provider's second factor.
    Failure: back to the login page with one message (the reason is in the access log)."""

    def login_failure(self) -> HttpResponse:
        messages.error(
            self.request,
            _(
                "Inloggen via uw organisatie is niet gelukt. Probeer het opnieuw of neem contact op met "
                "functioneel beheer."
            ),
        )
        return redirect("accounts:login")

    def login_success(self) -> HttpResponse:
        request: HttpRequest = self.request
        device = services.identity_provider_device(user=self.user, issuer=settings.OIDC_OP_ISSUER)
        auth.login(request, self.user)  # new session key; user.backend was set by authenticate()
        otp_login(request, device)
        return HttpResponseRedirect(self.success_url)
