"""Request body parsing for the API: bad bodies get a 400, never a 500.

Python's JSON decoder recurses per nesting level, so a body of a few kilobytes of `[[[[...` blew the stack
(RecursionError, HTTP 500), also anonymously on the public question endpoint. No Stevig request needs
more than a handful of levels; deeper documents are refused before a serializer sees them.
"""

import codecs
import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_JSON_DEPTH = 20


def json_depth(value: Any) -> int:
    """Nesting depth of a decoded JSON value, counted without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in item)
    return deepest


class StrictJSONParser(JSONParser):
    """UTF-8 JSON with at most MAX_JSON_DEPTH levels; NaN/Infinity, invalid UTF-8 and overlong numbers
    are a 400 with a Dutch message."""

    def parse(
        self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> Any:
        raw = stream.read() if stream is not None else b""
        try:
            text = codecs.decode(raw, settings.DEFAULT_CHARSET)
        except UnicodeDecodeError as exc:
            raise ParseError("De inhoud is geen geldige UTF-8-tekst.") from exc
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except RecursionError as exc:
            raise ParseError(f"De JSON is te diep genest (maximaal {MAX_JSON_DEPTH} niveaus).") from exc
        except ValueError as exc:
            raise ParseError(f"De inhoud is geen geldige JSON: {exc}") from exc
        if json_depth(data) > MAX_JSON_DEPTH:
            raise ParseError(f"De JSON is te diep genest (maximaal {MAX_JSON_DEPTH} niveaus).")
        return data


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is geen geldig JSON-getal")
