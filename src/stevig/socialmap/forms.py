from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stevig.accounts.admin_scope import TenantAdminForm
from stevig.analysis.models import Domain
from stevig.datasharing.grounds import legal_basis_field
from stevig.people.models import HouseholdMembership
from stevig.socialmap.models import Facility, Sphere
from stevig.socialmap.models import Outcome as ReferralOutcome
from stevig.tenancy.models import Neighbourhood
from stevig.web.forms import DateInput, StevigForm


class FacilitySearchForm(StevigForm):
    domain = forms.ChoiceField(
        label=_("Leefgebied"), required=False, choices=[("", _("Alle leefgebieden")), *Domain.choices]
    )
    neighbourhood = forms.ChoiceField(label=_("Wijk"), required=False)
    sphere = forms.ChoiceField(label=_("Sfeer"), required=False, choices=[("", _("Alle")), *Sphere.choices])
    text = forms.CharField(
        label=_("Zoekwoord"),
        required=False,
        max_length=100,
        help_text=_("Een woord uit de naam of uit 'waarvoor'."),
    )

    def __init__(self, *args: Any, neighbourhoods: list[Neighbourhood], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[Any] = [("", _("Alle wijken"))] + [(str(n.id), n.name) for n in neighbourhoods]
        self.fields["neighbourhood"].choices = choices  # type: ignore[attr-defined]


class ReferralForm(StevigForm):
    facility = forms.ChoiceField(label=_("Naar welke voorziening?"))
    residents = forms.MultipleChoiceField(label=_("Voor wie?"), widget=forms.CheckboxSelectMultiple)
    referred_on = forms.DateField(label=_("Datum van de verwijzing"), widget=DateInput())
    follow_up_on = forms.DateField(
        label=_("Nabellen op"),
        widget=DateInput(),
        help_text=_("Wanneer vraagt u na of het gelukt is? Op of na de datum van de verwijzing."),
    )
    note = forms.CharField(
        label=_("Waarvoor verwijst u?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    legal_basis = legal_basis_field("voorziening")

    def __init__(
        self, *args: Any, members: list[HouseholdMembership], facilities: list[Facility], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices: list[Any] = [(str(m.resident_id), m.resident.full_name) for m in members]
        self.fields["residents"].choices = choices  # type: ignore[attr-defined]
        choices = [("", _("Kies een voorziening"))] + [
            (str(f.id), f"{f.name} ({f.get_kind_display()})") for f in facilities
        ]
        self.fields["facility"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        start, follow_up = data.get("referred_on"), data.get("follow_up_on")
        if start and follow_up and follow_up < start:
            self.add_error(
                "follow_up_on",
                _("Nabellen kan niet voor de datum van de verwijzing. Kies die datum of later."),
            )
        return data


class OutcomeForm(StevigForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    outcome = forms.ChoiceField(
        label=_("Is de inwoner gestart?"), choices=ReferralOutcome.choices, widget=forms.RadioSelect
    )
    outcome_reason = forms.CharField(
        label=_("Waarom niet gestart?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als de inwoner niet is gestart."),
    )
    outcome_on = forms.DateField(label=_("Datum"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if (
            data.get("outcome") == ReferralOutcome.NOT_STARTED
            and not (data.get("outcome_reason") or "").strip()
        ):
            self.add_error("outcome_reason", _("Schrijf op waarom de inwoner niet is gestart."))
        return data


class FacilityAdminForm(TenantAdminForm):
    """Admin form: the domains as checkboxes, stored as one row per domain."""

    domains = forms.MultipleChoiceField(
        label=_("Leefgebieden"), choices=Domain.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Facility
        fields = [
            "name",
            "sphere",
            "kind",
            "domains",
            "neighbourhood",
            "purpose",
            "contact",
            "address",
            "active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["domains"].initial = self.instance.domain_codes
