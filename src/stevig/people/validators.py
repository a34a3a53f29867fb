import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.nl import bsn as stdnum_bsn

POSTCODE_RE = re.compile(r"^([1-9][0-9]{3})\s?([A-Za-z]{2})$")


def normalise_bsn(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "")


def validate_bsn(value: str) -> None:
    if value and not stdnum_bsn.is_valid(normalise_bsn(value)):
        raise ValidationError(_("Dit BSN klopt niet."), code="invalid_bsn")


def normalise_postcode(value: str) -> str:
    """'1234ab' and '1234 AB' both become '1234 AB'."""
    match = POSTCODE_RE.match((value or "").strip())
    if not match:
        return (value or "").strip().upper()
    digits, letters = match.groups()
    return f"{digits} {letters.upper()}"


def validate_postcode(value: str) -> None:
    match = POSTCODE_RE.match((value or "").strip())
    if not match or match.group(2).upper() in {"SA", "SD", "SS"}:
        raise ValidationError(_("Vul een postcode in zoals 1234 AB."), code="invalid_postcode")


def validate_not_in_future(value) -> None:  # type: ignore[no-untyped-def]
    if value and value > timezone.localdate():
        raise ValidationError(_("Deze datum ligt in de toekomst."), code="future_date")


def search_key(value: str) -> str:
    """Lower case without accents, so 'Çelik' is found by 'celik' and 'de Vries' by 'vries'."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().strip()
