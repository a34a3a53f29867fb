"""Forms for the analysis pages (on the project's one form layer, `stevig.web.forms`)."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stevig.analysis.models import CHILD_DOMAINS, DOMAIN_DESCRIPTIONS, Domain, Score
from stevig.people.models import HouseholdMembership
from stevig.web.forms import DateInput, StevigForm

SCORE_CHOICES = [("", _("niet besproken"))] + [
    (str(v), f"{v} \N{EN DASH} {label}") for v, label in Score.choices
]


class AnalysisForm(StevigForm):
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


#: Older name of the project base form, for code written before the one form layer.
AccessibleForm = StevigForm
