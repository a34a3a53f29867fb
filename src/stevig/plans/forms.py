from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stevig.analysis.models import Domain
from stevig.people.models import HouseholdMembership
from stevig.plans.models import AgreementMethod, OwnerType
from stevig.web.forms import DateInput, StevigForm


class VersionedForm(StevigForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PlanForm(VersionedForm):
    start_date = forms.DateField(label=_("Startdatum van het plan"), widget=DateInput())
    evaluation_date = forms.DateField(
        label=_("Evaluatiedatum"),
        widget=DateInput(),
        help_text=_("Wanneer kijken we samen hoe het gaat? Op of na de startdatum."),
    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        start, evaluation = data.get("start_date"), data.get("evaluation_date")
        if start and evaluation and evaluation < start:
            self.add_error(
                "evaluation_date",
                _("De evaluatiedatum ligt voor de startdatum. Kies de startdatum of later."),
            )
        return data


class NewPlanForm(PlanForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class GoalForm(VersionedForm):
    text = forms.CharField(
        label=_("Doel"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Schrijf het doel op in de woorden van de inwoner. Bijvoorbeeld: 'Ik wil weer rust in mijn hoofd.'"
        ),
    )
    members = forms.MultipleChoiceField(label=_("Voor wie is dit doel?"), widget=forms.CheckboxSelectMultiple)
    domains = forms.MultipleChoiceField(
        label=_("Bij welke leefgebieden hoort dit doel?"),
        choices=Domain.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, members: list[HouseholdMembership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[Any] = [(str(m.resident_id), m.resident.full_name) for m in members]
        self.fields["members"].choices = choices  # type: ignore[attr-defined]


class ActionForm(VersionedForm):
    description = forms.CharField(
        label=_("Wat gebeurt er?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner_type = forms.ChoiceField(
        label=_("Wie doet het?"),
        choices=[("", _("Kies wie het doet")), *OwnerType.choices],
        error_messages={"required": _("Kies wie deze actie doet. Een actie zonder eigenaar gebeurt niet.")},
    )
    owner_name = forms.CharField(
        label=_("Naam"),
        max_length=150,
        required=False,
        help_text=_("Bijvoorbeeld de naam van de buurvrouw, de organisatie of de collega."),
    )
    due_date = forms.DateField(label=_("Klaar op"), widget=DateInput())
    done_on = forms.DateField(label=_("Gedaan op"), widget=DateInput(), required=False)


class AgreeForm(VersionedForm):
    agreed_on = forms.DateField(label=_("Datum van de afspraak"), widget=DateInput())
    agreed_how = forms.ChoiceField(
        label=_("Hoe heeft u het plan afgesproken?"),
        choices=AgreementMethod.choices,
        widget=forms.RadioSelect,
    )
    agreed_with = forms.CharField(
        label=_("Met wie?"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: Fatima en haar zus."),
    )
