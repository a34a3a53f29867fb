"""The one form layer of Stevig: every form in every app renders and behaves the same way.

* `FormRenderer` (settings `FORM_RENDERER`) renders every field with one template,
  `web/forms/field.html` (label with "(niet verplicht)", help text, error, input; radio and checkbox
  groups in a fieldset with legend, the control left of its label), and every form with
  `web/forms/form.html`. No app keeps its own field template.
* `StevigBoundField` puts the NL Design System (Utrecht) classes on every widget, marks invalid inputs
  only after a submit (`aria-invalid`, the `--invalid` modifier) and replaces the browser's `required`
  check with `aria-required`, so the server's Dutch messages and the error summary always show (the
  browser's own bubbles skip the summary and colour empty fields red before anyone typed).
* `StevigForm` is the one base form: a specific Dutch message per field instead of "Dit veld is
  vereist.", one date format, and `add_service_errors` to show a service's `ValidationError` at its field.
* `submit(...)` is the one way a view saves a form: validate, call the service, map business errors to
  fields and a `VersionConflict` to HTTP 409 with everything typed kept. `form_status(request)` gives the
  status to render with; the page title then starts with "Fout:" and the error summary
  (`web/forms/errors.html`) gets the focus (GOV.UK / NL Design System error pattern).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from stevig.core.errors import VersionConflict

T = TypeVar("T")

#: Dates are typed and shown as day-month-year; the date picker sends ISO, both are accepted.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y"]
DATE_ERROR = _("Vul een datum in zoals 17-05-2026.")
CONFLICT_MESSAGE = _(
    "Iemand anders heeft dit intussen gewijzigd. Wat u typte staat er nog. Kijk of het nog klopt en "
    "sla opnieuw op."
)
#: Generic "required" messages that the base form replaces with a message naming the field.
_GENERIC_REQUIRED = {
    str(forms.Field.default_error_messages["required"]),
    "This field is required.",
    "Dit veld is vereist.",
    "Vul dit veld in.",
}


def widget_class(widget: forms.Widget) -> str:
    """The Utrecht component classes for a Django widget."""
    if isinstance(widget, forms.CheckboxSelectMultiple):  # a subclass of RadioSelect: check it first
        return "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
    if isinstance(widget, forms.RadioSelect):
        return "utrecht-radio-button utrecht-radio-button--html-input"
    if isinstance(widget, forms.CheckboxInput):
        return "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
    if isinstance(widget, forms.Select):
        return "utrecht-select utrecht-select--html-select"
    if isinstance(widget, forms.Textarea):
        return "utrecht-textarea utrecht-textarea--html-textarea"
    if isinstance(widget, forms.HiddenInput | forms.MultipleHiddenInput | forms.FileInput):
        return ""
    return "utrecht-textbox utrecht-textbox--html-input"


class StevigBoundField(BoundField):
    """Utrecht classes and ARIA state on every widget, whatever form class it belongs to."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        widget = widget or self.field.widget
        attrs = super().build_widget_attrs(attrs, widget)
        if attrs.pop("required", False) and not isinstance(widget, forms.CheckboxSelectMultiple):
            attrs["aria-required"] = "true"
        base = widget_class(widget)
        if base:
            own = str(attrs.get("class") or widget.attrs.get("class", ""))
            classes = [c for c in base.split() if c not in own.split()] + own.split()
            block = base.split()[0]
            if self.errors and block in ("utrecht-textbox", "utrecht-textarea", "utrecht-select"):
                classes.append(f"{block}--invalid")
            attrs["class"] = " ".join(classes)
        return attrs

    @property
    def is_checkbox(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxInput)

    @property
    def is_radio(self) -> bool:
        widget = self.field.widget
        return isinstance(widget, forms.RadioSelect) and not isinstance(widget, forms.CheckboxSelectMultiple)

    @property
    def error_anchor(self) -> str:
        """The id the error summary links to: the input, or the first option of a group."""
        return f"{self.auto_id}_0" if self.use_fieldset else str(self.id_for_label)


class FormRenderer(DjangoTemplates):
    """The project's form renderer (settings `FORM_RENDERER`)."""

    form_template_name = "web/forms/form.html"
    field_template_name = "web/forms/field.html"
    bound_field_class = StevigBoundField


def required_message(field: forms.Field, label: str) -> str:
    """A message that names the field and says what to do (B1), such as: Vul (quote)Achternaam(quote) in."""
    quoted = f"\N{LEFT DOUBLE QUOTATION MARK}{label}\N{RIGHT DOUBLE QUOTATION MARK}"
    if isinstance(field.widget, forms.CheckboxInput):
        return str(_("Vink %(label)s aan.") % {"label": quoted})
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField) or isinstance(
        field.widget, forms.Select | forms.RadioSelect
    ):
        return str(_("Kies een antwoord bij %(label)s.") % {"label": quoted})
    if isinstance(field, forms.DateField):
        return str(_("Vul %(label)s in, zoals 17-05-2026.") % {"label": quoted})
    return str(_("Vul %(label)s in.") % {"label": quoted})


class StevigForm(forms.Form):
    """The one base form: specific Dutch messages, one date format, service errors at their field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            label = str(field.label or name).rstrip("?:. ")
            if str(field.error_messages.get("required", "")) in _GENERIC_REQUIRED:
                field.error_messages["required"] = required_message(field, label)
            if isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField):
                field.input_formats = list(dict.fromkeys([*DATE_INPUT_FORMATS, *field.input_formats]))
                field.error_messages["invalid"] = DATE_ERROR
                if isinstance(field.widget, forms.DateInput) and field.widget.input_type == "text":
                    field.widget = DateInput(attrs=field.widget.attrs)

    def add_service_errors(self, exc: ValidationError, field_map: dict[str, str] | None = None) -> None:
        """Show a service's `ValidationError` at the matching field, or above the form."""
        field_map = field_map or {}
        if not hasattr(exc, "error_dict"):
            for message in exc.messages:
                self.add_error(None, message)
            return
        for key, errors in exc.error_dict.items():
            target = field_map.get(key, key)
            messages = [m for error in errors for m in error.messages]
            self.add_error(target if target in self.fields else None, messages)

    # Older names of the same thing in the apps.
    apply_service_errors = add_service_errors

    def style_widgets(self) -> None:
        """Kept for older callers: the project renderer styles every widget by itself."""


class DateInput(forms.DateInput):
    """The browser's date picker; the value goes out as ISO, which it needs."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    """A date field with the project's one date format."""
    return forms.DateField(
        label=label, required=required, input_formats=DATE_INPUT_FORMATS, widget=DateInput(), **kwargs
    )


@dataclass
class Submission(Generic[T]):
    """What `submit` did: `ok` with the service's result, or the form now carries the errors."""

    ok: bool
    result: T | None = None
    conflict: bool = False


def submit(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[dict[str, Any]], T],
    *,
    current_version: Callable[[], int] | None = None,
    field_map: dict[str, str] | None = None,
    conflict_message: Any = CONFLICT_MESSAGE,
) -> Submission[T]:
    """Validate `form`, then run `action(cleaned_data)` (one service call).

    A `ValidationError` from the service goes to its field; a `VersionConflict` keeps every typed
    value, adds the conflict message and, when `current_version` is given, puts the stored version in
    the form so that saving again is a conscious choice. On failure the request is marked so that
    `form_status` answers 400 or 409 and the page title starts with "Fout:"."""
    if not form.is_valid():
        _mark(request, conflict=False)
        return Submission(ok=False)
    try:
        result = action(form.cleaned_data)
    except VersionConflict:
        form.add_error(None, str(conflict_message))
        if current_version is not None:
            stamp_version(form, current_version())
        _mark(request, conflict=True)
        return Submission(ok=False, conflict=True)
    except ValidationError as exc:
        if isinstance(form, StevigForm):
            form.add_service_errors(exc, field_map)
        else:
            form.add_error(None, exc)
        _mark(request, conflict=False)
        return Submission(ok=False)
    return Submission(ok=True, result=result)


def stamp_version(form: forms.Form, version: int) -> None:
    """After a conflict: keep every typed value but put the stored version in the form, so that saving
    again is a conscious choice. For views that read the stored object only after `submit` (through the
    scoped access layer) and so cannot pass `current_version`."""
    if "version" in form.fields:
        data = form.data.copy()  # type: ignore[attr-defined]
        data[form.add_prefix("version")] = str(version)
        form.data = data


def _mark(request: HttpRequest, *, conflict: bool) -> None:
    request.form_has_errors = True  # type: ignore[attr-defined]
    if conflict:
        request.form_conflict = True  # type: ignore[attr-defined]


def mark_errors(request: HttpRequest, *, conflict: bool = False) -> None:
    """For views that validate without `submit`: the page shows "Fout:" and answers 400 (or 409)."""
    _mark(request, conflict=conflict)


def form_status(request: HttpRequest, *forms_: forms.Form | None) -> int:
    """409 after a version conflict, 400 when a submitted form has errors, else 200."""
    if getattr(request, "form_conflict", False):
        return 409
    if getattr(request, "form_has_errors", False) or any(f is not None and f.errors for f in forms_):
        return 400
    return 200
