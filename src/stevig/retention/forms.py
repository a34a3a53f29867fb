from django import forms
from django.utils.translation import gettext_lazy as _

from stevig.people.validators import normalise_postcode, validate_postcode
from stevig.web.forms import StevigForm

REASON_ERRORS = {
    "required": _("Schrijf op waarom."),
    "max_length": _("Gebruik hoogstens 2000 tekens."),
}


class ReviewItemForm(StevigForm):
    decision = forms.ChoiceField(
        label=_("Wat is uw besluit?"),
        choices=(
            ("goedkeuren", _("Goedkeuren: het dossier wordt nu vernietigd")),
            ("afwijzen", _("Afwijzen: het dossier blijft bewaard")),
        ),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies goedkeuren of afwijzen."),
            "invalid_choice": _("Kies goedkeuren of afwijzen."),
        },
    )
    reason = forms.CharField(
        label=_("Waarom?"),
        max_length=2000,
        help_text=_("Bijvoorbeeld: de termijn is voorbij en er loopt niets meer."),
        error_messages=REASON_ERRORS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PlaceHoldForm(StevigForm):
    reason = forms.CharField(
        label=_("Waarom moet het dossier bewaard blijven?"),
        max_length=2000,
        help_text=_("Bijvoorbeeld: er loopt een rechtszaak over een besluit."),
        error_messages=REASON_ERRORS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LiftHoldForm(StevigForm):
    reason = forms.CharField(
        label=_("Waarom mag de bewaarplicht weg?"),
        max_length=2000,
        help_text=_("Bijvoorbeeld: de rechter heeft uitspraak gedaan en er is geen hoger beroep."),
        error_messages=REASON_ERRORS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HoldSearchForm(StevigForm):
    """Find a household by its address to place a hold (POST: the address stays out of the URL)."""

    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=7,
        validators=[validate_postcode],
        help_text=_("Bijvoorbeeld 1234 AB."),
        error_messages={
            "required": _("Vul de postcode in."),
            "max_length": _("Vul een postcode in zoals 1234 AB."),
        },
    )
    house_number = forms.IntegerField(
        label=_("Huisnummer"),
        min_value=1,
        error_messages={
            "required": _("Vul het huisnummer in."),
            "invalid": _("Vul een huisnummer in, zoals 12."),
        },
    )

    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data["postcode"])
