"""Serializer fields that keep the API to its schema."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

NOT_TEXT = "Geef tekst (een string), geen getal of ander type."


class StrictCharField(serializers.CharField):
    """A CharField that refuses what is not a string: DRF's CharField turns `0` into `"0"`, but the schema
    says `type: string`, so a number, boolean, list or object is a 400 under the field's name."""

    default_error_messages = {"not_text": NOT_TEXT}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_text")
        return str(super().to_internal_value(data))


@extend_schema_field(
    {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$", "example": "08:30:00"}
)
class LocalTimeField(serializers.TimeField):
    """A wall-clock time without zone (`08:30:00`, Europe/Amsterdam). OpenAPI's `format: time` is RFC 3339
    `full-time`, which requires a UTC offset; the schema documents the value as it is sent instead."""
