"""Who is acting, from where and why: the facts the access log needs for every operation."""

import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

from stevig.accounts.models import User


@dataclass(frozen=True)
class Actor:
    user: User
    access_point: str
    channel: str = "web"
    purpose: str = "ondersteuning"
    on_behalf_of: str = ""

    @property
    def municipality_id(self):  # type: ignore[no-untyped-def]
        return self.user.municipality_id

    @property
    def role(self) -> str:
        return self.user.role


def client_address(request: HttpRequest) -> str:
    """The caller's IP for the access log.

    With `TRUSTED_PROXY_COUNT` = N (env STEVIG_TRUSTED_PROXY_COUNT) reverse proxies in front, each proxy
    appends the address it received the request from to X-Forwarded-For, so the N-th address from the
    right is the one the outermost proxy saw. Addresses further left are whatever the client sent and
    are never trusted. With 0, or too few addresses in the header, the connection's address is used."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "onbekend"


def lockout_address(request: HttpRequest) -> str | None:
    """The caller's IP for the login lock-out (django-axes, `AXES_CLIENT_IP_CALLABLE`), proxy-aware like
    `client_address`, but only a real IPv4/IPv6 address or None: axes stores it in an IP column, which
    PostgreSQL refuses to fill with the access log's "onbekend" (a request without REMOTE_ADDR)."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def actor_from_request(request: HttpRequest, *, purpose: str = "ondersteuning") -> Actor:
    channel = "api" if request.path.startswith("/api/") else "web"
    user = request.user
    assert isinstance(user, User)
    access_point = client_address(request)
    # An API key names itself (its system or name) in every log row written with it.
    label = getattr(getattr(request, "auth", None), "log_label", "")
    if label:
        access_point = f"{access_point} {label}"[:90]
    return Actor(user=user, access_point=access_point, channel=channel, purpose=purpose)
