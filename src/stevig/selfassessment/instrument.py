"""Our own texts of the self-assessment instrument: values → 13 principles → statements.

The kader names the 13 principles; the values, explanations and statements are written for Stevig (the
official VIT texts are not public). The data migration `0002_instrument_texts` loads them; after that
they are data that functioneel beheer can edit. `load` is idempotent (it updates by code and number).
"""

from typing import Any

VALUES: list[tuple[str, str]] = [
    ("inwoner-centraal", "De inwoner staat centraal"),
    ("dichtbij-en-samen", "Dichtbij en samen"),
    ("leren", "Leren en verbeteren"),
    ("passend-en-veilig", "Passend en veilig"),
]

# number, value code, title, short name, explanation, statements
PRINCIPLES: list[tuple[int, str, str, str, str, list[str]]] = [
    (
        1,
        "inwoner-centraal",
        "Eenvoudig systeem, inwoner als uitgangspunt",
        "Eenvoudig",
        "Eén dossier en één plan per huishouden. De inwoner vertelt zijn verhaal één keer.",
        [
            "Inwoners hoeven hun verhaal maar één keer te vertellen.",
            "Wij bieden bij elk eerste contact gratis cliëntondersteuning aan en schrijven dat op.",
        ],
    ),
    (
        2,
        "inwoner-centraal",
        "Laagdrempelig",
        "Laagdrempelig",
        "Inwoners vinden ons makkelijk: online, aan de telefoon, in de wijk en via school of huisarts.",
        [
            "Inwoners kunnen ons op veel manieren bereiken, ook zonder in te loggen.",
            "Wij nemen snel contact op nadat iemand een vraag stelt.",
        ],
    ),
    (
        3,
        "dichtbij-en-samen",
        "Sociale en pedagogische basis",
        "Sociale basis",
        "Wij gebruiken eerst wat er in de buurt en in het netwerk van de inwoner al is.",
        [
            "Wij kennen de voorzieningen in de wijk en verwijzen warm door.",
            "In plannen staat wat familie, buren of vrijwilligers doen.",
        ],
    ),
    (
        4,
        "leren",
        "Patronen en systeemknelpunten",
        "Knelpunten",
        "Wat het team in de praktijk ziet, komt bij beleid. Beleid geeft antwoord.",
        [
            "Medewerkers melden knelpunten in het systeem bij beleid.",
            "Beleid geeft op elke melding een antwoord en past zo nodig beleid aan.",
        ],
    ),
    (
        5,
        "inwoner-centraal",
        "Brede blik, brede analyse",
        "Brede analyse",
        "Wij kijken naar alle leefgebieden van alle gezinsleden, maar vragen alleen wat nodig is.",
        [
            "Wij maken een brede analyse voordat wij een plan maken.",
            "Wij kijken naar alle gezinsleden, niet alleen naar de aanmelder.",
        ],
    ),
    (
        6,
        "leren",
        "Juiste houding, vaardigheden en kennis",
        "Vakmanschap",
        "Medewerkers weten wat zij kunnen en halen kennis erbij als dat nodig is.",
        [
            "Medewerkers vragen een specialist om raad als zij twijfelen.",
            "Wij bespreken moeilijke situaties samen (bijvoorbeeld in moreel beraad).",
        ],
    ),
    (
        7,
        "dichtbij-en-samen",
        "Zelf basishulp, vertrouwd aanspreekpunt",
        "Basishulp",
        "Het team helpt zelf, zonder indicatie, en elk huishouden heeft één vast aanspreekpunt.",
        [
            "Het team geeft zelf basishulp zonder indicatie.",
            "Elk huishouden weet wie zijn vaste aanspreekpunt is.",
        ],
    ),
    (
        8,
        "dichtbij-en-samen",
        "Heldere afspraken, integraal samenwerken",
        "Samenwerken",
        "Partners weten wat zij van elkaar mogen verwachten. Gegevens delen gebeurt zorgvuldig.",
        [
            "Er zijn duidelijke werkafspraken met partners.",
            "Bij elke keer dat wij gegevens delen, schrijven wij doel, grondslag en gegevens op.",
        ],
    ),
    (
        9,
        "passend-en-veilig",
        "Soepele overgangen in de levensloop",
        "Overgangen",
        "Jongeren van 16 tot 27 vallen niet tussen wal en schip als zij 18 worden.",
        [
            "Wij beginnen ruim voor de 18e verjaardag met een toekomstplan.",
            "Het toekomstplan gaat over wonen, school en werk, geld, gezondheid en steun.",
        ],
    ),
    (
        10,
        "passend-en-veilig",
        "Levenslange en levensbrede beperkingen",
        "Levenslang",
        "Wie een beperking heeft die niet overgaat, hoeft niet elk jaar opnieuw te bewijzen wat hij nodig heeft.",
        [
            "Beschikkingen bij een blijvende beperking hebben een lange looptijd.",
            "Periodiek contact is een gesprek, geen nieuwe keuring.",
        ],
    ),
    (
        11,
        "passend-en-veilig",
        "Mandaat over beleidsterreinen heen",
        "Mandaat",
        "Het team kan andere afdelingen vragen om te handelen, en die handelen op tijd.",
        [
            "Vakafdelingen handelen een mandaatverzoek af binnen de afgesproken termijn.",
            "Te late verzoeken komen bij de coördinator en worden opgelost.",
        ],
    ),
    (
        12,
        "passend-en-veilig",
        "Oog voor (on)veiligheid",
        "Veiligheid",
        "Bij zorgen over huiselijk geweld of kindermishandeling volgen wij de Meldcode tot het einde.",
        [
            "Medewerkers kennen de vijf stappen van de Meldcode.",
            "Elk veiligheidsspoor eindigt met een besluit in stap 5.",
        ],
    ),
    (
        13,
        "passend-en-veilig",
        "Passend en nodig, gezien schaarste",
        "Passend",
        "Wij geven wat past en nodig is, en leggen uit waarom.",
        [
            "Bij elke beschikking staat een reden die bij dit huishouden past.",
            "Wij gebruiken wat bekend is over wat werkt.",
        ],
    ),
]


def load(apps: Any) -> None:
    """Create or update the instrument (called from the data migration with historical models)."""
    value_model = apps.get_model("selfassessment", "Value")
    principle_model = apps.get_model("selfassessment", "Principle")
    statement_model = apps.get_model("selfassessment", "Statement")
    values = {}
    for order, (code, name) in enumerate(VALUES, start=1):
        values[code], _created = value_model.objects.update_or_create(
            code=code, defaults={"name": name, "order": order}
        )
    for number, value, title, short, explanation, statements in PRINCIPLES:
        principle, _created = principle_model.objects.update_or_create(
            number=number,
            defaults={"value": values[value], "title": title, "short": short, "explanation": explanation},
        )
        for order, text in enumerate(statements, start=1):
            statement_model.objects.update_or_create(
                principle=principle, order=order, defaults={"text": text}
            )
