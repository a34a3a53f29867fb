"""Client for BRP API Personen 2.7 (Haal Centraal, RvIG).

Four questions, each asking only the `fields` it needs:

* `person(bsn)` — RaadpleegMetBurgerservicenummer: name, birth, death, address, relations, gezag;
* `search_name_birth(surname, birth_date)` — ZoekMetGeslachtsnaamEnGeboortedatum;
* `search_address(postcode, house_number)` — ZoekMetPostcodeEnHuisnummer;
* `persons_at_address(postcode, house_number)` — the persons living at an address, in full (a search,
  then one RaadpleegMetBurgerservicenummer for at most 20 of them), for a household;
* `minors_in_gezag(bsn)` — the minors over whom this person has gezag (for Mijn Stevig).

Every answer is checked against the specification (`spec.check_response`); an answer that does not
match is refused (`BrpInvalidAnswer`), nothing of it is used. This module does not write the access log:
its callers do (`stevig.brp.services` for staff; Mijn Stevig logs its own reads).

Where the BRP is: STEVIG_BRP_URL (the /personen endpoint), with STEVIG_BRP_API_KEY (header X-API-KEY)
and a client certificate STEVIG_BRP_CERT / STEVIG_BRP_CERT_KEY (PKIoverheid, mutual TLS). Without a URL
and with STEVIG_BRP_MOCK on, the built-in mock (`stevig.brp.mock`) answers in the same process.
"""

import json
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from stevig.brp import mock, spec

# The fields each question asks for: nothing more (dataminimalisatie, AVG art. 5 lid 1 c).
FIELDS_PERSON = [
    "burgerservicenummer",
    "naam.voornamen",
    "naam.voorvoegsel",
    "naam.geslachtsnaam",
    "geboorte.datum",
    "overlijden.datum",
    "verblijfplaats.verblijfadres",
    "ouders.burgerservicenummer",
    "partners.burgerservicenummer",
    "kinderen.burgerservicenummer",
    "kinderen.naam",
    "kinderen.geboorte.datum",
    "gezag",
]
FIELDS_SEARCH = [
    "burgerservicenummer",
    "naam.voornamen",
    "naam.voorvoegsel",
    "naam.geslachtsnaam",
    "geboorte.datum",
]
FIELDS_GEZAG = ["burgerservicenummer", "gezag"]
MAX_BSNS = 20  # the API's maximum per RaadpleegMetBurgerservicenummer


class BrpError(Exception):
    """The BRP could not answer the question. `message` is Dutch and safe to show."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class BrpUnavailable(BrpError):
    pass


class BrpRefused(BrpError):
    """The BRP answered 4xx (a wrong question, or no authorisation)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class BrpInvalidAnswer(BrpError):
    def __init__(self, violation: spec.SpecViolation) -> None:
        super().__init__(
            "Het antwoord van de BRP klopt niet met de afspraken (BRP API Personen 2.7). "
            "Stevig gebruikt het daarom niet."
        )
        self.problems = violation.problems


# --- what the client hands back ---------------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    street: str
    house_number: int
    postcode: str
    city: str
    house_letter: str = ""
    addition: str = ""

    @property
    def number_addition(self) -> str:
        return f"{self.house_letter}{(' ' + self.addition) if self.addition else ''}".strip()

    def line(self) -> str:
        extra = f" {self.number_addition}" if self.number_addition else ""
        return f"{self.street} {self.house_number}{extra}, {self.postcode} {self.city}".strip()


@dataclass(frozen=True)
class Relative:
    bsn: str
    given_names: str = ""
    prefix: str = ""
    surname: str = ""
    birth_date: date | None = None

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.given_names, self.prefix, self.surname) if p)


@dataclass(frozen=True)
class Gezag:
    """One gezagsrelatie: who has authority over `minor_bsn`. `holders` are the BSNs that have it."""

    kind: str
    minor_bsn: str
    minor_name: str
    minor_age: int | None
    holders: tuple[str, ...]


@dataclass(frozen=True)
class Person:
    bsn: str
    given_names: str
    prefix: str
    surname: str
    birth_date: date | None
    died_on: date | None = None
    address: Address | None = None
    parents: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    children: tuple[Relative, ...] = ()
    gezag: tuple[Gezag, ...] = field(default=())

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.given_names, self.prefix, self.surname) if p)

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _date(value: dict[str, Any] | None) -> date | None:
    if value and value.get("type") == "Datum" and value.get("datum"):
        return date.fromisoformat(value["datum"])
    return None


def _address(place: dict[str, Any] | None) -> Address | None:
    if not place or place.get("type") != "Adres":
        return None
    adres = place.get("verblijfadres") or {}
    if not adres.get("postcode") or not adres.get("huisnummer"):
        return None
    return Address(
        street=adres.get("officieleStraatnaam") or adres.get("korteStraatnaam") or "",
        house_number=int(adres["huisnummer"]),
        postcode=adres["postcode"].replace(" ", "").upper(),
        city=adres.get("woonplaats") or "",
        house_letter=adres.get("huisletter") or "",
        addition=adres.get("huisnummertoevoeging") or "",
    )


def _holders(relation: dict[str, Any]) -> tuple[str, ...]:
    parties = [
        *relation.get("ouders", []),
        relation.get("ouder"),
        relation.get("derde"),
        *relation.get("derden", []),
    ]
    return tuple(p["burgerservicenummer"] for p in parties if p and p.get("burgerservicenummer"))


def _gezag(relations: list[dict[str, Any]]) -> tuple[Gezag, ...]:
    return tuple(
        Gezag(
            kind=r["type"],
            minor_bsn=r["minderjarige"]["burgerservicenummer"],
            minor_name=(r["minderjarige"].get("naam") or {}).get("volledigeNaam", ""),
            minor_age=r["minderjarige"].get("leeftijd"),
            holders=_holders(r),
        )
        for r in relations
    )


def _name(naam: dict[str, Any] | None) -> dict[str, str]:
    naam = naam or {}
    return {
        "given_names": (naam.get("voornamen") or "").strip(),
        "prefix": naam.get("voorvoegsel") or "",
        "surname": naam.get("geslachtsnaam") or "",
    }


def _person(raw: dict[str, Any]) -> Person:
    return Person(
        bsn=raw["burgerservicenummer"],
        **_name(raw.get("naam")),
        birth_date=_date((raw.get("geboorte") or {}).get("datum")),
        died_on=_date((raw.get("overlijden") or {}).get("datum")),
        address=_address(raw.get("verblijfplaats")),
        parents=tuple(
            o["burgerservicenummer"] for o in raw.get("ouders", []) if o.get("burgerservicenummer")
        ),
        partners=tuple(
            p["burgerservicenummer"] for p in raw.get("partners", []) if p.get("burgerservicenummer")
        ),
        children=tuple(
            Relative(
                bsn=k["burgerservicenummer"],
                **_name(k.get("naam")),
                birth_date=_date((k.get("geboorte") or {}).get("datum")),
            )
            for k in raw.get("kinderen", [])
            if k.get("burgerservicenummer")
        ),
        gezag=_gezag(raw.get("gezag", [])),
    )


# --- transport ----------------------------------------------------------------------------------------

Transport = Callable[[bytes], tuple[int, Any]]


def mock_transport(body: bytes) -> tuple[int, Any]:
    """The built-in mock, in this process (no network)."""
    status, answer = mock.answer(body, today=timezone.localdate())
    # Through JSON and back, exactly as over HTTP.
    return status, json.loads(json.dumps(answer))


def http_transport(
    url: str, *, api_key: str = "", cert: str = "", cert_key: str = "", timeout: float = 10
) -> Transport:
    context = None
    if url.startswith("https://"):
        context = ssl.create_default_context()
        if cert:
            context.load_cert_chain(cert, cert_key or None)

    def send(body: bytes) -> tuple[int, Any]:
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
        if api_key:
            headers["X-API-KEY"] = api_key
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout, context=context) as response:  # noqa: S310
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read()
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise BrpUnavailable("De BRP is nu niet bereikbaar. Probeer het later opnieuw.") from exc
        try:
            return status, json.loads(raw or b"null")
        except ValueError as exc:
            raise BrpInvalidAnswer(spec.SpecViolation("Het antwoord van de BRP", ["geen JSON"])) from exc

    return send


def default_transport() -> Transport:
    if settings.BRP_URL:
        return http_transport(
            settings.BRP_URL,
            api_key=settings.BRP_API_KEY,
            cert=settings.BRP_CERT,
            cert_key=settings.BRP_CERT_KEY,
            timeout=settings.BRP_TIMEOUT_SECONDS,
        )
    if settings.BRP_MOCK:
        return mock_transport
    raise ImproperlyConfigured(
        "Geen BRP ingesteld: zet STEVIG_BRP_URL, of STEVIG_BRP_MOCK=1 voor de test-BRP."
    )


# Tests may swap the transport (e.g. for one that answers something outside the specification).
_transport_override: Transport | None = None


def set_transport(transport: Transport | None) -> None:
    global _transport_override
    _transport_override = transport


def query(payload: dict[str, Any]) -> dict[str, Any]:
    """Send one question, check the answer against the specification and return it."""
    kind = payload["type"]
    try:
        spec.check(kind, payload, what="De vraag aan de BRP")  # our own question must be right too
    except spec.SpecViolation as exc:
        raise BrpRefused("Deze vraag past niet in de afspraken met de BRP.", 400) from exc
    transport = _transport_override or default_transport()
    status, answer = transport(json.dumps(payload).encode())
    if status == 401 or status == 403:
        raise BrpRefused("Stevig mag deze gegevens niet opvragen bij de BRP (geen toegang).", status)
    if 400 <= status < 500:
        raise BrpRefused("De BRP begreep de vraag niet.", status)
    if status != 200:
        raise BrpUnavailable("De BRP gaf een fout. Probeer het later opnieuw.")
    try:
        spec.check_response(kind, answer)
    except spec.SpecViolation as exc:
        raise BrpInvalidAnswer(exc) from exc
    return answer


def persons(bsns: list[str], *, fields: list[str] = FIELDS_PERSON) -> list[Person]:
    found: list[Person] = []
    unique = list(dict.fromkeys(bsns))
    for start in range(0, len(unique), MAX_BSNS):
        answer = query(
            {
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": unique[start : start + MAX_BSNS],
                "fields": fields,
            }
        )
        found.extend(_person(p) for p in answer.get("personen", []))
    return found


def person(bsn: str) -> Person | None:
    """RaadpleegMetBurgerservicenummer for one person; None when the BRP does not know the BSN."""
    found = persons([bsn])
    return found[0] if found else None


def search_name_birth(surname: str, birth_date: date, *, prefix: str = "") -> list[Person]:
    payload: dict[str, Any] = {
        "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
        "geslachtsnaam": surname,
        "geboortedatum": birth_date.isoformat(),
        "fields": FIELDS_SEARCH,
    }
    if prefix:
        payload["voorvoegsel"] = prefix
    return [_person(p) for p in query(payload).get("personen", [])]


def search_address(
    postcode: str, house_number: int, *, house_letter: str = "", addition: str = ""
) -> list[Person]:
    payload: dict[str, Any] = {
        "type": "ZoekMetPostcodeEnHuisnummer",
        "postcode": postcode.replace(" ", "").upper(),
        "huisnummer": house_number,
        "fields": FIELDS_SEARCH,
    }
    if house_letter:
        payload["huisletter"] = house_letter
    if addition:
        payload["huisnummertoevoeging"] = addition
    return [_person(p) for p in query(payload).get("personen", [])]


def persons_at_address(
    postcode: str, house_number: int, *, house_letter: str = "", addition: str = ""
) -> list[Person]:
    """Everyone living at the address, in full (relations and gezag), for a household."""
    found = search_address(postcode, house_number, house_letter=house_letter, addition=addition)
    return persons([p.bsn for p in found]) if found else []


def minors_in_gezag(bsn: str) -> list[Gezag]:
    """The minors over whom the person with `bsn` has gezag, per the BRP (empty when unknown).

    For Mijn Stevig: a parent sees a child's file only when the child is listed here. The caller writes
    the access log (purpose: the resident's own portal)."""
    found = persons([bsn], fields=FIELDS_GEZAG)
    if not found:
        return []
    return [g for g in found[0].gezag if bsn in g.holders and g.minor_bsn != bsn]
