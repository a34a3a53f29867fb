"""A mock of BRP API Personen inside Stevig, serving the 1 176 fictitious persons of the public mock
(`reference/test-data.json`, RvIG, EUPL-1.2) in the shape of the specification (`reference/openapi.yaml`).

The test data are stored the way the GBA keeps them (dates as "19750707", gezag as
"TweehoofdigOuderlijkGezag", addresses as flat fields). `person(...)` turns one record into a `Persoon`
of the API; `answer(...)` handles one POST /personen: checks the question against the specification,
finds the persons, keeps only the asked `fields` and returns (status, body). The view (`mock_urls`) is
mounted at /mock-brp/ only when STEVIG_BRP_MOCK is on; without STEVIG_BRP_URL the client calls `answer`
in the same process.
"""

import json
from datetime import date
from functools import cache
from typing import Any

from stevig.brp import spec

DATA_PATH = spec.REFERENCE / "test-data.json"
MONTHS = ("januari februari maart april mei juni juli augustus september oktober november december").split()
_UNTOUCHED = {"type"}


@cache
def records() -> dict[str, dict[str, Any]]:
    with DATA_PATH.open(encoding="utf-8") as handle:
        return {row["burgerservicenummer"]: row for row in json.load(handle)}


# Persons added or changed while a test or the demo runs (e.g. a child born after the data were taken).
_overrides: dict[str, dict[str, Any]] = {}


def override(bsn: str, record: dict[str, Any] | None) -> None:
    """Replace (or with None: restore) the stored record of one person. For tests and the demo only."""
    if record is None:
        _overrides.pop(bsn, None)
    else:
        _overrides[bsn] = record


def reset() -> None:
    _overrides.clear()


def record(bsn: str) -> dict[str, Any] | None:
    return _overrides.get(bsn) or records().get(bsn)


def all_records() -> list[dict[str, Any]]:
    merged = dict(records())
    merged.update(_overrides)
    return list(merged.values())


# --- the GBA record as an API Persoon ---------------------------------------------------------------


def api_date(raw: str | None) -> dict[str, Any] | None:
    if not raw:
        return None
    raw = raw.strip()
    if len(raw) != 8 or not raw.isdigit() or raw == "00000000":
        return {"type": "DatumOnbekend", "onbekend": True, "langFormaat": "onbekend"}
    year, month, day = int(raw[:4]), int(raw[4:6]), int(raw[6:])
    if month == 0:
        return {"type": "JaarDatum", "jaar": year, "langFormaat": str(year)}
    if day == 0:
        return {
            "type": "JaarMaandDatum",
            "jaar": year,
            "maand": month,
            "langFormaat": f"{MONTHS[month - 1]} {year}",
        }
    return {
        "type": "Datum",
        "datum": date(year, month, day).isoformat(),
        "langFormaat": f"{day} {MONTHS[month - 1]} {year}",
    }


def _iso(raw: str | None) -> date | None:
    value = api_date(raw)
    return date.fromisoformat(value["datum"]) if value and value["type"] == "Datum" else None


def age(raw_birth: str | None, today: date) -> int | None:
    born = _iso(raw_birth)
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _clean(value: Any) -> Any:
    """Drop empty values (the API leaves out what is unknown)."""
    if isinstance(value, dict):
        cleaned = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [c for c in (_clean(v) for v in value) if c not in (None, "", [], {})]
    return value


def _initials(given: str) -> str:
    return " ".join(f"{part[0]}." for part in given.split() if part[0].isalpha())


def full_name(naam: dict[str, Any]) -> str:
    parts = [naam.get("voornamen", "").strip(), naam.get("voorvoegsel", ""), naam.get("geslachtsnaam", "")]
    return " ".join(p for p in parts if p).strip()


def _name(naam: dict[str, Any] | None, *, with_full: bool) -> dict[str, Any]:
    naam = naam or {}
    given = (naam.get("voornamen") or "").strip()
    result = {
        "voornamen": given,
        "voorvoegsel": naam.get("voorvoegsel"),
        "geslachtsnaam": naam.get("geslachtsnaam"),
        "voorletters": _initials(given),
        "adellijkeTitelPredicaat": naam.get("adellijkeTitelPredicaat"),
    }
    if with_full:
        result["volledigeNaam"] = full_name(naam)
    return result


def _place(raw: dict[str, Any] | None) -> dict[str, Any]:
    raw = raw or {}
    return {"datum": api_date(raw.get("datum")), "land": raw.get("land"), "plaats": raw.get("plaats")}


def _verblijfplaats(raw: dict[str, Any] | None) -> dict[str, Any]:
    raw = raw or {}
    if raw.get("postcode") or raw.get("straat"):
        number = raw.get("huisnummer")
        return {
            "type": "Adres",
            "functieAdres": raw.get("functieAdres"),
            "datumVan": api_date(raw.get("datumAanvangAdreshouding") or raw.get("datumIngangGeldigheid")),
            "adresseerbaarObjectIdentificatie": raw.get("adresseerbaarObjectIdentificatie"),
            "nummeraanduidingIdentificatie": raw.get("nummeraanduidingIdentificatie"),
            "verblijfadres": {
                "officieleStraatnaam": raw.get("naamOpenbareRuimte") or raw.get("straat"),
                "korteStraatnaam": (raw.get("straat") or "")[:24],
                "huisnummer": int(str(number)) if str(number or "").isdigit() else None,
                "huisletter": raw.get("huisletter"),
                "huisnummertoevoeging": raw.get("huisnummertoevoeging"),
                "postcode": raw.get("postcode"),
                "woonplaats": raw.get("woonplaats"),
            },
        }
    if raw.get("land") or raw.get("regel1"):
        return {
            "type": "VerblijfplaatsBuitenland",
            "datumVan": api_date(raw.get("datumAanvangAdresBuitenland")),
            "verblijfadres": {
                "regel1": raw.get("regel1"),
                "regel2": raw.get("regel2"),
                "regel3": raw.get("regel3"),
                "land": raw.get("land"),
            },
        }
    return {"type": "VerblijfplaatsOnbekend"}


def _named(bsn: str | None) -> dict[str, Any]:
    """A gezag party: BSN and full name, looked up among the persons (the API requires the name)."""
    other = record(bsn) if bsn else None
    name = full_name(other["naam"]) if other else ""
    return {"burgerservicenummer": bsn, "naam": {"volledigeNaam": name or "Onbekend"}}


def _gezag(raw: list[dict[str, Any]], owner: dict[str, Any], today: date) -> list[dict[str, Any]]:
    relations = []
    for item in raw:
        minor_bsn = (item.get("minderjarige") or {}).get("burgerservicenummer") or owner[
            "burgerservicenummer"
        ]
        minor = record(minor_bsn)
        minderjarige = {
            "burgerservicenummer": minor_bsn,
            "naam": {"volledigeNaam": full_name(minor["naam"]) if minor else "Onbekend"},
            "leeftijd": age((minor or {}).get("geboorte", {}).get("datum"), today),
        }
        kind = item.get("type")
        relation: dict[str, Any] = {"minderjarige": minderjarige}
        if kind == "TweehoofdigOuderlijkGezag":  # GBA name of the API's GezamenlijkOuderlijkGezag
            relation |= {
                "type": "GezamenlijkOuderlijkGezag",
                "ouders": [_named(o.get("burgerservicenummer")) for o in item.get("ouders", [])],
            }
        elif kind == "EenhoofdigOuderlijkGezag":
            relation |= {"type": kind, "ouder": _named((item.get("ouder") or {}).get("burgerservicenummer"))}
        elif kind == "GezamenlijkGezag":
            relation |= {
                "type": kind,
                "ouder": _named((item.get("ouder") or {}).get("burgerservicenummer")),
                "derde": {"type": "BekendeDerde"}
                | _named((item.get("derde") or {}).get("burgerservicenummer")),
            }
        elif kind == "Voogdij":
            relation |= {
                "type": kind,
                "derden": [
                    {"type": "BekendeDerde"} | _named(d.get("burgerservicenummer"))
                    for d in item.get("derden", [])
                ],
            }
        else:  # TijdelijkGeenGezag, GezagNietTeBepalen
            relation |= {
                "type": kind,
                "toelichting": item.get("toelichting") or "Gezag kan niet worden vastgesteld.",
            }
        relations.append(relation)
    return relations


def person(raw: dict[str, Any], *, today: date) -> dict[str, Any]:
    """One GBA record as a `Persoon` of BRP API Personen 2.7."""
    birth = (raw.get("geboorte") or {}).get("datum")
    result = {
        "burgerservicenummer": raw["burgerservicenummer"],
        "aNummer": raw.get("aNummer"),
        "geslacht": raw.get("geslacht"),
        "naam": _name(raw.get("naam"), with_full=True),
        "geboorte": _place(raw.get("geboorte")),
        "leeftijd": None if raw.get("overlijden") else age(birth, today),
        "overlijden": _place(raw.get("overlijden")) if raw.get("overlijden") else None,
        "verblijfplaats": _verblijfplaats(raw.get("verblijfplaats")),
        "gemeenteVanInschrijving": raw.get("gemeenteVanInschrijving"),
        "datumInschrijvingInGemeente": api_date(raw.get("datumInschrijvingInGemeente")),
        "ouders": [
            {
                "burgerservicenummer": o.get("burgerservicenummer"),
                "geslacht": o.get("geslacht"),
                "ouderAanduiding": o.get("ouderAanduiding"),
                "naam": _name(o.get("naam"), with_full=False),
                "geboorte": _place(o.get("geboorte")),
                "datumIngangFamilierechtelijkeBetrekking": api_date(
                    o.get("datumIngangFamilierechtelijkeBetrekking")
                ),
            }
            for o in raw.get("ouders", [])
        ],
        "partners": [
            {
                "burgerservicenummer": p.get("burgerservicenummer"),
                "geslacht": p.get("geslacht"),
                "soortVerbintenis": p.get("soortVerbintenis"),
                "naam": _name(p.get("naam"), with_full=False),
                "geboorte": _place(p.get("geboorte")),
            }
            for p in raw.get("partners", [])
        ],
        "kinderen": [
            {
                "burgerservicenummer": k.get("burgerservicenummer"),
                "naam": _name(k.get("naam"), with_full=False),
                "geboorte": _place(k.get("geboorte")),
            }
            for k in raw.get("kinderen", [])
        ],
        "gezag": _gezag(raw.get("gezag", []), raw, today),
    }
    cleaned = _clean(result)
    if raw.get("gezag") is not None:
        cleaned["gezag"] = cleaned.get("gezag", [])  # an empty gezag list is an answer too
    return cleaned


def restricted(full: dict[str, Any]) -> dict[str, Any]:
    """The `PersoonBeperkt` of a search answer: no relations, address or gezag."""
    keep = ("burgerservicenummer", "geslacht", "leeftijd")
    result = {k: full[k] for k in keep if k in full}
    if "naam" in full:
        result["naam"] = dict(full["naam"])
    if "geboorte" in full and "datum" in full["geboorte"]:
        result["geboorte"] = {"datum": full["geboorte"]["datum"]}
    return result


# --- fields -----------------------------------------------------------------------------------------


def _tree(fields: list[str]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for path in fields:
        node = tree
        parts = path.split(".")
        for name in parts[:-1]:
            existing = node.get(name)
            if existing is True:
                break
            node = node.setdefault(name, {})
        else:
            node[parts[-1]] = True
    return tree


def select(value: Any, tree: dict[str, Any] | bool) -> Any:
    """Keep only the asked fields (a discriminated object keeps its `type`)."""
    if tree is True:
        return value
    if isinstance(value, list):
        return [select(item, tree) for item in value]
    if isinstance(value, dict):
        assert isinstance(tree, dict)
        kept = {k: select(v, tree[k]) for k, v in value.items() if k in tree}
        kept.update({k: value[k] for k in _UNTOUCHED if k in value})
        return kept
    return value


# --- one question -----------------------------------------------------------------------------------


def _problem(
    status: int, title: str, code: str, invalid: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html",
        "title": title,
        "status": status,
        "code": code,
        "instance": "http://localhost/mock-brp/personen",
    }
    if invalid:
        body["invalidParams"] = invalid
    return body


def _matches_address(raw: dict[str, Any], query: dict[str, Any]) -> bool:
    place = raw.get("verblijfplaats") or {}
    postcode = (place.get("postcode") or "").replace(" ", "").upper()
    if postcode != query["postcode"].replace(" ", "").upper():
        return False
    if str(place.get("huisnummer") or "") != str(query["huisnummer"]):
        return False
    for key in ("huisletter", "huisnummertoevoeging"):
        if query.get(key) and (place.get(key) or "").lower() != query[key].lower():
            return False
    return True


def _matches_name(raw: dict[str, Any], query: dict[str, Any]) -> bool:
    naam = raw.get("naam") or {}
    wanted = query["geslachtsnaam"].lower()
    have = (naam.get("geslachtsnaam") or "").lower()
    if wanted.endswith("*"):
        if not have.startswith(wanted[:-1]):
            return False
    elif have != wanted:
        return False
    born = _iso((raw.get("geboorte") or {}).get("datum"))
    if born is None or born.isoformat() != query["geboortedatum"]:
        return False
    if query.get("voorvoegsel") and (naam.get("voorvoegsel") or "").lower() != query["voorvoegsel"].lower():
        return False
    if (
        query.get("geslacht")
        and ((raw.get("geslacht") or {}).get("code") or "").upper() != query["geslacht"].upper()
    ):
        return False
    return True


def answer(body: bytes, *, today: date) -> tuple[int, dict[str, Any]]:
    """Handle one POST /personen. Returns the HTTP status and the JSON body."""
    try:
        query = json.loads(body or b"{}")
    except ValueError:
        return 400, _problem(400, "Het verzoek is geen geldige JSON.", "paramsValidation")
    kind = query.get("type") if isinstance(query, dict) else None
    if kind not in spec.QUERY_TYPES:
        return 400, _problem(
            400,
            "Onbekend of ontbrekend type.",
            "paramsValidation",
            [{"name": "type", "code": "value", "reason": "Waarde is geen bekende zoekvraag."}],
        )
    found = spec.problems(kind, query)
    if found:
        return 400, _problem(
            400,
            "Een of meerdere parameters zijn niet correct.",
            "paramsValidation",
            [{"name": "parameters", "code": "invalid", "reason": "Waarde voldoet niet aan de specificatie."}],
        )
    person_schema = spec.PERSON_SCHEMA[kind]
    wrong = [f for f in query["fields"] if not spec.field_exists(f, person_schema=person_schema)]
    if wrong:
        return 400, _problem(
            400,
            "Een of meerdere parameters zijn niet correct.",
            "paramsValidation",
            [{"name": "fields", "code": "field", "reason": "Parameter bevat een niet bestaande veldnaam."}],
        )
    include_dead = bool(query.get("inclusiefOverledenPersonen"))
    if kind == "RaadpleegMetBurgerservicenummer":
        raws = [r for r in (record(b) for b in dict.fromkeys(query["burgerservicenummer"])) if r]
    elif kind == "ZoekMetPostcodeEnHuisnummer":
        raws = [r for r in all_records() if _matches_address(r, query)]
        raws = [r for r in raws if include_dead or not r.get("overlijden")]
    else:
        raws = [r for r in all_records() if _matches_name(r, query)]
        raws = [r for r in raws if include_dead or not r.get("overlijden")]
    people = [person(r, today=today) for r in raws]
    if person_schema == "PersoonBeperkt":
        people = [restricted(p) for p in people]
    tree = _tree(query["fields"])
    return 200, {"type": kind, "personen": [select(p, tree) for p in people]}
