"""Password strength: zxcvbn estimates how many guesses a password takes, with its offline frequency lists
of passwords from public breaches and common words, names and patterns (repeats, years, keyboard rows).
Stevig adds Dutch words people use in passwords and the user's own name, so 'wachtwoord12' or
'welkomwelkom' are refused like 'password12'. Nothing is sent over the network."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from zxcvbn import zxcvbn

# Dutch words that are common in (breached) passwords but not in zxcvbn's English lists.
DUTCH_WORDS = [
    "wachtwoord", "welkom", "geheim", "hallo", "stevig", "gemeente", "wijkteam", "sociaal", "toegang",
    "zomer", "winter", "lente", "herfst", "voorjaar", "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december", "maandag", "dinsdag", "woensdag",
    "donderdag", "vrijdag", "zaterdag", "zondag", "nederland", "holland", "amsterdam", "rotterdam", "utrecht",
    "ajax", "feyenoord", "oranje", "liefde", "schatje", "konijn", "voetbal", "wachten", "inloggen", "werk",
]  # fmt: skip

MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable", about 10^8 guesses or more


class GuessablePasswordValidator:
    def validate(self, password: str, user: Any = None) -> None:
        own = [getattr(user, name, "") or "" for name in ("username", "first_name", "last_name", "email")]
        result = zxcvbn(password[:100], user_inputs=[*DUTCH_WORDS, *(v for v in own if v)])
        if result["score"] < MIN_SCORE:
            raise ValidationError(
                _(
                    "Dit wachtwoord is te makkelijk te raden: het lijkt op een veelgebruikt of uitgelekt "
                    "wachtwoord. Kies een zin van drie of vier losse woorden."
                ),
                code="password_guessable",
            )

    def get_help_text(self) -> str:
        return _(
            "Geen wachtwoord dat veel mensen gebruiken of dat is uitgelekt. Kies bijvoorbeeld vier losse woorden."
        )
