from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from stevig.people.validators import validate_bsn
from stevig.web.forms import StevigForm, date_field


class BrpSearchForm(StevigForm):
    """Find a person in the BRP: by BSN, or by surname and date of birth. POST only: no BSN in a URL."""

    bsn = forms.CharField(
        label=_("BSN"),
        max_length=11,
        required=False,
        validators=[validate_bsn],
        help_text=_("9 cijfers. Of vul hieronder achternaam en geboortedatum in."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    surname = forms.CharField(label=_("Achternaam"), max_length=200, required=False)
    birth_date = date_field(_("Geboortedatum"), required=False)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        if self.errors:
            return data
        if not data.get("bsn") and not (data.get("surname") and data.get("birth_date")):
            raise ValidationError(_("Vul een BSN in, of een achternaam met een geboortedatum."), code="empty")
        return data


class BsnForm(StevigForm):
    bsn = forms.CharField(max_length=11, validators=[validate_bsn], widget=forms.HiddenInput)


class TakeOverForm(StevigForm):
    kind = forms.ChoiceField(
        choices=[("verhuisd", "verhuisd"), ("overleden", "overleden"), ("nieuw-kind", "nieuw kind")],
        widget=forms.HiddenInput,
    )
    bsn = forms.CharField(max_length=11, validators=[validate_bsn], widget=forms.HiddenInput)
