"""Who acts in Mijn Stevig: a resident, never a staff member.

A resident logs in with DigiD (`portal.digid`, django-digid-eherkenning) or opens one question with its reference and secret code.
Neither makes a Django user: the portal keeps its own key in the session, separate from the staff login.
The access log (`stevig.audit.log`) is written with a `ResidentPrincipal` as the actor's user: the log row
names the resident as actor ("inwoner (DigiD)", role "inwoner", user id = the resident's id) and as
subject, without the BSN.
"""

import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.http import HttpRequest

from stevig.core.context import Actor, client_address
from stevig.core.middleware import RESIDENT_SESSION_KEY, SESSION_STARTED

if TYPE_CHECKING:
    from stevig.accounts.models import User
    from stevig.tenancy.models import Municipality

# {"resident": id, "municipality": id, "via": "digid", "gezag": [ids] or None}: "gezag" are the residents
# (files in this municipality) over whom the BRP said at login that this resident has gezag; None when the
# BRP could not say (then only the resident's own data is shown).
SESSION_KEY = RESIDENT_SESSION_KEY
FOLLOW_SESSION_KEY = "mijn_stevig_volgen"  # {"question": id, "municipality": id}
ROLE = "inwoner"
PURPOSE = "inzage door de inwoner zelf"
VIA_DIGID = "digid"
VIA_CODE = "code"


@dataclass(frozen=True)
class ResidentPrincipal:
    """The acting resident, with the attributes the access log reads from a user."""

    pk: uuid.UUID | None
    municipality: "Municipality"
    via: str = VIA_DIGID
    in_gezag: tuple[uuid.UUID, ...] = ()  # per the BRP at DigiD login (`portal.services.gezag_at_login`)
    gezag_known: bool = True
    role: str = ROLE
    is_superuser: bool = False
    is_staff_member: bool = False

    @property
    def municipality_id(self) -> uuid.UUID:
        return self.municipality.id

    def get_username(self) -> str:
        return "inwoner (DigiD)" if self.via == VIA_DIGID else "inwoner (met code)"


def resident_actor(
    request: HttpRequest, *, municipality: "Municipality", resident_id: uuid.UUID | None, via: str
) -> Actor:
    """The actor for a resident's own request. `Actor.user` is typed as a staff user; the principal has
    exactly the attributes the access log and the portal's selectors read, and nothing else uses it."""
    in_gezag: tuple[uuid.UUID, ...] = ()
    gezag_known = True
    data = request.session.get(SESSION_KEY)
    if via == VIA_DIGID and isinstance(data, dict) and data.get("resident") == str(resident_id):
        gezag = data.get("gezag")
        gezag_known = isinstance(gezag, list)
        in_gezag = tuple(uuid.UUID(str(i)) for i in gezag) if isinstance(gezag, list) else ()
    principal = ResidentPrincipal(
        pk=resident_id, municipality=municipality, via=via, in_gezag=in_gezag, gezag_known=gezag_known
    )
    channel = "api" if request.path.startswith("/api/") else "web"
    return Actor(
        user=cast("User", principal),
        access_point=client_address(request),
        channel=channel,
        purpose=PURPOSE,
    )


def start_session(
    request: HttpRequest,
    *,
    resident_id: uuid.UUID,
    municipality_id: uuid.UUID,
    in_gezag: list[uuid.UUID] | None,
) -> None:
    """After DigiD: a new session key (no fixation), the resident's id in the session, and the residents
    the BRP says they have gezag over (None: the BRP could not say). The session ends after DigiD's norm
    without activity (DIGID_SESSION_AGE) and, however active, after STEVIG_SESSION_MAX_SECONDS
    (`core.middleware.AbsoluteSessionLifetimeMiddleware`)."""
    request.session.cycle_key()
    request.session.set_expiry(settings.DIGID_SESSION_AGE)
    request.session[SESSION_STARTED] = time.time()
    request.session.pop(FOLLOW_SESSION_KEY, None)
    request.session[SESSION_KEY] = {
        "resident": str(resident_id),
        "municipality": str(municipality_id),
        "via": VIA_DIGID,
        "gezag": [str(i) for i in in_gezag] if in_gezag is not None else None,
    }


def start_follow(request: HttpRequest, *, question_id: uuid.UUID, municipality_id: uuid.UUID) -> None:
    request.session.cycle_key()
    request.session[FOLLOW_SESSION_KEY] = {"question": str(question_id), "municipality": str(municipality_id)}


def end_session(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.pop(FOLLOW_SESSION_KEY, None)
    request.session.cycle_key()


def parse_id(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def _ids(request: HttpRequest, key: str, field: str) -> tuple[uuid.UUID, uuid.UUID] | None:
    data = request.session.get(key)
    if not isinstance(data, dict):
        return None
    try:
        return uuid.UUID(str(data[field])), uuid.UUID(str(data["municipality"]))
    except (KeyError, ValueError):
        return None


def session_resident(request: HttpRequest) -> tuple[uuid.UUID, uuid.UUID] | None:
    """(resident id, municipality id) of the DigiD session, or None."""
    return _ids(request, SESSION_KEY, "resident")


def session_question(request: HttpRequest) -> tuple[uuid.UUID, uuid.UUID] | None:
    """(question id, municipality id) opened with reference and secret code, or None."""
    return _ids(request, FOLLOW_SESSION_KEY, "question")
