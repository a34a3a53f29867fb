import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from stevig.intake.models import MAX_QUESTION_LENGTH

_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
# Dutch numbers (0, +31 or 0031 followed by nine digits) or an international number in E.164 form.
_DUTCH_PHONE = re.compile(r"^(?:0|\+31|0031)[1-9]\d{8}$")
_INTERNATIONAL_PHONE = re.compile(r"^\+[1-9]\d{7,14}$")


def normalise_phone(value: str) -> str:
    return _PHONE_SEPARATORS.sub("", value or "")


def validate_phone(value: str) -> None:
    number = normalise_phone(value)
    if number and not (_DUTCH_PHONE.match(number) or _INTERNATIONAL_PHONE.match(number)):
        raise ValidationError(
            _("Dit telefoonnummer klopt niet. Schrijf het zo: 06 12345678."), code="invalid_phone"
        )


def validate_question_text(value: str) -> None:
    if not (value or "").strip():
        raise ValidationError(_("Schrijf uw vraag op."), code="required")
    if len(value) > MAX_QUESTION_LENGTH:
        raise ValidationError(
            _("Uw vraag is te lang: %(count)s tekens. Het mogen er %(max)s zijn. Maak de tekst wat korter.")
            % {"count": len(value), "max": MAX_QUESTION_LENGTH},
            code="max_length",
        )
