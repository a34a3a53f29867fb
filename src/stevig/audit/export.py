"""The data-subject access export (AVG art. 15): everything Stevig holds about one resident.

The export is built from *sections*. This app registers the sections for the resident, their
households, the professionals involved, emergency access and the access log. Other apps add their own
from their `AppConfig.ready()`::

    from stevig.audit.export import register_section

    def plans_of(resident):
        return {"plannen": [{"titel": p.title, "vanaf": p.start_date} for p in ...]}

    register_section("plannen", plans_of, title=_("Plannen"), order=50,
                     description=_("De plannen die u met het team maakte."))

A section function gets the `Resident` and returns a dict of plain values (str, int, bool, None, date,
datetime, UUID, lists and dicts of these). Keep to the resident's own data: never include another
resident's name or details. Keys are Dutch, lower case with underscores; `labels` gives a readable
label for a key (otherwise the key itself is shown, underscores as spaces). Choice values are given as
their Dutch label, so the resident can read them.

The JSON export and the readable page (`inzage`) are built from the same sections.
"""

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from stevig.people.models import Resident

FORMAT = "stevig-inzage/1"

SectionBuilder = Callable[[Resident], dict[str, Any]]


@dataclass(frozen=True)
class Section:
    name: str
    builder: SectionBuilder
    title: str | Promise
    description: str | Promise = ""
    labels: Mapping[str, str | Promise] = field(default_factory=dict)
    order: int = 100


_REGISTRY: dict[str, Section] = {}


def register_section(
    name: str,
    builder: SectionBuilder,
    *,
    title: str | Promise,
    description: str | Promise = "",
    labels: Mapping[str, str | Promise] | None = None,
    order: int = 100,
) -> None:
    """Add a section to every data-subject export. Registering the same name twice with another
    function is a programming error; registering the same function again (a reloaded app) is fine."""
    existing = _REGISTRY.get(name)
    if existing is not None and existing.builder is not builder:
        raise ImproperlyConfigured(f"Export section {name!r} is already registered by {existing.builder!r}.")
    _REGISTRY[name] = Section(name, builder, title, description, dict(labels or {}), order)


def unregister_section(name: str) -> None:
    """For tests only."""
    _REGISTRY.pop(name, None)


def registered_sections() -> list[Section]:
    return sorted(_REGISTRY.values(), key=lambda s: (s.order, s.name))


@dataclass
class SectionResult:
    section: Section
    data: dict[str, Any]


@dataclass
class DataExport:
    resident: Resident
    generated_at: dt.datetime
    sections: list[SectionResult]
    # B1 paragraphs: who looked, in which role and team, when and why (`audit.summary`).
    summary: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """Plain JSON values: dates ISO 8601, times in Europe/Amsterdam with offset, UUIDs as strings."""
        return {
            "format": FORMAT,
            "generated_at": jsonable(self.generated_at),
            "municipality": {
                "code": self.resident.municipality.code,
                "name": self.resident.municipality.name,
            },
            "resident_id": str(self.resident.id),
            "samenvatting": list(self.summary),
            "sections": {
                result.section.name: {
                    "title": str(result.section.title),
                    "data": jsonable(result.data),
                }
                for result in self.sections
            },
        }


def build_export(resident: Resident) -> DataExport:
    from stevig.audit.summary import access_summary

    results = [SectionResult(section, section.builder(resident)) for section in registered_sections()]
    return DataExport(
        resident=resident, generated_at=timezone.now(), sections=results, summary=access_summary(resident)
    )


def jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal | Promise):
        return str(value)
    return value


# --- the readable page: sections as a tree of simple nodes ----------------------------------------------


def display_value(value: Any) -> str:
    if value is None or value == "":
        return "\u2013"  # en dash: no value
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nee")
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return date_format(local, "j F Y, H:i")
    if isinstance(value, dt.date):
        return date_format(value, "j F Y")
    return str(value)


def _label(key: str, labels: Mapping[str, str | Promise]) -> str:
    return str(labels.get(key, key.replace("_", " ").capitalize()))


def to_node(value: Any, labels: Mapping[str, str | Promise]) -> dict[str, Any]:
    """A render tree for `audit/_export_node.html`: value, fields (dl), table, records or list."""
    if isinstance(value, dict):
        return {
            "kind": "fields",
            "items": [(_label(k, labels), to_node(v, labels)) for k, v in value.items()],
        }
    if isinstance(value, list | tuple):
        if not value:
            return {"kind": "empty"}
        if all(isinstance(v, dict) for v in value):
            keys: list[str] = []
            for row in value:
                keys.extend(k for k in row if k not in keys)
            flat = all(not isinstance(v, dict | list | tuple) for row in value for v in row.values())
            if flat:
                return {
                    "kind": "table",
                    "headers": [_label(k, labels) for k in keys],
                    "rows": [[display_value(row.get(k)) for k in keys] for row in value],
                }
            return {"kind": "records", "items": [to_node(row, labels) for row in value]}
        return {"kind": "list", "items": [display_value(v) for v in value]}
    return {"kind": "value", "text": display_value(value)}


def readable_sections(data_export: DataExport) -> list[dict[str, Any]]:
    return [
        {
            "name": result.section.name,
            "title": str(result.section.title),
            "description": str(result.section.description),
            "node": to_node(result.data, result.section.labels),
        }
        for result in data_export.sections
    ]


# --- the sections this app knows: the resident, households, involvement, emergency access, the log ------


def _during_membership(moment: dt.datetime, start: dt.date, end: dt.date | None) -> bool:
    day = timezone.localtime(moment).date()
    return day >= start and (end is None or day <= end)


def resident_section(resident: Resident) -> dict[str, Any]:
    from stevig.people.models import CommunicationNeed

    needs = {value: str(label) for value, label in CommunicationNeed.choices}
    return {
        "voornamen": resident.given_names,
        "tussenvoegsel": resident.prefix,
        "achternaam": resident.surname,
        "geboortedatum": resident.date_of_birth,
        "bsn": resident.bsn,
        "telefoon": resident.phone,
        "e_mail": resident.email,
        "voorkeurstaal": resident.preferred_language,
        "communicatiebehoeften": [needs.get(n, n) for n in resident.communication_needs],
        "vastgelegd_op": resident.created_at,
        "laatst_gewijzigd_op": resident.updated_at,
    }


def households_section(resident: Resident) -> dict[str, Any]:
    memberships = resident.memberships.select_related("household__neighbourhood", "household__team").order_by(
        "start_date"
    )
    return {
        "huishoudens": [
            {
                "adres": m.household.address_line,
                "wijk": m.household.neighbourhood.name if m.household.neighbourhood else None,
                "team": m.household.team.name if m.household.team else None,
                "relatie": m.get_relation_display(),
                "vanaf": m.start_date,
                "tot": m.end_date,
            }
            for m in memberships
        ]
    }


def involvements_section(resident: Resident) -> dict[str, Any]:
    from stevig.people.models import Involvement

    memberships = list(resident.memberships.all())
    involvements = (
        Involvement.objects.filter(household_id__in=[m.household_id for m in memberships])
        .select_related("user", "household")
        .order_by("started_at")
    )
    rows = []
    for involvement in involvements:
        periods = [m for m in memberships if m.household_id == involvement.household_id]
        ended = involvement.ended_at
        # Shown when the involvement overlapped a period in which the resident lived there.
        if not any(
            (ended is None or timezone.localtime(ended).date() >= m.start_date)
            and (m.end_date is None or timezone.localtime(involvement.started_at).date() <= m.end_date)
            for m in periods
        ):
            continue
        rows.append(
            {
                "medewerker": involvement.user.get_full_name() or involvement.user.username,
                "soort": involvement.get_kind_display(),
                "adres": involvement.household.address_line,
                "vanaf": involvement.started_at,
                "tot": ended,
            }
        )
    return {"betrokken_medewerkers": rows}


def emergency_section(resident: Resident) -> dict[str, Any]:
    from stevig.people.models import EmergencyAccess

    memberships = list(resident.memberships.all())
    grants = (
        EmergencyAccess.objects.filter(household_id__in=[m.household_id for m in memberships])
        .select_related("user", "household", "reviewed_by")
        .order_by("granted_at")
    )
    rows = []
    for grant in grants:
        periods = [m for m in memberships if m.household_id == grant.household_id]
        if not any(_during_membership(grant.granted_at, m.start_date, m.end_date) for m in periods):
            continue
        rows.append(
            {
                "medewerker": grant.user.get_full_name() or grant.user.username,
                "adres": grant.household.address_line,
                "reden": grant.reason,
                "geopend_op": grant.granted_at,
                "geldig_tot": grant.expires_at,
                "beoordeeld_op": grant.reviewed_at,
                "beoordeling": grant.review_note,
            }
        )
    return {"noodtoegang": rows}


def access_log_section(resident: Resident) -> dict[str, Any]:
    """Who looked at what, when and why; refused attempts too. Staff IP addresses are left out: the
    channel (web or api) is shown instead."""
    from stevig.audit.models import AccessLogEntry, AccessLogSubject
    from stevig.audit.selectors import role_label

    code = resident.municipality.code
    entries = (
        AccessLogEntry.objects.filter(
            municipality_code=code,
            id__in=AccessLogSubject.objects.filter(municipality_code=code, resident_id=resident.id).values(
                "entry_id"
            ),
        )
        .order_by("-timestamp", "-seq")
        .only(
            "timestamp",
            "seq",
            "username",
            "role",
            "action",
            "outcome",
            "part",
            "purpose",
            "on_behalf_of",
            "access_point",
            "emergency",
        )
    )
    return {
        "toegangslog": [
            {
                "wanneer": e.timestamp,
                "medewerker": e.username,
                "rol": role_label(e.role),
                "handeling": e.get_action_display(),
                "uitkomst": e.get_outcome_display(),
                "onderdeel": e.get_part_display(),
                "doel": e.purpose,
                "namens": e.on_behalf_of,
                "kanaal": e.access_point.split(" ", 1)[0],
                "noodtoegang": e.emergency,
            }
            for e in entries
        ]
    }


def register_builtin_sections() -> None:
    register_section(
        "inwoner",
        resident_section,
        order=10,
        title=_("Uw gegevens"),
        description=_("Dit weten we van u: uw naam, geboortedatum en hoe we u kunnen bereiken."),
        labels={
            "bsn": _("BSN"),
            "e_mail": _("E-mail"),
            "vastgelegd_op": _("Vastgelegd op"),
            "laatst_gewijzigd_op": _("Laatst gewijzigd op"),
        },
    )
    register_section(
        "huishoudens",
        households_section,
        order=20,
        title=_("Waar u woont of woonde"),
        description=_("De huishoudens waar u bij hoort of hoorde, met de datums."),
        labels={"huishoudens": _("Huishoudens")},
    )
    register_section(
        "betrokken_medewerkers",
        involvements_section,
        order=30,
        title=_("Medewerkers die u helpen"),
        description=_("Deze medewerkers waren betrokken bij uw huishouden."),
        labels={"betrokken_medewerkers": _("Medewerkers")},
    )
    register_section(
        "noodtoegang",
        emergency_section,
        order=40,
        title=_("Noodtoegang"),
        description=_(
            "Soms moet een medewerker buiten het eigen team snel in een dossier kijken. Dat heet noodtoegang. "
            "De medewerker moet een reden opschrijven. De privacy officer controleert dat achteraf."
        ),
        labels={"noodtoegang": _("Noodtoegang"), "geldig_tot": _("Geldig tot")},
    )
    register_section(
        "toegangslog",
        access_log_section,
        order=1000,
        title=_("Wie keek in uw gegevens"),
        description=_(
            "Elke keer dat iemand uw gegevens bekijkt, zoekt, wijzigt of exporteert, schrijven we dat op. "
            "Ook als iemand wilde kijken maar dat niet mocht ('geweigerd')."
        ),
        labels={"toegangslog": _("Toegangslog")},
    )
