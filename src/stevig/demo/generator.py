"""Plans fictitious households for the demo municipalities: pure Python, no database.

Everything here is deterministic: the same seed (and the same `today`) gives the same households,
names, BSNs, addresses and ids. Random streams are `random.Random` instances seeded with strings
(hashed with SHA-512 by Python, so independent of PYTHONHASHSEED) and a seeded Faker `nl_NL`.
Dates are drawn as "days before today", so names, BSNs and ids do not change from day to day; only
the absolute dates move along, and ages stay right for the demo (e.g. youths turning 18 soon).

BSNs come from the test range: nine digits starting with 999 that pass the elfproef. That range holds
only about 90,900 valid numbers, so in a very large demo (100,000+ households) the later residents get
no BSN; a BSN is optional in Stevig anyway.
"""

import base64
import hashlib
import math
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from string import ascii_uppercase

from faker import Faker

from stevig.demo.spec import STREET_SUFFIXES, MunicipalitySpec, NeighbourhoodSpec
from stevig.people.models import CommunicationNeed, Relation
from stevig.people.validators import search_key

BSN_SHARE = 0.8
HOUSEHOLDS_PER_POSTCODE_AREA = 4000
NUMBERS_PER_POSTCODE = 20
# Postcodes with these letters are not used in the Netherlands (see people.validators).
_FORBIDDEN_LETTERS = {"SA", "SD", "SS"}
LETTER_PAIRS = tuple(
    a + b for a in ascii_uppercase for b in ascii_uppercase if a + b not in _FORBIDDEN_LETTERS
)

# Residents with roots elsewhere: surnames, given names (female, male) and a language some speak at home.
OTHER_ORIGINS: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str], ...] = (
    (
        ("El Amrani", "Bouzid", "El Idrissi", "Ouali", "Ait Taleb", "Benali", "Azzouz", "Chaouch"),
        ("Fatima", "Nora", "Samira", "Khadija", "Imane", "Salma"),
        ("Mohamed", "Yassin", "Karim", "Bilal", "Ayoub", "Hamza"),
        "Arabisch",
    ),
    (
        ("Yilmaz", "Kaya", "Demir", "Çelik", "Şahin", "Öztürk", "Aydin", "Arslan"),
        ("Elif", "Zeynep", "Ayşe", "Esra", "Merve", "Büşra"),
        ("Emre", "Mehmet", "Mustafa", "Burak", "Kerem", "Yusuf"),
        "Turks",
    ),
    (
        ("Sital", "Ramdin", "Kromodimedjo", "Pinas", "Bhagwandin", "Wongsodikromo", "Mangal"),
        ("Anjali", "Shanti", "Priscilla", "Sharmila", "Rowena"),
        ("Rishi", "Ravi", "Dennis", "Sunil", "Glenn"),
        "Sranantongo",
    ),
    (
        ("Nowak", "Wójcik", "Kamiński", "Lewandowski", "Zieliński"),
        ("Agnieszka", "Katarzyna", "Magdalena", "Zofia"),
        ("Piotr", "Tomasz", "Krzysztof", "Jakub"),
        "Pools",
    ),
    (
        ("Al-Hassan", "Haddad", "Khalil", "Darwish", "Mansour"),
        ("Rania", "Lina", "Hiba", "Noor", "Yara"),
        ("Omar", "Ahmad", "Khaled", "Rami", "Tarek"),
        "Arabisch",
    ),
    (
        ("Tesfay", "Ghebremedhin", "Haile", "Kidane", "Berhane"),
        ("Senait", "Helen", "Saba", "Luwam"),
        ("Yonas", "Dawit", "Samuel", "Filmon"),
        "Tigrinya",
    ),
)
OTHER_ORIGIN_SHARE = 0.18


@dataclass
class MemberDraft:
    id: uuid.UUID
    membership_id: uuid.UUID
    given_names: str
    prefix: str
    surname: str
    date_of_birth: date
    relation: str
    start_date: date
    end_date: date | None = None
    bsn: str = ""
    email: str = ""
    preferred_language: str = "Nederlands"
    communication_needs: list[str] = field(default_factory=list)

    @property
    def surname_key(self) -> str:
        return search_key(self.surname)

    @property
    def given_key(self) -> str:
        return search_key(self.given_names)


@dataclass
class HouseholdDraft:
    id: uuid.UUID
    neighbourhood_code: str
    street: str
    house_number: int
    house_number_addition: str
    postcode: str
    city: str
    members: list[MemberDraft]
    escalated_days_ago: int | None = None


@dataclass(frozen=True)
class Address:
    street: str
    house_number: int
    addition: str
    postcode: str


def seeded_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def rng_for(seed: int, *parts: str) -> random.Random:
    return random.Random(":".join(["stevig-demo", str(seed), *parts]))


@lru_cache(maxsize=1)
def valid_test_bsns() -> tuple[str, ...]:
    """All BSNs of the form 999xxxxxx that pass the elfproef, in ascending order (about 90,900).

    Elfproef: 9*d1 + 8*d2 + ... + 2*d8 - d9 is divisible by 11, so the check digit d9 is the weighted
    sum modulo 11, and numbers whose sum leaves 10 do not exist.
    """
    head = 9 * 9 + 8 * 9 + 7 * 9  # the digits 9, 9, 9
    result = []
    for a in range(10):
        sa = head + 6 * a
        for b in range(10):
            sb = sa + 5 * b
            for c in range(10):
                sc = sb + 4 * c
                for d in range(10):
                    sd = sc + 3 * d
                    prefix = f"999{a}{b}{c}{d}"
                    for e in range(10):
                        check = (sd + 2 * e) % 11
                        if check < 10:
                            result.append(f"{prefix}{e}{check}")
    return tuple(result)


def bsn_pool(seed: int, code: str, reserve_for_others: int = 600) -> list[str]:
    """The shuffled test BSNs one demo municipality draws from, never overlapping the other's.

    The first municipality (GM9901) takes the front of the shuffled list, the small one (GM9902) a
    reserved slice at the end, so a resident never has a BSN that someone in the other municipality has.
    """
    pool = list(valid_test_bsns())
    random.Random(f"stevig-demo:{seed}:bsn").shuffle(pool)
    if code == "GM9901":
        return pool[:-reserve_for_others]
    return pool[-reserve_for_others:]


def postcode_area_count(households: int) -> int:
    return max(2, math.ceil(households / HOUSEHOLDS_PER_POSTCODE_AREA))


def split_households(spec: MunicipalitySpec, households: int) -> dict[str, int]:
    """How many households live in each neighbourhood (shares from the spec, remainder to the last)."""
    counts: dict[str, int] = {}
    left = households
    for hood in spec.neighbourhoods[:-1]:
        counts[hood.code] = min(left, round(households * hood.share))
        left -= counts[hood.code]
    counts[spec.neighbourhoods[-1].code] = left
    return counts


def plan_postcode_areas(spec: MunicipalitySpec, households: int) -> dict[str, list[str]]:
    """Four-digit postcodes per neighbourhood code, numbered from the spec's first postcode."""
    number = spec.first_postcode
    areas: dict[str, list[str]] = {}
    for hood in spec.neighbourhoods:
        count = postcode_area_count(split_households(spec, households)[hood.code])
        areas[hood.code] = [str(number + i) for i in range(count)]
        number += count
    return areas


def _street_names(rng: random.Random, hood: NeighbourhoodSpec) -> Iterator[str]:
    names = [base + suffix for base in hood.street_theme for suffix in STREET_SUFFIXES]
    rng.shuffle(names)
    yield from names
    for prefix in ("Nieuwe", "Oude", "Korte", "Lange"):
        yield from (f"{prefix} {name}" for name in names)
    n = 2
    while True:  # absurdly large demos: numbered streets
        yield from (f"{name} {n}" for name in names)
        n += 1


def addresses(rng: random.Random, hood: NeighbourhoodSpec, areas: list[str]) -> Iterator[Address]:
    """Endless addresses in one neighbourhood: street by street, some buildings with flats.

    Every block of 20 house numbers of a street gets its own postcode; the blocks are dealt over the
    neighbourhood's postcode areas, so postcode + house number (+ addition) is unique.
    """
    block = 0
    for street in _street_names(rng, hood):
        length = rng.randint(12, 120)
        for number in range(1, length + 1):
            if (number - 1) % NUMBERS_PER_POSTCODE == 0:
                digits = areas[block % len(areas)]
                letters = LETTER_PAIRS[(block // len(areas)) % len(LETTER_PAIRS)]
                postcode = f"{digits} {letters}"
                block += 1
            if rng.random() < 0.08:  # a building with flats
                for unit in ("A", "B", "C", "D")[: rng.randint(2, 4)]:
                    yield Address(street, number, unit, postcode)
            else:
                yield Address(street, number, "", postcode)


def split_surname(full: str) -> tuple[str, str]:
    """'van der Ploeg' -> ('van der', 'Ploeg'); tussenvoegsels are the leading lower-case words."""
    words = full.split()
    prefix: list[str] = []
    while len(words) > 1 and next((c for c in words[0] if c.isalpha()), "A").islower():
        prefix.append(words.pop(0))
    return " ".join(prefix), " ".join(words)


@dataclass
class _Family:
    """Naming for one household: where the names come from."""

    other: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str] | None


class HouseholdPlanner:
    """Draws households for one municipality. Use `households(count)`; it is a generator."""

    def __init__(self, spec: MunicipalitySpec, *, seed: int, today: date, total: int) -> None:
        self.spec = spec
        self.today = today
        self.total = total
        self.rng = rng_for(seed, spec.code, "households")
        self.ids = rng_for(seed, spec.code, "ids")
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(f"stevig-demo:{seed}:{spec.code}:names")
        self.bsns = iter(bsn_pool(seed, spec.code))
        self.bsn_exhausted = False
        self.areas = plan_postcode_areas(spec, total)
        self.emails: set[str] = set()
        self.household_names: set[str] = set()

    # -- names ---------------------------------------------------------------------------------------
    def _surname(self, family: _Family) -> tuple[str, str]:
        if family.other:
            return "", self.rng.choice(family.other[0])
        return split_surname(self.fake.last_name())

    def _first_name(self, family: _Family, female: bool) -> str:
        if family.other:
            return self.rng.choice(family.other[1] if female else family.other[2])
        return self.fake.first_name_female() if female else self.fake.first_name_male()

    def _given(self, family: _Family, female: bool, *, adult: bool) -> str:
        first = self._first_name(family, female)
        for _ in range(4):  # no two members of one household with the same first name
            if first not in self.household_names:
                break
            first = self._first_name(family, female)
        self.household_names.add(first)
        if not family.other and adult and self.rng.random() < 0.3:  # more than one given name
            second = self._first_name(family, female)
            if second != first:
                return f"{first} {second}"
        return first

    def _bsn(self) -> str:
        if self.rng.random() >= BSN_SHARE:
            return ""
        value = next(self.bsns, "")
        if not value:
            self.bsn_exhausted = True
        return value

    # -- people --------------------------------------------------------------------------------------
    def _member(
        self,
        family: _Family,
        *,
        age_days: int,
        female: bool,
        relation: str,
        start_days_ago: int,
        surname: tuple[str, str],
        end_days_ago: int | None = None,
    ) -> MemberDraft:
        adult = age_days >= 18 * 365
        birth = self.today - timedelta(days=age_days)
        start = max(self.today - timedelta(days=start_days_ago), birth)
        given = self._given(family, female, adult=adult)
        member = MemberDraft(
            id=seeded_uuid(self.ids),
            membership_id=seeded_uuid(self.ids),
            given_names=given,
            prefix=surname[0],
            surname=surname[1],
            date_of_birth=birth,
            relation=relation,
            start_date=start,
            end_date=(
                max(self.today - timedelta(days=end_days_ago), start) if end_days_ago is not None else None
            ),
            bsn=self._bsn(),
        )
        if adult:
            self._contact_details(member, family, age_days)
        return member

    def _contact_details(self, member: MemberDraft, family: _Family, age_days: int) -> None:
        rng = self.rng
        if rng.random() < 0.4:
            local = "".join(
                ch
                for ch in f"{search_key(member.given_names.split()[0])}.{member.surname_key}"
                if ch.isalnum() or ch == "."
            )
            email = f"{local}@example.org"
            n = 2
            while email in self.emails:
                email = f"{local}{n}@example.org"
                n += 1
            self.emails.add(email)
            member.email = email
        needs: list[str] = []
        if family.other and rng.random() < 0.25:
            member.preferred_language = family.other[3]
            needs.append(CommunicationNeed.INTERPRETER)
        old = age_days >= 75 * 365
        if rng.random() < (0.15 if old else 0.02):
            needs.append(
                rng.choice([CommunicationNeed.HEARING_IMPAIRED, CommunicationNeed.VISUALLY_IMPAIRED])
            )
        if rng.random() < 0.05:
            needs.append(rng.choice([CommunicationNeed.PLAIN_LANGUAGE, CommunicationNeed.LOW_LITERACY]))
        member.communication_needs = [str(n) for n in dict.fromkeys(needs)]

    def _years(self, low: int, high: int) -> int:
        """An age in days between `low` and `high` years."""
        return self.rng.randint(low * 365, high * 365 + 364)

    def _children(
        self, family: _Family, count: int, youngest_parent_days: int, surname: tuple[str, str], formed: int
    ) -> list[MemberDraft]:
        oldest_possible = max(0, youngest_parent_days - 19 * 365)
        children = []
        for _ in range(count):
            age = self.rng.randint(30, min(oldest_possible, 22 * 365) or 30)
            children.append(
                self._member(
                    family,
                    age_days=age,
                    female=self.rng.random() < 0.5,
                    relation=Relation.CHILD,
                    start_days_ago=formed,
                    surname=surname,
                )
            )
        return children

    def _members(self) -> list[MemberDraft]:
        rng = self.rng
        self.household_names = set()
        origin = rng.choice(OTHER_ORIGINS) if rng.random() < OTHER_ORIGIN_SHARE else None
        family = _Family(origin)
        kind = rng.choices(
            ("single", "couple", "family", "single_parent", "three_generations", "house_share"),
            weights=(33, 25, 25, 9, 4, 4),
        )[0]
        surname = self._surname(family)
        members: list[MemberDraft] = []
        if kind == "single":
            age = self._years(19, 94)
            formed = rng.randint(30, age - 18 * 365)
            members.append(
                self._member(
                    family,
                    age_days=age,
                    female=rng.random() < 0.55,
                    relation=Relation.OTHER,
                    start_days_ago=formed,
                    surname=surname,
                )
            )
        elif kind == "couple":
            age = self._years(21, 90)
            partner_age = max(19 * 365, age + rng.randint(-6 * 365, 6 * 365))
            formed = rng.randint(30, min(age, partner_age) - 18 * 365)
            female = rng.random() < 0.5
            members.append(
                self._member(
                    family,
                    age_days=age,
                    female=female,
                    relation=Relation.PARTNER,
                    start_days_ago=formed,
                    surname=surname,
                )
            )
            partner_female = (not female) if rng.random() < 0.93 else female
            partner_surname = surname if rng.random() < 0.4 else self._surname(family)
            members.append(
                self._member(
                    family,
                    age_days=partner_age,
                    female=partner_female,
                    relation=Relation.PARTNER,
                    start_days_ago=formed,
                    surname=partner_surname,
                )
            )
        elif kind in ("family", "three_generations", "single_parent"):
            age = self._years(24, 55)
            formed = rng.randint(30, age - 19 * 365)
            female = rng.random() < (0.85 if kind == "single_parent" else 0.5)
            members.append(
                self._member(
                    family,
                    age_days=age,
                    female=female,
                    relation=Relation.PARENT,
                    start_days_ago=formed,
                    surname=surname,
                )
            )
            youngest = age
            if kind != "single_parent":
                partner_age = max(21 * 365, age + rng.randint(-5 * 365, 5 * 365))
                youngest = min(age, partner_age)
                partner_surname = surname if rng.random() < 0.5 else self._surname(family)
                members.append(
                    self._member(
                        family,
                        age_days=partner_age,
                        female=not female,
                        relation=Relation.PARENT,
                        start_days_ago=formed,
                        surname=partner_surname,
                    )
                )
            max_children = {"family": 4, "single_parent": 3, "three_generations": 3}[kind]
            weights = (40, 38, 15, 7)[:max_children]
            count = rng.choices(range(1, max_children + 1), weights=weights)[0]
            members.extend(self._children(family, count, youngest, surname, formed))
            if kind == "three_generations":
                grandparent = self._years(max(65, age // 365 + 20), 95)
                members.append(
                    self._member(
                        family,
                        age_days=grandparent,
                        female=rng.random() < 0.6,
                        relation=Relation.OTHER,
                        start_days_ago=rng.randint(30, formed),
                        surname=self._surname(family),
                    )
                )
            elif kind == "family" and rng.random() < 0.05 and age > 45 * 365:
                # An adult child who moved out: a past member (history of the household file).
                moved_out = rng.randint(60, 1500)
                members.append(
                    self._member(
                        family,
                        age_days=rng.randint(19 * 365, 25 * 365),
                        female=rng.random() < 0.5,
                        relation=Relation.CHILD,
                        start_days_ago=formed,
                        surname=surname,
                        end_days_ago=moved_out,
                    )
                )
        else:  # house share: young adults, unrelated
            formed = rng.randint(30, 700)
            for _ in range(rng.randint(2, 3)):
                members.append(
                    self._member(
                        family,
                        age_days=self._years(19, 29),
                        female=rng.random() < 0.5,
                        relation=Relation.OTHER,
                        start_days_ago=formed,
                        surname=self._surname(family),
                    )
                )
        return members

    def households(self) -> Iterator[HouseholdDraft]:
        """All households, neighbourhood by neighbourhood."""
        counts = split_households(self.spec, self.total)
        for hood in self.spec.neighbourhoods:
            street_rng = rng_for(self.rng.getrandbits(64), self.spec.code, hood.code, "streets")
            places = addresses(street_rng, hood, self.areas[hood.code])
            for _ in range(counts[hood.code]):
                address = next(places)
                escalated = self.rng.randint(1, 40) if self.rng.random() < 0.015 else None
                yield HouseholdDraft(
                    id=seeded_uuid(self.ids),
                    neighbourhood_code=hood.code,
                    street=address.street,
                    house_number=address.house_number,
                    house_number_addition=address.addition,
                    postcode=address.postcode,
                    city=self.spec.name,
                    members=self._members(),
                    escalated_days_ago=escalated,
                )


def totp_key(seed: int, username: str) -> str:
    """The hex TOTP key of a demo user: derived from seed and username, so the demo can be documented."""
    return hashlib.sha256(f"stevig-demo:{seed}:totp:{username}".encode()).digest()[:20].hex()


def backup_codes(seed: int, username: str, count: int = 10) -> list[str]:
    """Ten static backup codes per demo user, derived like the TOTP key."""
    codes = []
    for i in range(count):
        digest = hashlib.sha256(f"stevig-demo:{seed}:backup:{username}:{i}".encode()).digest()
        codes.append(base64.b32encode(digest[:5]).decode().lower())
    return codes
