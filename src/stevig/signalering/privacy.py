"""Does a bottleneck text contain personal data? A signal goes to policy, which never sees a file, so the
description must not point to a person (AVG art. 5 lid 1 c, data minimisation).

The check looks for what most often slips into a free text: a BSN (nine digits passing the elfproef), a
date of birth (any full date), a postcode with a house number, and the names of the household the signal
was raised from. It cannot find everything; the form says so and asks the professional to check.
"""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from stdnum.nl import bsn as stdnum_bsn

_NINE_DIGITS = re.compile(r"(?<![\d])(\d[\d .]{7,12}\d)(?![\d])")
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DATE = re.compile(
    r"\b\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})\b"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    rf"|\b\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}\b",
    re.IGNORECASE,
)
_POSTCODE_AND_NUMBER = re.compile(
    r"\b[1-9]\d{3}\s?[A-Za-z]{2}\b[\s,]*(?:nr\.?\s*)?\d{1,5}\b|\b\d{1,5}[a-zA-Z]?[\s,]+[1-9]\d{3}\s?[A-Za-z]{2}\b"
)


@dataclass(frozen=True)
class Finding:
    kind: str  # bsn, geboortedatum, adres, naam
    message: str


def find_personal_data(text: str, names: Iterable[str] = ()) -> list[Finding]:
    """What in `text` looks like personal data, one finding per kind."""
    findings: list[Finding] = []
    for match in _NINE_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if len(digits) == 9 and stdnum_bsn.is_valid(digits):
            findings.append(Finding("bsn", _("Er staat een BSN in de tekst.")))
            break
    if _DATE.search(text):
        findings.append(
            Finding("geboortedatum", _("Er staat een datum in de tekst, misschien een geboortedatum."))
        )
    if _POSTCODE_AND_NUMBER.search(text):
        findings.append(Finding("adres", _("Er staat een postcode met huisnummer in de tekst.")))
    lowered = text.lower()
    for name in sorted({n.strip() for n in names if len(n.strip()) >= 3}):
        if re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", lowered):
            findings.append(Finding("naam", _("Er staat een naam uit het huishouden in de tekst.")))
            break
    return findings


def fingerprint(text: str) -> str:
    """Identifies a text the professional already was warned about (no text is stored by this)."""
    return hashlib.sha256(text.strip().encode()).hexdigest()
