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

    def __init__(
        self,
        *args: Any,
        members: list[HouseholdMembership],
        domains: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        """`domains`: the domains that fit the chosen member's age (`selectors.domains_for`); the form
        asks only those. None: no member chosen yet (step 1 asks who)."""
        super().__init__(*args, **kwargs)
        self.members = {str(m.resident_id): m for m in members}
        self.domains = list(domains) if domains is not None else []
        choices: list[Any] = [("", _("Kies een persoon"))] + [
            (str(m.resident_id), f"{m.resident.full_name} ({m.get_relation_display()})") for m in members
        ]
        self.fields["resident"].choices = choices  # type: ignore[attr-defined]
        self.fields["analysed_on"].initial = timezone.localdate()
        for domain, label in Domain.choices:
            if domain not in self.domains:
                continue
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

        adult = [row(d, label) for d, label in Domain.choices if d in self.domains and d not in CHILD_DOMAINS]
        child = [row(d, label) for d, label in Domain.choices if d in self.domains and d in CHILD_DOMAINS]
        groups = [(str(_("Leefgebieden")), adult), (str(_("Alleen voor kinderen")), child)]
        return [(heading, rows) for heading, rows in groups if rows]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        for domain in self.domains:
            if data.get(f"note_{domain}") and data.get(f"score_{domain}") is None:
                self.add_error(f"score_{domain}", _("Kies een score, of maak de toelichting leeg."))
        return data

    def score_rows(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        rows = [
            {"domain": d, "score": data[f"score_{d}"], "note": data.get(f"note_{d}", "")}
            for d in self.domains
            if data.get(f"score_{d}") is not None
        ]
        # A score sent for a domain the form did not ask (a child domain for an adult) goes to the
        # service as it came, so its rule refuses it with its own message instead of dropping it silently.
        for d in Domain.values:
            raw = self.data.get(self.add_prefix(f"score_{d}")) if d not in self.domains else None
            if raw:
                score = int(raw) if str(raw).isdigit() else raw
                rows.append(
                    {"domain": d, "score": score, "note": self.data.get(self.add_prefix(f"note_{d}"), "")}
                )
        return rows


class ChooseMemberForm(StevigForm):
    """Step 1 of a new analysis: who is it about? The next step asks only the domains that fit the age."""

    inwoner = forms.ChoiceField(label=_("Over wie gaat deze analyse?"))

    def __init__(self, *args: Any, members: list[HouseholdMembership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inwoner"].choices = [("", _("Kies een persoon"))] + [  # type: ignore[attr-defined]
            (str(m.resident_id), f"{m.resident.full_name} ({m.get_relation_display()})") for m in members
        ]


#: Older name of the project base form, for code written before the one form layer.
AccessibleForm = StevigForm
