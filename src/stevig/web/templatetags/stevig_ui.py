"""Template helpers for NL Design System (Utrecht) forms: one label, help text and error per field,
linked to the input with `aria-describedby`."""

from typing import Any

from django import forms, template

register = template.Library()


def _widget_class(field: forms.BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.Textarea):
        return "utrecht-textarea utrecht-textarea--html-textarea"
    if isinstance(widget, forms.Select):
        return "utrecht-select utrecht-select--html-select"
    if isinstance(widget, forms.CheckboxInput):
        return "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
    if isinstance(widget, forms.PasswordInput):
        return "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--password"
    return "utrecht-textbox utrecht-textbox--html-input"


@register.inclusion_tag("web/includes/form_field.html")
def form_field(field: forms.BoundField) -> dict[str, Any]:
    """Render one field: label, description, error message and the input."""
    help_id = f"{field.auto_id}-uitleg" if field.help_text else ""
    error_id = f"{field.auto_id}-fout" if field.errors else ""
    attrs: dict[str, Any] = {
        "class": _widget_class(field) + (" utrecht-textbox--invalid" if field.errors else "")
    }
    described_by = " ".join(part for part in (error_id, help_id) if part)
    if described_by:
        attrs["aria-describedby"] = described_by
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required:
        attrs["aria-required"] = "true"
    return {
        "field": field,
        "widget": field.as_widget(attrs=attrs),
        "help_id": help_id,
        "error_id": error_id,
    }


@register.inclusion_tag("web/includes/form_errors.html")
def form_errors(form: forms.Form) -> dict[str, Any]:
    """Errors that belong to the whole form (not to one field), in an alert."""
    return {"errors": form.non_field_errors()}
