from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stevig.transitions.rules import Big5, DomainStatus
from stevig.web.forms import StevigForm, date_field


class PlanForm(StevigForm):
    """A status and a next step for each of the big 5."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in Big5.choices:
            self.fields[f"{value}_status"] = forms.ChoiceField(
                label=_("%(domain)s: hoe staat het ervoor?") % {"domain": label},
                choices=DomainStatus.choices,
                widget=forms.RadioSelect,
            )
            self.fields[f"{value}_next_step"] = forms.CharField(
                label=_("%(domain)s: volgende stap") % {"domain": label},
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=5000,
            )

    def domains(self) -> dict[str, tuple[str, str]]:
        return {
            value: (self.cleaned_data[f"{value}_status"], self.cleaned_data[f"{value}_next_step"])
            for value in Big5.values
        }


class AgreeForm(StevigForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    agreed_on = date_field(_("Datum waarop de jongere het plan afsprak"))


class PerspectiveForm(StevigForm):
    """Per life phase: a goal and what is needed (at least one goal)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    review_years = forms.TypedChoiceField(
        label=_("Wanneer kijken we samen opnieuw?"),
        coerce=int,
        choices=[(n, _("over %(n)d jaar") % {"n": n}) for n in range(1, 6)],
        initial=3,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from stevig.transitions.models import LifePhase

        super().__init__(*args, **kwargs)
        for value, label in LifePhase.choices:
            self.fields[f"{value}_goal"] = forms.CharField(
                label=_("%(phase)s: wat wilt u bereiken?") % {"phase": str(label).capitalize()},
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=5000,
                required=False,
            )
            self.fields[f"{value}_support"] = forms.CharField(
                label=_("%(phase)s: wat is daarvoor nodig?") % {"phase": str(label).capitalize()},
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=5000,
                required=False,
            )

    def goals(self) -> dict[str, tuple[str, str]]:
        from stevig.transitions.models import LifePhase

        return {
            v: (self.cleaned_data.get(f"{v}_goal", ""), self.cleaned_data.get(f"{v}_support", ""))
            for v in LifePhase.values
        }
