"""What the demo municipalities look like: fixed set-up data, in one readable place.

Stevigdam (GM9901) is the demo municipality; Anderdorp (GM9902) is a small second municipality so
tenant isolation can be tried. Both CBS codes are unused by real municipalities. Everything that varies
per household (names, addresses, BSNs) is generated in `generator.py`.
"""

from dataclasses import dataclass, field
from datetime import time

from stevig.accounts.models import Role

# One password for every demo account. Documented in README.md and printed by stevig_demo_credentials.
DEMO_PASSWORD = "Stevig-demo-2026"
DEFAULT_SEED = 2026
DEFAULT_HOUSEHOLDS = 500
OTHER_MUNICIPALITY_HOUSEHOLDS = 20


@dataclass(frozen=True)
class NeighbourhoodSpec:
    code: str
    name: str
    team: str
    share: float  # part of the municipality's households that live here
    street_theme: tuple[str, ...]  # first parts of street names ("Meeuwen" + "laan")


@dataclass(frozen=True)
class OpeningSpec:
    weekday: int  # 0 = maandag
    opens: time
    closes: time
    note: str = ""


@dataclass(frozen=True)
class LocationSpec:
    name: str
    kind: str
    neighbourhood: str | None  # neighbourhood code; None for online
    team: str | None
    street: str
    house_number: str
    accessibility: str
    hours: tuple[OpeningSpec, ...]


@dataclass(frozen=True)
class StaffSpec:
    username: str
    first_name: str
    last_name: str
    role: str
    team: str | None = None
    department: str | None = None
    expertise: tuple[str, ...] = ()
    is_staff: bool = False


@dataclass(frozen=True)
class MunicipalitySpec:
    code: str
    name: str
    first_postcode: int  # four-digit postcode areas are numbered from here
    neighbourhoods: tuple[NeighbourhoodSpec, ...]
    teams: tuple[str, ...]
    departments: tuple[tuple[str, int], ...]  # (name, response term in working days)
    locations: tuple[LocationSpec, ...]
    staff: tuple[StaffSpec, ...]
    expertise: tuple[str, ...] = ("GGZ", "LVB", "verslaving", "schulden", "opvoeding", "jeugd", "ouderen")
    # (username, team or None, kind, how many households) — who is involved in which files.
    involvements: tuple[tuple[str, str, str, int], ...] = field(default=())
    # Shown on every public page and in the urgent promise (fictitious numbers from the 088 range).
    phone: str = ""
    visiting_address: str = ""


def _h(hour: int, minute: int = 0) -> time:
    return time(hour, minute)


WEEKDAYS = range(5)

STEVIGDAM = MunicipalitySpec(
    code="GM9901",
    name="Stevigdam",
    phone="088 123 45 00",
    visiting_address="Stadhuisplein 1, 7811 AA Stevigdam",
    first_postcode=7811,
    neighbourhoods=(
        NeighbourhoodSpec(
            "WK990101",
            "Noorderhaven",
            "Team Noord",
            0.36,
            (
                "Meeuwen",
                "Zwaluw",
                "Reiger",
                "Kievit",
                "Merel",
                "Lijster",
                "Havik",
                "Fuut",
                "Aalscholver",
                "Sterns",
                "Haven",
                "Dijk",
                "Kade",
                "Sluis",
                "Vissers",
                "Schippers",
                "Zeil",
                "Anker",
                "Loods",
                "Vuurtoren",
                "Duin",
                "Helm",
                "Strand",
                "Golf",
                "Baken",
                "Boei",
                "Kotter",
                "Roeiers",
                "Wad",
                "Eb",
            ),
        ),
        NeighbourhoodSpec(
            "WK990102",
            "Zuiderpark",
            "Team Zuid",
            0.40,
            (
                "Eiken",
                "Beuken",
                "Linden",
                "Kastanje",
                "Berken",
                "Esdoorn",
                "Wilgen",
                "Populieren",
                "Iepen",
                "Elzen",
                "Tulp",
                "Narcis",
                "Krokus",
                "Anjer",
                "Roos",
                "Lelie",
                "Iris",
                "Dahlia",
                "Hyacint",
                "Seringen",
                "Jasmijn",
                "Vlier",
                "Hazelaar",
                "Meidoorn",
                "Lavendel",
                "Klaver",
                "Margriet",
                "Zonnebloem",
                "Vergeet-mij-niet",
                "Madelief",
            ),
        ),
        NeighbourhoodSpec(
            "WK990103",
            "Molenwijk",
            "Team Zuid",
            0.24,
            (
                "Molen",
                "Kerk",
                "Dorps",
                "Brink",
                "Smids",
                "Bakkers",
                "Kosters",
                "Pastorie",
                "School",
                "Markt",
                "Raadhuis",
                "Gasthuis",
                "Koren",
                "Rogge",
                "Tarwe",
                "Gerst",
                "Hooi",
                "Akker",
                "Esch",
                "Hoeve",
                "Weide",
                "Vaart",
                "Brug",
                "Poort",
                "Wal",
                "Gilde",
                "Rembrandt",
                "Vermeer",
                "Mondriaan",
                "Breitner",
            ),
        ),
    ),
    teams=("Team Noord", "Team Zuid"),
    departments=(
        ("Werk & Inkomen", 10),
        ("Schuldhulpverlening", 5),
        ("Wonen", 10),
        ("Leerplicht", 5),
        ("Wmo-voorzieningen", 10),
        ("Jeugdhulp", 10),
    ),
    locations=(
        LocationSpec(
            "Basisschool De Vuurtoren",
            "school",
            "WK990101",
            "Team Noord",
            "Vuurtorenlaan",
            "4",
            "Ingang zonder drempel aan de achterkant. Het spreekuur is in het lokaal naast de ingang.",
            (
                OpeningSpec(1, _h(8, 15), _h(9, 30), "Inloop na het brengen van de kinderen"),
                OpeningSpec(3, _h(14, 30), _h(15, 30), "Inloop bij het ophalen"),
            ),
        ),
        LocationSpec(
            "Wijkcentrum De Haven",
            "buurthuis",
            "WK990101",
            "Team Noord",
            "Havenstraat",
            "21",
            "Rolstoeltoegankelijk. Toilet voor mensen met een beperking. Ringleiding in de grote zaal.",
            (
                OpeningSpec(0, _h(9), _h(12), "Inloopspreekuur"),
                OpeningSpec(2, _h(13), _h(16), "Inloopspreekuur"),
                OpeningSpec(4, _h(9), _h(12), "Op afspraak"),
            ),
        ),
        LocationSpec(
            "Huisartsenpraktijk Noorderhaven",
            "huisartsenpraktijk",
            "WK990101",
            "Team Noord",
            "Kievitweg",
            "2",
            "Gelijkvloers. Parkeerplaats voor mensen met een beperking bij de deur.",
            (OpeningSpec(1, _h(13), _h(15), "Spreekuur met de praktijkondersteuner"),),
        ),
        LocationSpec(
            "Buurthuis De Schakel",
            "buurthuis",
            "WK990102",
            "Team Zuid",
            "Eikenlaan",
            "40",
            "Rolstoeltoegankelijk met lift. Rustige spreekkamer op aanvraag. Hulphonden welkom.",
            (
                OpeningSpec(0, _h(13), _h(16), "Inloopspreekuur"),
                OpeningSpec(1, _h(9), _h(12), "Inloopspreekuur"),
                OpeningSpec(3, _h(18, 30), _h(20, 30), "Avondspreekuur"),
            ),
        ),
        LocationSpec(
            "Bibliotheek Stevigdam",
            "bibliotheek",
            "WK990103",
            "Team Zuid",
            "Marktplein",
            "1",
            "Rolstoeltoegankelijk. Hulp bij formulieren en bij de computer. Voorleespen aanwezig.",
            (
                OpeningSpec(2, _h(10), _h(12), "Taal- en formulierenspreekuur"),
                OpeningSpec(5, _h(10), _h(12), "Zaterdagspreekuur"),
            ),
        ),
        LocationSpec(
            "Gemeentehuis Stevigdam",
            "gemeentehuis",
            "WK990103",
            None,
            "Raadhuisplein",
            "1",
            "Rolstoeltoegankelijk. Ringleiding bij de balie. Gebarentolk op afspraak.",
            tuple(OpeningSpec(day, _h(9), _h(17), "Loket Toegang") for day in WEEKDAYS),
        ),
        LocationSpec(
            "Online spreekuur (beeldbellen)",
            "online",
            None,
            None,
            "",
            "",
            "Werkt op telefoon, tablet en computer. Ondertiteling mogelijk. Een tolk kan meedoen.",
            (OpeningSpec(1, _h(19), _h(21), "Avond"), OpeningSpec(3, _h(19), _h(21), "Avond")),
        ),
    ),
    staff=(
        StaffSpec("anna", "Anna", "de Wit", Role.WORKER, team="Team Noord", expertise=("opvoeding", "jeugd")),
        StaffSpec("fleur", "Fleur", "Jansen", Role.WORKER, team="Team Noord", expertise=("schulden", "GGZ")),
        StaffSpec("bram", "Bram", "Visser", Role.WORKER, team="Team Zuid", expertise=("LVB", "verslaving")),
        StaffSpec(
            "youssef", "Youssef", "Benali", Role.WORKER, team="Team Zuid", expertise=("ouderen", "GGZ")
        ),
        StaffSpec("tamara", "Tamara", "Bos", Role.TEAM_LEAD, team="Team Noord"),
        StaffSpec("ruben", "Ruben", "Schouten", Role.TEAM_LEAD, team="Team Zuid"),
        StaffSpec("carla", "Carla", "Mulder", Role.COORDINATOR, expertise=("GGZ", "jeugd")),
        StaffSpec(
            "sanne",
            "Sanne",
            "Koster",
            Role.DEPARTMENT,
            department="Schuldhulpverlening",
            expertise=("schulden",),
        ),
        StaffSpec("wim", "Wim", "Hoekstra", Role.DEPARTMENT, department="Wonen"),
        StaffSpec("lotte", "Lotte", "van Dijk", Role.POLICY),
        StaffSpec("henk", "Henk", "Smit", Role.ADMIN, is_staff=True),
        StaffSpec("priya", "Priya", "Ramdin", Role.PRIVACY),
    ),
    involvements=(
        ("anna", "Team Noord", "aanspreekpunt", 6),
        ("fleur", "Team Noord", "aanspreekpunt", 4),
        ("fleur", "Team Noord", "betrokken", 2),
        ("bram", "Team Zuid", "aanspreekpunt", 6),
        ("youssef", "Team Zuid", "aanspreekpunt", 4),
        # Involved beyond the own team: anna may open this one file of Team Zuid.
        ("anna", "Team Zuid", "betrokken", 1),
    ),
)

ANDERDORP = MunicipalitySpec(
    code="GM9902",
    name="Anderdorp",
    phone="088 123 46 00",
    visiting_address="Dorpsplein 2, 9941 AA Anderdorp",
    first_postcode=9941,
    neighbourhoods=(
        NeighbourhoodSpec(
            "WK990201",
            "Anderdorp-Centrum",
            "Team Anderdorp",
            1.0,
            ("Kerk", "Dorps", "Molen", "Esch", "Brink", "Linden", "Eiken", "Weide", "Hoeve", "Akker"),
        ),
    ),
    teams=("Team Anderdorp",),
    departments=(("Schuldhulpverlening", 10), ("Wmo-voorzieningen", 10)),
    locations=(
        LocationSpec(
            "Dorpshuis Anderdorp",
            "buurthuis",
            "WK990201",
            "Team Anderdorp",
            "Brink",
            "3",
            "Rolstoeltoegankelijk. Toilet voor mensen met een beperking.",
            (OpeningSpec(1, _h(9), _h(12), "Inloopspreekuur"),),
        ),
    ),
    staff=(
        StaffSpec("dirk", "Dirk", "Meijer", Role.WORKER, team="Team Anderdorp", expertise=("ouderen",)),
        StaffSpec("petra", "Petra", "Kok", Role.PRIVACY),
    ),
    involvements=(("dirk", "Team Anderdorp", "aanspreekpunt", 3),),
)

MUNICIPALITIES = (STEVIGDAM, ANDERDORP)
DEMO_USERNAMES = tuple(s.username for spec in MUNICIPALITIES for s in spec.staff)

STREET_SUFFIXES = (
    "straat",
    "laan",
    "weg",
    "plein",
    "hof",
    "singel",
    "dreef",
    "pad",
    "kade",
    "erf",
    "veld",
    "park",
    "hage",
    "gaarde",
    "stede",
)
