"""Template shortcuts onto the project's one form layer (`stevig.web.forms`).

`{% form_field form.x %}` is the same as `{{ form.x.as_field_group }}` (the project field template);
`{% form_errors form %}` renders the error summary (`web/forms/errors.html`); `|datum` and `|datum_tijd`
are the one date format of the UI."""

import datetime as dt
from typing import Any

from django import forms, template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def form_field(field: forms.BoundField) -> SafeString:
    """One field through the project's field template."""
    return field.as_field_group()


@register.simple_tag
def form_errors(form: forms.Form) -> str:
    """The error summary of a form: every error, each a link to its field."""
    return render_to_string("web/forms/errors.html", {"form": form})


# --- One date format across the UI ------------------------------------------------------------------------
# Dates read as Dutch words, "2 maart 2026"; a moment adds the time, "2 maart 2026, 14:05". Moments are
# shown in Amsterdam time. `{{ value|datum }}`, `{{ value|datum:"weekdag" }}` ("maandag 2 maart 2026"),
# `{{ value|datum_tijd }}`, `{{ value|datum_tijd:"seconden" }}` (the access log). These filters are
# built in (settings TEMPLATES builtins): no `{% load %}` needed. A test keeps `|date:` out of templates.

DATE_FORMAT = "j F Y"
WEEKDAY_DATE_FORMAT = "l j F Y"


def _as_local_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    return value


@register.filter
def datum(value: Any, variant: str = "") -> str:
    """A date (or the date of a moment) in the project's one format."""
    if value in (None, ""):
        return ""
    value = _as_local_date(value)
    return date_format(value, WEEKDAY_DATE_FORMAT if variant == "weekdag" else DATE_FORMAT)


@register.filter
def datum_tijd(value: Any, variant: str = "") -> str:
    """A moment: the date in the project's one format and the Amsterdam time."""
    if value in (None, ""):
        return ""
    value = _as_local_date(value)
    time_format = "H:i:s" if variant == "seconden" else "H:i"
    return f"{date_format(value, DATE_FORMAT)}, {date_format(value, time_format)}"
