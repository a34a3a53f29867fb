"""Forms for the analysis pages, and a small accessible-form base that the plans and social-map
pages reuse: NL Design System classes on every widget, and field errors linked with aria-describedby."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stevig.analysis.models import CHILD_DOMAINS, DOMAIN_DESCRIPTIONS, Domain, Score
from stevig.people.models import HouseholdMembership

WIDGET_CLASSES = {
    "textinput": "utrecht-textbox utrecht-textbox--html-input",
    "emailinput": "utrecht-textbox utrecht-textbox--html-input",
    "urlinput": "utrecht-textbox utrecht-textbox--html-input",
    "numberinput": "utrecht-textbox utrecht-textbox--html-input",
    "dateinput": "utrecht-textbox utrecht-textbox--html-input",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "checkboxinput": "utrecht-checkbox utrecht-checkbox--html-input",
    "checkboxselectmultiple": "utrecht-checkbox utrecht-checkbox--html-input",
    "radioselect": "utrecht-radio-button utrecht-radio-button--html-input",
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class AccessibleForm(forms.Form):
    """A form whose widgets carry Utrecht classes and point at their error text when invalid.

    Use it with the template `analysis/_field.html`, which renders the error with id `<id>-fout`.
    Errors that a service raises later (`add_error`) are linked the same way."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = WIDGET_CLASSES.get(field.widget.__class__.__name__.lower())
            if css:
                field.widget.attrs.setdefault("class", css)

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        self._link_errors()

    def _link_errors(self) -> None:
        for name in getattr(self, "_errors", None) or {}:
            if name not in self.fields:
                continue
            bound = self[name]
            ids = [f"{bound.auto_id}-fout"]
            if self.fields[name].help_text:
                ids.append(f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)
            self.fields[name].widget.attrs["aria-invalid"] = "true"

    def apply_service_errors(self, exc: ValidationError) -> None:
        """Show a service's ValidationError on the form: per field where the field exists."""
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                messages = [m for e in errors for m in e.messages]
                self.add_error(name if name in self.fields else None, messages)
        else:
            self.add_error(None, list(exc.messages))


SCORE_CHOICES = [("", _("niet besproken"))] + [
    (str(v), f"{v} \N{EN DASH} {label}") for v, label in Score.choices
]


class AnalysisForm(AccessibleForm):
    resident = forms.ChoiceField(label=_("Over wie gaat deze analyse?"))
    analysed_on = forms.DateField(label=_("Datum van de analyse"), widget=DateInput())
    self_direction = forms.TypedChoiceField(
        label=_("Zelfregie"),
        choices=SCORE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_(
            "Hoeveel regie heeft iemand over het eigen leven? 1 is geen regie, 5 is volledige regie."
        ),
    )
    strengths = forms.CharField(
        label=_("Sterke kanten"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat gaat goed? Wat kan deze persoon zelf? Wie helpt al?"),
    )
    wishes = forms.CharField(
        label=_("Wensen"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat wil deze persoon zelf bereiken? Schrijf het op in de eigen woorden."),
    )

    def __init__(self, *args: Any, members: list[HouseholdMembership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = {str(m.resident_id): m for m in members}
        choices: list[Any] = [("", _("Kies een persoon"))] + [
            (str(m.resident_id), f"{m.resident.full_name} ({m.get_relation_display()})") for m in members
        ]
        self.fields["resident"].choices = choices  # type: ignore[attr-defined]
        self.fields["analysed_on"].initial = timezone.localdate()
        for domain, label in Domain.choices:
            self.fields[f"score_{domain}"] = forms.TypedChoiceField(
                label=_("Score %(domain)s") % {"domain": label},
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"note_{domain}"] = forms.CharField(
                label=_("Toelichting %(domain)s") % {"domain": label},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            for name in (f"score_{domain}", f"note_{domain}"):
                css = WIDGET_CLASSES.get(self.fields[name].widget.__class__.__name__.lower())
                if css:
                    self.fields[name].widget.attrs.setdefault("class", css)

    def domain_groups(self) -> list[tuple[str, list[tuple[str, str, str, Any, Any]]]]:
        """(heading, [(domain, label, description, score field, note field)]) for the template."""

        def row(d: str, label: Any) -> tuple[str, str, str, Any, Any]:
            return (d, str(label), str(DOMAIN_DESCRIPTIONS[d]), self[f"score_{d}"], self[f"note_{d}"])

        adult = [row(d, label) for d, label in Domain.choices if d not in CHILD_DOMAINS]
        child = [row(d, label) for d, label in Domain.choices if d in CHILD_DOMAINS]
        return [(str(_("Leefgebieden")), adult), (str(_("Alleen voor kinderen")), child)]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        for domain in Domain.values:
            if data.get(f"note_{domain}") and data.get(f"score_{domain}") is None:
                self.add_error(f"score_{domain}", _("Kies een score, of maak de toelichting leeg."))
        return data

    def score_rows(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {"domain": d, "score": data[f"score_{d}"], "note": data.get(f"note_{d}", "")}
            for d in Domain.values
            if data.get(f"score_{d}") is not None
        ]
