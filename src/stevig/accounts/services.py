"""Writes for staff accounts: second-factor devices, resetting access, enrolment, and the audit trail of
functioneel beheer. No resident data is touched here, but every change of who may see what goes into the
access log's tamper-evident chain, where the privacy officer reads it."""

import datetime as dt
import logging
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from stevig.accounts.models import ApiToken, EnrolmentToken, IdentityProviderDevice, User
from stevig.accounts.selectors import token_hash
from stevig.audit import log
from stevig.core.context import Actor

BACKUP_CODE_COUNT = 10
BACKUP_DEVICE_NAME = "reservecodes"
APP_DEVICE_NAME = "app"
SECURITY_LOG = logging.getLogger("stevig.security")


def generate_backup_codes(*, user: User) -> list[str]:
    """Replace the user's backup codes with 10 new ones. Each works once. Only this call sees them in plain text."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.select_for_update().get_or_create(
            user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
        )
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        device.token_set.all().delete()
        codes: list[str] = []
        while len(codes) < BACKUP_CODE_COUNT:
            code = StaticToken.random_token()
            if code not in codes:
                codes.append(code)
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


ENROLMENT_VALID = dt.timedelta(days=3)


def _plain(value: Any) -> Any:
    """A value as it goes into the log: names of related rows, never a password hash."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set | models.QuerySet):
        return sorted(str(item) for item in value)
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def field_changes(
    old: models.Model | None, new: models.Model, fields: list[str], cleaned: dict[str, Any]
) -> dict[str, Any]:
    """{field: [before, after]} for the changed form fields (before is None for a new row)."""
    changes: dict[str, Any] = {}
    for name in fields:
        if "password" in name or name not in cleaned:
            continue
        before: Any = None
        if old is not None:
            field = old._meta.get_field(name)
            before = list(getattr(old, name).all()) if field.many_to_many else getattr(old, name)
        changes[name] = [_plain(before), _plain(cleaned[name])]
    return changes


def record_setup_change(
    *, actor: Actor, action: log.Action, obj: models.Model, changes: dict[str, Any] | None = None
) -> None:
    """One access-log row for a change made by functioneel beheer (account, role, team, location ...)."""
    part = log.Part.ACCOUNT if isinstance(obj, User | ApiToken) else log.Part.SETUP
    log.allowed(
        actor,
        action,
        part,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        detail={"naam": str(obj), "wijzigingen": changes or {}},
    )


def reset_access(*, actor: Actor, user: User, enrol_url: str) -> None:
    """Functioneel beheer resets a member's access: password, app key and backup codes are gone at once
    (open sessions end, as the password changed) and the member gets a one-time link by e-mail to set both
    again. Beheer never sees a password, a key or the link, so cannot log in as the member.

    `enrol_url` is the absolute URL of the enrolment page with `{token}` where the token goes."""
    if not user.email:
        raise ValidationError({"email": "Vul eerst het e-mailadres van de medewerker in."})
    raw = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        user.set_unusable_password()
        user.save(update_fields=["password"])
        EnrolmentToken.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
        EnrolmentToken.objects.create(user=user, key_hash=token_hash(raw), expires_at=now + ENROLMENT_VALID)
        record_setup_change(
            actor=actor,
            action=log.Action.UPDATE,
            obj=user,
            changes={"toegang": ["ingesteld", "opnieuw instellen"]},
        )
        link = enrol_url.format(token=raw)
        transaction.on_commit(
            lambda: send_mail(
                "Stevig: stel uw wachtwoord en app opnieuw in",
                "Functioneel beheer heeft uw toegang tot Stevig opnieuw ingesteld.\n"
                f"Open deze link en kies een nieuw wachtwoord en stel de app opnieuw in:\n{link}\n"
                f"De link werkt één keer en {ENROLMENT_VALID.days} dagen lang. Niet gevraagd? "
                "Meld het dan bij de privacy officer.",
                None,
                [user.email],
            )
        )


def pending_app_device(*, token: EnrolmentToken) -> TOTPDevice:
    """The new, not yet confirmed app key shown on the enrolment page (one per open link)."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=token.user, confirmed=False).first()
        return device or TOTPDevice.objects.create(user=token.user, name=APP_DEVICE_NAME, confirmed=False)


def complete_enrolment(*, actor: Actor, token: EnrolmentToken, password: str, code: str) -> None:
    """The member sets a new password and proves the app works with one code; the link is used up."""
    user = token.user
    errors: dict[str, list[str]] = {}
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password1"] = list(exc.messages)
    with transaction.atomic():
        locked = EnrolmentToken.objects.select_for_update().get(pk=token.pk)
        if locked.used_at is not None or locked.expires_at <= timezone.now():
            raise ValidationError(
                {"code": "Deze link werkt niet meer. Vraag functioneel beheer om een nieuwe."}
            )
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None or not device.verify_token(code):
            errors["code"] = ["Deze code klopt niet. Kijk in de app en probeer het opnieuw."]
        if errors:
            raise ValidationError(errors)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        user.set_password(password)
        user.save(update_fields=["password"])
        locked.used_at = timezone.now()
        locked.save(update_fields=["used_at"])
        record_setup_change(
            actor=actor,
            action=log.Action.UPDATE,
            obj=user,
            changes={"toegang": ["opnieuw instellen", "ingesteld"]},
        )


def change_own_password(*, actor: Actor, password: str) -> None:
    """The member changes their own password (checked by the form against the old one and the validators).
    Their other sessions end, as the password hash is part of the session."""
    with transaction.atomic():
        actor.user.set_password(password)
        actor.user.save(update_fields=["password"])
        record_setup_change(
            actor=actor, action=log.Action.UPDATE, obj=actor.user, changes={"wachtwoord": ["oud", "nieuw"]}
        )


API_TOKEN_MAX_DAYS = 366


def create_api_token(
    *, actor: Actor, owner: User, name: str, days: int, system: str = ""
) -> tuple[ApiToken, str]:
    """Make an API key for `owner` (a person, or the account of the named `system`) valid for `days`.
    Returns the key in plain text: show it once, it is not stored."""
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Geef de sleutel een naam, zodat u hem later herkent."
    if not 1 <= days <= API_TOKEN_MAX_DAYS:
        errors["days"] = f"Kies 1 tot {API_TOKEN_MAX_DAYS} dagen."
    if errors:
        raise ValidationError(errors)
    raw = "stv_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=owner,
            name=name.strip()[:100],
            system=system.strip()[:100],
            prefix=raw[:12],
            key_hash=token_hash(raw),
            expires_at=timezone.now() + dt.timedelta(days=days),
        )
        record_setup_change(
            actor=actor,
            action=log.Action.CREATE,
            obj=token,
            changes={
                "eigenaar": [None, owner.username],
                "verloopt": [None, token.expires_at.date().isoformat()],
            },
        )
    return token, raw


def revoke_api_token(*, actor: Actor, token: ApiToken) -> None:
    """The key stops working at once. Its owner or functioneel beheer of the owner's municipality."""
    with transaction.atomic():
        updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if updated:
            record_setup_change(
                actor=actor,
                action=log.Action.UPDATE,
                obj=token,
                changes={"status": ["geldig", "ingetrokken"]},
            )


def note_api_token_use(*, token: ApiToken) -> None:
    """Remember when a key was last used, at most once every five minutes (not a write per request)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


@dataclass(frozen=True)
class _UnknownStaff:
    """The actor of a refused OpenID Connect login that matched no account: the access log reads these
    attributes from a user. The row goes to the chain without municipality ("-")."""

    label: str
    pk: None = None
    municipality_id: None = None
    department_id: None = None
    role: str = ""
    is_superuser: bool = False

    def get_username(self) -> str:
        return self.label


def identity_provider_device(*, user: User, issuer: str) -> IdentityProviderDevice:
    """The marker device with which a login through the OpenID Connect provider counts as verified (the
    provider did the second factor). One per member and provider."""
    with transaction.atomic():
        device, _ = IdentityProviderDevice.objects.get_or_create(
            user=user, issuer=issuer[:255], defaults={"name": "OpenID Connect", "confirmed": True}
        )
    return device


def record_oidc_refusal(
    *, access_point: str, reason: str, user: User | None = None, subject: str = ""
) -> None:
    """A refused OpenID Connect login: one `denied` row in the access log (part "account") and a warning
    in the security log (logger `stevig.security`). `subject` is the token's `sub` or the matched claim,
    never the token itself."""
    SECURITY_LOG.warning(
        "OpenID Connect login refused: %s (sub=%s, user=%s, from %s)",
        reason,
        subject or "-",
        user.pk if user is not None else "-",
        access_point,
    )
    who: Any = (
        user if user is not None else _UnknownStaff(label=f"OpenID Connect: {subject or 'onbekend'}"[:150])
    )
    actor = Actor(user=who, access_point=access_point, channel="web")
    with transaction.atomic():
        log.denied(
            actor,
            log.Action.READ,
            log.Part.ACCOUNT,
            object_type="accounts.user",
            object_id=user.pk if user is not None else "",
            detail={"inloggen": "OpenID Connect", "reden": reason},
        )
