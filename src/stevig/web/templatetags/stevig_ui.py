"""Template shortcuts onto the project's one form layer (`stevig.web.forms`).

`{% form_field form.x %}` is the same as `{{ form.x.as_field_group }}` (the project field template);
`{% form_errors form %}` renders the error summary (`web/forms/errors.html`)."""

from django import forms, template
from django.template.loader import render_to_string
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
