"""Forms for the decision pages. Field checks only; the business rules live in the services, whose
errors are shown per field (`apply_service_errors`)."""

import uuid
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stevig.decisions.models import (
    DecisionForm,
    Frequency,
    Law,
    Outcome,
    ProductCategory,
    RemedyKind,
    Signatory,
    VolumeUnit,
)
from stevig.people.models import HouseholdMembership
from stevig.web.forms import DateInput, StevigForm

INTERVAL_CHOICES = [("6", _("elk half jaar")), ("12", _("elk jaar")), ("24", _("elke twee jaar"))]


def _choices(form: forms.Form, name: str, choices: list[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _member_choices(members: list[HouseholdMembership]) -> list[tuple[str, Any]]:
    return [("", _("Kies een persoon"))] + [
        (str(m.resident_id), f"{m.resident.full_name} ({m.get_relation_display()})") for m in members
    ]


def _category_choices(categories: list[ProductCategory]) -> list[tuple[str, Any]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for c in categories:
        groups.setdefault(str(c.get_law_display()), []).append((str(c.id), c.name))
    return [("", _("Kies een categorie"))] + [(law, rows) for law, rows in groups.items()]


class ApplicationForm(StevigForm):
    resident = forms.ChoiceField(label=_("Voor wie is de aanvraag?"))
    law = forms.ChoiceField(label=_("Welke wet?"), choices=Law.choices, widget=forms.RadioSelect)
    received_on = forms.DateField(
        label=_("Datum van de aanvraag"),
        widget=DateInput(),
        help_text=_("Vanaf deze datum loopt de termijn: Wmo 2 weken, Jeugdwet hoogstens 8 weken."),
    )
    category = forms.ChoiceField(label=_("Wat vraagt de inwoner aan?"), required=False)
    description = forms.CharField(
        label=_("De vraag, in de woorden van de inwoner"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self, *args: Any, members: list[HouseholdMembership], categories: list[ProductCategory], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "resident", _member_choices(members))
        _choices(self, "category", _category_choices(categories))
        self.fields["received_on"].initial = timezone.localdate()


class DecisionFormFields(StevigForm):
    outcome = forms.ChoiceField(
        label=_("Wat is het besluit?"),
        choices=Outcome.choices,
        initial=Outcome.GRANTED,
        widget=forms.RadioSelect,
    )
    category = forms.ChoiceField(label=_("Over welke voorziening gaat het?"))
    legal_ground = forms.CharField(
        label=_("Wettelijke grondslag"),
        max_length=200,
        help_text=_("Het wetsartikel waarop het besluit steunt. Bijvoorbeeld: Wmo 2015 artikel 2.3.5."),
    )
    volume = forms.DecimalField(
        label=_("Omvang"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=9,
        decimal_places=2,
        help_text=_("Hoeveel krijgt de inwoner? Alleen bij (gedeeltelijke) toekenning. Bijvoorbeeld 3."),
    )
    unit = forms.ChoiceField(label=_("Eenheid"), choices=[("", "—"), *VolumeUnit.choices], required=False)
    frequency = forms.ChoiceField(
        label=_("Per week, maand of jaar"), choices=[("", "—"), *Frequency.choices], required=False
    )
    signatory = forms.ChoiceField(
        label=_("Wie tekent namens het college?"),
        required=False,
        help_text=_("Uit het register van mandaat en volmacht. De naam staat onder de brief."),
    )
    sent_on = forms.DateField(
        label=_("Verstuurd op"),
        required=False,
        widget=DateInput(),
        help_text=_("De dag dat de brief weggaat. Vanaf de dag erna loopt de bezwaartermijn van 6 weken."),
    )
    form = forms.ChoiceField(
        label=_("Vorm"), choices=DecisionForm.choices, widget=forms.RadioSelect, required=False
    )
    pgb_motivation = forms.CharField(
        label=_("Waarom een pgb?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij een pgb. Bijvoorbeeld: de inwoner wil zelf kiezen wie helpt."),
    )
    start_date = forms.DateField(
        label=_("Ingangsdatum"),
        widget=DateInput(),
        required=False,
        help_text=_("Bij afwijzing of buiten behandeling laat u dit leeg."),
    )
    end_date = forms.DateField(
        label=_("Einddatum"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Leeg laten mag alleen bij een levenslange of levensbrede beperking. Kies een duur die past: "
            "lang als de beperking blijft."
        ),
    )
    reason = forms.CharField(
        label=_("Waarom dit besluit?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Dit staat in de brief aan de inwoner. Schrijf het eenvoudig en concreet."),
    )
    provider = forms.CharField(
        label=_("Zorgaanbieder"),
        required=False,
        max_length=200,
        help_text=_(
            "Als u een aanbieder noemt, krijgt die de gegevens. Dat komt in het register van gegevensdeling."
        ),
    )
    decided_on = forms.DateField(label=_("Datum van het besluit"), widget=DateInput())
    contact_interval_months = forms.TypedChoiceField(
        label=_("Hoe vaak een contactmoment?"),
        choices=INTERVAL_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_(
            "Alleen bij een levenslange beperking: een gesprek over hoe het gaat, geen herindicatie."
        ),
    )

    def __init__(
        self,
        *args: Any,
        categories: list[ProductCategory],
        lifelong: bool = True,
        signatories: list[Signatory] | None = None,
        **kwargs: Any,
    ) -> None:
        signatories = signatories or []
        super().__init__(*args, **kwargs)
        _choices(self, "category", _category_choices(categories))
        _choices(
            self, "signatory", [("", _("Nog niet gekozen"))] + [(str(x.id), str(x)) for x in signatories]
        )
        if not lifelong:
            del self.fields["contact_interval_months"]


class NewDecisionForm(DecisionFormFields):
    resident = forms.ChoiceField(label=_("Voor wie is het besluit?"))
    application = forms.ChoiceField(label=_("Bij welke aanvraag?"), required=False)
    field_order = [
        "resident",
        "application",
        "outcome",
        "category",
        "legal_ground",
        "volume",
        "unit",
        "frequency",
        "form",
        "pgb_motivation",
        "start_date",
        "end_date",
    ]

    def __init__(
        self,
        *args: Any,
        members: list[HouseholdMembership],
        applications: list[Any],
        categories: list[ProductCategory],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, categories=categories, **kwargs)
        _choices(self, "resident", _member_choices(members))
        _choices(
            self,
            "application",
            [("", _("Geen aanvraag"))]
            + [
                (
                    str(a.id),
                    f"{a.resident.full_name}: {a.category.name if a.category else a.get_law_display()} "
                    f"({a.received_on:%d-%m-%Y})",
                )
                for a in applications
            ],
        )
        self.fields["decided_on"].initial = timezone.localdate()
        self.fields["contact_interval_months"].initial = "12"


class EditDecisionForm(DecisionFormFields):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class LifelongForm(StevigForm):
    resident = forms.ChoiceField(label=_("Wie heeft de beperking?"))
    description = forms.CharField(
        label=_("Welke beperking?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort en feitelijk. Bijvoorbeeld: blijvende verstandelijke beperking."),
    )
    since = forms.DateField(label=_("Vastgesteld op"), widget=DateInput())

    def __init__(self, *args: Any, members: list[HouseholdMembership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "resident", _member_choices(members))
        self.fields["since"].initial = timezone.localdate()


class EndLifelongForm(StevigForm):
    reason = forms.CharField(
        label=_("Waarom geldt dit niet meer?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class WithdrawForm(StevigForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(
        label=_("Waarom is de aanvraag ingetrokken?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ContactDoneForm(StevigForm):
    done_on = forms.DateField(label=_("Datum van het contact"), widget=DateInput())
    note = forms.CharField(
        label=_("Korte notitie"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hoe gaat het? Dit is geen herindicatie."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()


class ContinueForm(StevigForm):
    """Voortzetten zonder herindicatie: same content, a reason, no new onderzoek."""

    reason = forms.CharField(
        label=_("Waarom loopt de hulp door?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Bijvoorbeeld: de beperking is blijvend en de hulp past nog. Een nieuw onderzoek is niet nodig."
        ),
    )
    end_date = forms.DateField(
        label=_("Nieuwe einddatum"),
        required=False,
        widget=DateInput(),
        help_text=_("Laat leeg als de hulp zonder einddatum doorloopt."),
    )


def outcome_fields(d: dict[str, Any]) -> dict[str, Any]:
    """The outcome, legal ground, omvang, sending date and signatory from a cleaned form or serializer."""
    signatory = d.get("signatory") or None
    if isinstance(signatory, str):
        signatory = _uuid_or_none(signatory)
    return {
        "outcome": d.get("outcome") or Outcome.GRANTED,
        "legal_ground": d.get("legal_ground", ""),
        "volume": d.get("volume"),
        "unit": d.get("unit") or None,
        "frequency": d.get("frequency") or None,
        "sent_on": d.get("sent_on"),
        "signatory_id": signatory,
    }


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


class SendForm(StevigForm):
    sent_on = forms.DateField(
        label=_("Verstuurd op"),
        widget=DateInput(),
        help_text=_("De dag dat de brief weggaat. Vanaf de dag erna loopt de bezwaartermijn van 6 weken."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class WithdrawDecisionForm(StevigForm):
    reason = forms.CharField(
        label=_("Waarom trekt u de beschikking in?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class RemedyForm(StevigForm):
    kind = forms.ChoiceField(
        label=_("Wat is binnengekomen?"), choices=RemedyKind.choices, widget=forms.RadioSelect
    )
    received_on = forms.DateField(label=_("Ontvangen op"), widget=DateInput())
    posted_on = forms.DateField(
        label=_("Op de post gedaan op"),
        required=False,
        widget=DateInput(),
        help_text=_("Alleen bij een brief: de datum van het poststempel. Die telt mee voor 'op tijd'."),
    )
    summary = forms.CharField(
        label=_("Waar gaat het over?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    excusable_reason = forms.CharField(
        label=_("Te laat? Waarom is dat verschoonbaar?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Alleen nodig als het bezwaar na de termijn binnenkwam."),
    )
    advisory_committee = forms.BooleanField(label=_("Er is een adviescommissie"), required=False)


class RemedyDecideForm(StevigForm):
    decided_on = forms.DateField(label=_("Beslist op"), widget=DateInput())
    result = forms.CharField(
        label=_("Uitkomst"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: ongegrond, omdat ..."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
