"""Scoped reads for the privacy officer: the access log, data-subject requests and emergency access.

Only the privacy role of a municipality gets anything here, and only its own municipality's rows.
Every function that hands resident data (or log rows about residents) to a person writes the access
log itself, in the same transaction: when the log row cannot be written, the read fails.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet, TextChoices
from django.utils import timezone

from stevig.accounts.models import Role, User
from stevig.audit import export, log
from stevig.audit.models import AccessLogEntry, AccessLogSubject, Action, Part
from stevig.core import access
from stevig.core.context import Actor
from stevig.core.errors import AccessDenied
from stevig.people.models import (
    EmergencyAccess,
    HouseholdMembership,
    Resident,
    ResidentNameToken,
    format_full_name,
    name_tokens,
)
from stevig.people.selectors import token_prefix
from stevig.people.validators import normalise_bsn

PURPOSE_SUPERVISION = "privacytoezicht"
PURPOSE_DATA_SUBJECT = "inzageverzoek AVG art. 15"


def is_privacy_officer(user: Any) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and getattr(user, "is_staff_member", False)
        and user.role == Role.PRIVACY
    )


def _municipality_code(user: User) -> str:
    municipality = user.municipality if user.municipality_id else None
    return municipality.code if municipality is not None else "-"


# --- scopes ---------------------------------------------------------------------------------------------


def access_log_visible_to(user: User) -> QuerySet[AccessLogEntry]:
    """The log rows this user may read: the privacy role, its own municipality only."""
    if not is_privacy_officer(user):
        return AccessLogEntry.objects.none()
    return AccessLogEntry.objects.filter(municipality_code=_municipality_code(user))


def residents_for_data_subject_request(user: User) -> QuerySet[Resident]:
    """Every resident of the municipality, for the privacy role only (data-subject requests)."""
    if not is_privacy_officer(user):
        return Resident.objects.none()
    return Resident.objects.filter(municipality_id=user.municipality_id)


def emergency_accesses_for_review(user: User) -> QuerySet[EmergencyAccess]:
    """Break-the-glass grants of the municipality, unreviewed first, newest first within that."""
    if not is_privacy_officer(user):
        return EmergencyAccess.objects.none()
    return (
        EmergencyAccess.objects.filter(municipality_id=user.municipality_id)
        .select_related("user", "household", "reviewed_by")
        .order_by(F("reviewed_at").asc(nulls_first=True), "-granted_at", "id")
    )


# A grant under review, for the access layer: only the privacy officer of its municipality sees it; a
# denial names no residents (the grant is about a staff member's access, not about the residents).
EMERGENCY_ACCESS = access.Kind(
    EmergencyAccess,
    "emergency_access",
    visible=emergency_accesses_for_review,
    household=None,
    url_kwarg="grant_id",
)


# --- denials --------------------------------------------------------------------------------------------


class NotInScope(AccessDenied):
    """The object is not in the privacy officer's municipality (logged; answered with 404)."""


# --- the access log -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccessLogFilter:
    resident_id: uuid.UUID | None = None
    username: str = ""
    date_from: date | None = None
    date_to: date | None = None
    outcome: str = ""
    emergency: bool | None = None

    def logged(self) -> dict[str, Any]:
        return {
            "inwoner": str(self.resident_id) if self.resident_id else "",
            "gebruiker": self.username,
            "van": self.date_from.isoformat() if self.date_from else "",
            "tot": self.date_to.isoformat() if self.date_to else "",
            "uitkomst": self.outcome,
            "noodtoegang": self.emergency,
        }


def _start_of_day(day: date) -> datetime:
    """Midnight in Europe/Amsterdam: the privacy officer thinks in local days, the log stores UTC."""
    return datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())


def filter_access_log(
    qs: QuerySet[AccessLogEntry], filters: AccessLogFilter, *, municipality_code: str
) -> QuerySet[AccessLogEntry]:
    if filters.resident_id:
        # Through the indexed subject table (municipality_code, resident_id), not the JSON column.
        subjects = AccessLogSubject.objects.filter(
            municipality_code=municipality_code, resident_id=filters.resident_id
        )
        qs = qs.filter(id__in=subjects.values("entry_id"))
    if filters.username:
        qs = qs.filter(username=filters.username)
    if filters.date_from:
        qs = qs.filter(timestamp__gte=_start_of_day(filters.date_from))
    if filters.date_to:
        qs = qs.filter(timestamp__lt=_start_of_day(filters.date_to + timedelta(days=1)))
    if filters.outcome:
        qs = qs.filter(outcome=filters.outcome)
    if filters.emergency is not None:
        qs = qs.filter(emergency=filters.emergency)
    return qs.order_by("-timestamp", "-seq")


# Newest first; the id breaks ties within one second. Deep pages go by cursor (keyset), not offset.
ACCESS_LOG_KEYSET = ("-timestamp", "-id")


def access_log_rows(*, user: User, filters: AccessLogFilter) -> QuerySet[AccessLogEntry]:
    """The filtered log, newest first. Callers page it and then call `log_access_log_read`."""
    return filter_access_log(access_log_visible_to(user), filters, municipality_code=_municipality_code(user))


def log_access_log_read(*, actor: Actor, filters: AccessLogFilter, page: int) -> AccessLogEntry:
    """Reading the log is itself logged; the filtered resident (if any) is the subject."""
    return log.listed(
        actor,
        Part.ACCESS_LOG,
        [filters.resident_id] if filters.resident_id else (),
        object_type="access_log",
        detail={**filters.logged(), "pagina": page},
    )


def resident_names(*, user: User, entries: list[AccessLogEntry]) -> dict[str, str]:
    """Names of the residents the rows concern, where the resident still exists (one query)."""
    ids = {rid for entry in entries for rid in entry.resident_ids}
    if not ids:
        return {}
    # Plain values, not model instances: a page of household-list rows names a few hundred residents.
    rows = (
        residents_for_data_subject_request(user)
        .filter(id__in=ids)
        .values_list("id", "given_names", "prefix", "surname")
    )
    return {str(pk): format_full_name(given, prefix, surname) for pk, given, prefix, surname in rows}


@dataclass(frozen=True)
class ResidentRef:
    id: str
    name: str | None


@dataclass(frozen=True)
class LogRow:
    entry: AccessLogEntry
    residents: list[ResidentRef]

    @property
    def role_label(self) -> str:
        return role_label(self.entry.role)

    @property
    def part_label(self) -> str:
        """What `entry.get_part_display()` gives, without it: Django's display method builds a dict of all
        80 parts, translating each label, on every call (2 000 translations for a page of the log)."""
        return _label(Part, self.entry.part)


def role_label(code: str) -> str:
    return _label(Role, code)


def _label(choices: type[TextChoices], code: str) -> str:
    """The choice's label in the active language, or the stored code for a value no longer among them."""
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def log_rows(*, user: User, entries: list[AccessLogEntry]) -> list[LogRow]:
    names = resident_names(user=user, entries=entries)
    return [
        LogRow(entry, [ResidentRef(rid, names.get(rid)) for rid in entry.resident_ids]) for entry in entries
    ]


# --- residents for a data-subject request ---------------------------------------------------------------


def find_residents_for_request(
    *, actor: Actor, name: str = "", bsn: str = "", limit: int = 25
) -> tuple[list[Resident], bool]:
    """Find the resident behind a data-subject request by name and/or BSN (the BSN comes by POST).

    The search is logged with the residents it returned; the log keeps only that a BSN was used.
    """
    qs = residents_for_data_subject_request(actor.user)
    if not is_privacy_officer(actor.user):
        raise access.deny_role(actor=actor, action=Action.SEARCH, part=Part.SUBJECT_SEARCH, url_kwargs={})
    for word in sorted(name_tokens(name)):
        # The same indexed word-prefix search as the people app: 'amr' finds 'El Amrani'.
        matching = ResidentNameToken.objects.filter(
            token_prefix(word), municipality_id=actor.user.municipality_id
        ).values("resident_id")
        qs = qs.filter(id__in=matching)
    if bsn:
        qs = qs.filter(bsn=normalise_bsn(bsn))
    with transaction.atomic():
        rows = list(qs.order_by("surname_key", "given_key", "id")[: limit + 1])
        has_more = len(rows) > limit
        rows = rows[:limit]
        log.listed(
            actor,
            Part.SUBJECT_SEARCH,
            [r.id for r in rows],
            object_type="resident",
            detail={"naam": name, "bsn": bool(bsn)},
        )
    return rows, has_more


# --- the data-subject export ----------------------------------------------------------------------------


def data_subject_export(*, actor: Actor, resident_id: uuid.UUID, fmt: str) -> export.DataExport:
    """Everything Stevig holds about one resident, for an AVG art. 15 request. Logged as `export`."""
    if not is_privacy_officer(actor.user):
        raise access.deny_role(
            actor=actor,
            action=Action.EXPORT,
            part=Part.SUBJECT_EXPORT,
            url_kwargs={"resident_id": resident_id},
        )
    resident = (
        residents_for_data_subject_request(actor.user)
        .select_related("municipality")
        .filter(id=resident_id)
        .first()
    )
    if resident is None:
        log.denied(actor, Action.EXPORT, Part.SUBJECT_EXPORT, object_type="resident", object_id=resident_id)
        raise NotInScope("Niet gevonden.")
    with transaction.atomic():
        # Handing out the copy is a disclosure: it goes in the register like a referral does (AVG art. 30;
        # `datasharing.services.record_data_export`). Registered, then logged as the export, both before
        # the export is built, so the resident sees the entry and the export's own log row in it.
        from stevig.datasharing.services import record_data_export

        record_data_export(actor=actor, resident=resident, fmt=fmt)
        log.allowed(
            actor,
            Action.EXPORT,
            Part.SUBJECT_EXPORT,
            [resident.id],
            object_type="resident",
            object_id=resident.id,
            detail={"formaat": fmt},
        )
        return export.build_export(resident)


# --- emergency access review ----------------------------------------------------------------------------


def _current_members(household_ids: list[uuid.UUID]) -> list[uuid.UUID]:
    if not household_ids:
        return []
    return list(
        HouseholdMembership.objects.filter(household_id__in=household_ids, end_date__isnull=True)
        .values_list("resident_id", flat=True)
        .distinct()
    )


def log_emergency_list_read(*, actor: Actor, grants: list[EmergencyAccess]) -> AccessLogEntry:
    """The review list shows addresses of households: log it with their current members."""
    return log.listed(
        actor,
        Part.EMERGENCY_OVERVIEW,
        _current_members([g.household_id for g in grants]),
        object_type="emergency_access",
    )


def emergency_access_detail(*, actor: Actor, grant_id: uuid.UUID) -> EmergencyAccess:
    """The grant to review, logged as read with the household's current members; else a logged denial."""
    grant = access.scoped_get(
        EMERGENCY_ACCESS, actor=actor, pk=grant_id, action=Action.READ, part=Part.EMERGENCY_REVIEW
    )
    log.allowed(
        actor,
        Action.READ,
        Part.EMERGENCY_REVIEW,
        _current_members([grant.household_id]),
        object_type="emergency_access",
        object_id=grant.id,
    )
    return grant


def emergency_access_in_scope(*, actor: Actor, grant_id: uuid.UUID) -> EmergencyAccess:
    """The grant to review, or a logged denial (no read row: the review itself is logged)."""
    return access.scoped_get(
        EMERGENCY_ACCESS, actor=actor, pk=grant_id, action=Action.UPDATE, part=Part.EMERGENCY_REVIEW
    )
