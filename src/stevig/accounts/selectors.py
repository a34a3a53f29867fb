"""Reads for staff accounts and their second-factor devices."""

import hashlib
from base64 import b32encode

import segno
from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from stevig.accounts.models import ApiToken, EnrolmentToken, User
from stevig.core.db import RowQuery
from stevig.tenancy.models import Municipality, Team


def app_devices(user: User) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id"))


def backup_devices(user: User) -> list[StaticDevice]:
    return list(StaticDevice.objects.filter(user=user, confirmed=True).order_by("id"))


def has_app_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def remaining_backup_codes(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def app_secret(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an authenticator app by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def app_qr_svg(device: TOTPDevice) -> SafeString:
    """The authenticator link (otpauth://) as a QR code: inline SVG, so no image request and nothing the
    Content-Security-Policy blocks (no script, no style attribute). Black on white with the quiet zone of
    4 modules that scanners need; `role="img"` with a Dutch name. The key stays on the page as text too."""
    label = str(_("QR-code om de app in te stellen. Lukt scannen niet? Typ de sleutel over."))
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, dark="#000", light="#fff", svgclass="stevig-qr", lineclass=None
    )
    # Generated from our own link by segno: only paths and numbers, nothing from user input.
    named = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" focusable="false" ', 1)
    return mark_safe(named)  # noqa: S308


def token_hash(raw: str) -> str:
    """Enrolment links are stored as their SHA-256 only."""
    return hashlib.sha256(raw.encode()).hexdigest()


def open_enrolment(raw_token: str) -> EnrolmentToken | None:
    """The unused, unexpired enrolment link with this token, or None."""
    return (
        EnrolmentToken.objects.select_related("user")
        .filter(key_hash=token_hash(raw_token), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


def _api_token_sql(connection: BaseDatabaseWrapper, columns: str) -> str:
    table = {
        model: connection.ops.quote_name(model._meta.db_table)
        for model in (ApiToken, User, Municipality, Team)
    }
    return (
        f"SELECT {columns} FROM {table[ApiToken]} r0"  # noqa: S608 (table names from the models, values bound)
        f" INNER JOIN {table[User]} r1 ON r1.id = r0.user_id"
        f" LEFT OUTER JOIN {table[Municipality]} r2 ON r2.id = r1.municipality_id"
        f" LEFT OUTER JOIN {table[Team]} r3 ON r3.id = r1.team_id"
        " WHERE r0.key_hash = %s AND r0.revoked_at IS NULL AND r0.expires_at > %s AND r1.is_active = %s"
    )


# The key with its user, the user's municipality and team: the SQL written once per process (core.db).
_API_TOKEN = RowQuery(
    ApiToken,
    User,
    Municipality,
    Team,
    links=[(0, "user"), (1, "municipality"), (1, "team")],
    sql=_api_token_sql,
)


def valid_api_token(raw_key: str) -> ApiToken | None:
    """The unrevoked, unexpired key with this value whose owner may still work, or None.

    One query per API request: the key's SHA-256 (the keys are random, so no slow password hash is
    needed) finds the row through its unique index; the user's municipality and team come along, so
    views and the access log do not ask for them again. The statement is written once per process
    (`core.db.RowQuery`): compiling the same QuerySet on every request cost more than running it."""
    connection = connections[router.db_for_read(ApiToken)]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    found = _API_TOKEN.first([token_hash(raw_key), now, True])
    return None if found is None else found[0]  # type: ignore[return-value]


def api_tokens_of(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user).order_by("-created_at")[:100])


STAFF_ORDER = ("last_name", "first_name", "id")


def colleagues_of(user: User, *, team_id: object = None, role: str | None = None) -> QuerySet[User]:
    """Active staff of the user's municipality (no resident data): the ids a client needs for assigning,
    involving and contact persons. Optionally one team or one role."""
    qs = User.objects.filter(municipality_id=user.municipality_id, is_active=True).select_related("team")
    if team_id is not None:
        qs = qs.filter(team_id=team_id)
    if role:
        qs = qs.filter(role=role)
    return qs.order_by(*STAFF_ORDER)
