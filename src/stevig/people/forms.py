"""Forms of the household-file pages, on the project's one form layer (`stevig.web.forms`)."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stevig.people.models import CommunicationNeed, Household, Relation
from stevig.people.validators import (
    normalise_postcode,
    validate_bsn,
    validate_not_in_future,
    validate_postcode,
)
from stevig.web.forms import StevigForm
from stevig.web.forms import date_field as base_date_field

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

REQUIRED = _("Vul dit veld in.")

_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


def date_field(
    label: "StrOrPromise", *, required: bool = True, not_in_future: bool = True, **kwargs: Any
) -> forms.DateField:
    return base_date_field(
        label, required=required, validators=[validate_not_in_future] if not_in_future else [], **kwargs
    )


def _house_number_field(required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Huisnummer"),
        required=required,
        min_value=1,
        max_value=99999,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "class": _TEXTBOX + " utrecht-textbox--house-number-size",
            }
        ),
        error_messages={
            "invalid": _("Vul alleen cijfers in, zoals 12."),
            "min_value": _("Vul een huisnummer in van 1 of hoger."),
            "max_value": _("Dit huisnummer is te groot."),
        },
    )


def _postcode_field(required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=_("Postcode"),
        required=required,
        max_length=7,
        validators=[validate_postcode],
        help_text=_("Bijvoorbeeld 1234 AB."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "class": _TEXTBOX + " utrecht-textbox--postal-code-nl-size"}
        ),
        error_messages={"max_length": _("Vul een postcode in zoals 1234 AB.")},
    )


class PostcodeMixin(forms.Form):
    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data["postcode"]) if self.cleaned_data.get("postcode") else ""


class ResidentSearchForm(PostcodeMixin, StevigForm):
    """Search by name, date of birth, or address. Sent with GET: it never carries a BSN."""

    name = forms.CharField(
        label=_("Naam"),
        required=False,
        max_length=100,
        min_length=2,
        help_text=_("Het begin van de voornaam of achternaam. Bijvoorbeeld: Jan of Berg."),
        error_messages={"min_length": _("Vul minstens 2 letters in.")},
    )
    date_of_birth = date_field(_("Geboortedatum"), required=False)
    postcode = _postcode_field(required=False)
    house_number = _house_number_field(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_postcode = bool(data.get("postcode")) or "postcode" in self.errors
        has_number = data.get("house_number") is not None or "house_number" in self.errors
        if has_postcode and not has_number:
            self.add_error(
                "house_number",
                _("Vul ook het huisnummer in. Zoeken op adres gaat met postcode en huisnummer."),
            )
        if has_number and not has_postcode:
            self.add_error(
                "postcode", _("Vul ook de postcode in. Zoeken op adres gaat met postcode en huisnummer.")
            )
        if not self.errors and not (data.get("name") or data.get("date_of_birth") or has_postcode):
            raise ValidationError(_("Vul minstens één zoekveld in."), code="empty")
        return data


class BsnSearchForm(StevigForm):
    """Search by BSN. Sent with POST so the BSN never lands in a URL, a log file or the browser history."""

    bsn = forms.CharField(
        label=_("BSN"),
        max_length=11,
        validators=[validate_bsn],
        help_text=_("9 cijfers."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"max_length": _("Dit BSN klopt niet.")},
    )


class ResidentFieldsForm(StevigForm):
    given_names = forms.CharField(label=_("Voornamen"), max_length=150)
    prefix = forms.CharField(  # type: ignore[assignment]  # a form field, not BaseForm.prefix
        label=_("Tussenvoegsel"),
        max_length=20,
        required=False,
        help_text=_("Bijvoorbeeld: van, de, van der."),
    )
    surname = forms.CharField(label=_("Achternaam"), max_length=150)
    date_of_birth = date_field(_("Geboortedatum"))
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=11,
        required=False,
        validators=[validate_bsn],
        help_text=_("9 cijfers. Niet bekend? Laat dit veld leeg."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"max_length": _("Dit BSN klopt niet.")},
    )
    phone = forms.CharField(
        label=_("Telefoon"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    preferred_language = forms.CharField(
        label=_("Voorkeurstaal"), max_length=40, required=False, initial="Nederlands"
    )
    communication_needs = forms.MultipleChoiceField(
        label=_("Wat helpt bij het contact?"),
        required=False,
        choices=CommunicationNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies uit de lijst.")},
    )

    resident_field_names = (
        "given_names",
        "prefix",
        "surname",
        "date_of_birth",
        "bsn",
        "phone",
        "email",
        "preferred_language",
        "communication_needs",
    )

    def resident_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.resident_field_names}


RELATION_LABEL = _("Relatie in het huishouden")


def _relation_field(label: "StrOrPromise" = RELATION_LABEL) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Relation.choices,
        error_messages={"invalid_choice": _("Kies een relatie uit de lijst.")},
    )


class AddressFieldsForm(PostcodeMixin, StevigForm):
    street = forms.CharField(
        label=_("Straat"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    house_number = _house_number_field()
    house_number_addition = forms.CharField(
        label=_("Toevoeging"),
        max_length=10,
        required=False,
        help_text=_("Bijvoorbeeld A of 2-hoog."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "class": _TEXTBOX + " utrecht-textbox--house-addition-size"}
        ),
    )
    postcode = _postcode_field()
    city = forms.CharField(
        label=_("Plaats"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )

    address_field_names = ("street", "house_number", "house_number_addition", "postcode", "city")

    def address_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.address_field_names}


class NewHouseholdForm(AddressFieldsForm, ResidentFieldsForm):
    relation = _relation_field(_("Relatie van deze inwoner in het huishouden"))
    start_date = date_field(
        _("Woont hier sinds"),
        required=False,
        help_text=_("Leeg laten als u het niet weet: dan geldt vandaag."),
    )

    field_order = [
        *AddressFieldsForm.address_field_names,
        *ResidentFieldsForm.resident_field_names,
        "relation",
        "start_date",
    ]


class AddMemberForm(ResidentFieldsForm):
    relation = _relation_field()
    start_date = date_field(
        _("Woont hier sinds"),
        required=False,
        help_text=_("Leeg laten als u het niet weet: dan geldt vandaag."),
    )


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ResidentEditForm(ResidentFieldsForm, VersionMixin):
    pass


class HouseholdEditForm(AddressFieldsForm, VersionMixin):
    pass


class MoveFindForm(PostcodeMixin, StevigForm):
    """Step 1 of a move: find the target household by its address (GET)."""

    postcode = _postcode_field()
    house_number = _house_number_field()


class MoveForm(PostcodeMixin, StevigForm):
    """Step 2 of a move: choose one of the households found, the relation and the date (POST)."""

    postcode = forms.CharField(widget=forms.HiddenInput, max_length=7, validators=[validate_postcode])
    house_number = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    to_household = forms.ChoiceField(
        label=_("Naar welk huishouden?"),
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Kies een huishouden uit de lijst."),
            "required": _("Kies een huishouden."),
        },
    )
    relation = _relation_field(_("Relatie in het nieuwe huishouden"))
    move_date = date_field(_("Verhuisdatum"))

    def __init__(self, *args: Any, households: list[Household] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        choices = [(str(h.id), h.address_line) for h in households]
        self.fields["to_household"].choices = choices  # type: ignore[attr-defined]
        self.fields["to_household"].error_messages["required"] = _("Kies een huishouden.")


class EmergencyAccessForm(StevigForm):
    reason = forms.CharField(
        label=_("Waarom moet u dit dossier nu openen?"),
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "utrecht-textarea utrecht-textarea--html-textarea"}),
        help_text=_("Schrijf het concreet op. De privacy officer leest dit."),
        error_messages={
            "min_length": _("Schrijf op waarom u dit dossier nu moet openen (minstens 10 tekens)."),
            "required": _("Schrijf op waarom u dit dossier nu moet openen (minstens 10 tekens)."),
        },
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 10:
            raise ValidationError(_("Schrijf op waarom u dit dossier nu moet openen (minstens 10 tekens)."))
        return reason
