"""The logins of the demo accounts: what `stevig_demo_credentials` prints."""

import base64
import hashlib
import time
from typing import TypedDict

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from stevig.accounts.models import User
from stevig.demo.spec import DEMO_PASSWORD, MUNICIPALITIES


class Credential(TypedDict):
    username: str
    password: str
    role: str
    team: str | None
    totp_secret: str
    api_token: str


def demo_users() -> list[User]:
    """The demo accounts, in the order of the spec (Stevigdam first, then Anderdorp)."""
    order = {
        (spec.code, s.username): i
        for i, (spec, s) in enumerate((spec, s) for spec in MUNICIPALITIES for s in spec.staff)
    }
    users = User.objects.filter(
        municipality__code__in=[spec.code for spec in MUNICIPALITIES],
        username__in=[username for _, username in order],
    ).select_related("municipality", "team")
    found = [u for u in users if (u.municipality.code, u.username) in order]  # type: ignore[union-attr]
    return sorted(found, key=lambda u: order[(u.municipality.code, u.username)])  # type: ignore[union-attr]


def totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def totp_secret(device: TOTPDevice) -> str:
    """The base32 secret an authenticator app takes."""
    return base64.b32encode(bytes.fromhex(device.key)).decode()


def current_code(device: TOTPDevice, at: float | None = None) -> str:
    """The code the authenticator app shows now (or at unix time `at`)."""
    generator = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    if at is not None:
        generator.time = at
    return f"{generator.token():0{device.digits}d}"


def seconds_left(device: TOTPDevice, at: float | None = None) -> int:
    now = time.time() if at is None else at
    return int(device.step - ((now - device.t0) % device.step))


def demo_api_key(username: str) -> str:
    """The demo account's API key: derived from the username, because demo keys are public like the demo
    password (stored hashed all the same, so the same code path checks them)."""
    return "stv_demo_" + hashlib.sha256(f"stevig-demo-api:{username}".encode()).hexdigest()[:32]


def demo_credentials() -> list[Credential]:
    """Username, password, role, team, TOTP secret and API token of every demo account."""
    result: list[Credential] = []
    for user in demo_users():
        device = totp_device(user)
        result.append(
            Credential(
                username=user.username,
                password=DEMO_PASSWORD,
                role=user.role,
                team=user.team.name if user.team else None,
                totp_secret=totp_secret(device) if device else "",
                api_token=demo_api_key(user.username),
            )
        )
    return result


class ResidentLogin(TypedDict):
    name: str
    bsn: str
    municipality: str
    note: str


def demo_residents(limit: int = 4) -> list[ResidentLogin]:
    """Residents of the first demo municipality to log in to Mijn Stevig with the DigiD mock (fictitious
    BSNs): first the parent of the household made from the BRP (who sees their child's file too: gezag per
    the BRP), then others with a question of their own."""
    from stevig.brp.models import BrpLink
    from stevig.demo.koppelingen import BRP_PARENTS
    from stevig.intake.models import Question
    from stevig.people.models import HouseholdMembership, Relation, Resident

    code = MUNICIPALITIES[0].code
    rows: list[ResidentLogin] = [
        ResidentLogin(
            name=r.full_name,
            bsn=r.bsn,
            municipality=r.municipality.name,
            note="ouder met gezag over een kind onder 16 (volgens de BRP)",
        )
        for r in Resident.objects.filter(municipality__code=code, bsn__in=BRP_PARENTS)
        .filter(id__in=BrpLink.objects.values("resident_id"))
        .select_related("municipality")
        .order_by("bsn")[:1]
    ]
    asked = Question.objects.filter(municipality__code=code, resident__isnull=False).values("resident_id")
    members = (
        HouseholdMembership.objects.filter(
            municipality__code=code, end_date__isnull=True, relation=Relation.PARENT, resident_id__in=asked
        )
        .exclude(resident__bsn="")
        .exclude(resident__bsn__in=[r["bsn"] for r in rows])
        .select_related("resident", "municipality")
        .order_by("resident__surname", "resident__given_names")
    )
    rows += [
        ResidentLogin(
            name=m.resident.full_name, bsn=m.resident.bsn, municipality=m.municipality.name, note="inwoner"
        )
        for m in members[: max(limit - len(rows), 0)]
    ]
    return rows
