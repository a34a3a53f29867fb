from django import forms
from django.utils.translation import gettext_lazy as _

from stevig.people.validators import normalise_postcode, validate_postcode
from stevig.retention.models import Requester, RequestLaw
from stevig.retention.rules import RequestException
from stevig.web.forms import DateInput, StevigForm

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


class RegisterRequestForm(StevigForm):
    law = forms.ChoiceField(
        label=_("Onder welke wet valt het dossier?"),
        choices=RequestLaw.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies de Jeugdwet of de Wmo 2015."),
            "invalid_choice": _("Kies de Jeugdwet of de Wmo 2015."),
        },
    )
    received_on = forms.DateField(
        label=_("Wanneer kwam het verzoek binnen?"),
        help_text=_("Bijvoorbeeld 2-3-2026."),
        widget=DateInput(),  # ISO value, as the browser's date picker needs
        error_messages={"required": _("Vul de datum in."), "invalid": _("Vul een datum in, zoals 2-3-2026.")},
    )
    requested_by = forms.ChoiceField(
        label=_("Wie vroeg erom?"),
        choices=Requester.choices,
        widget=forms.RadioSelect,
        help_text=_("Is het kind jonger dan 12 jaar? Dan vraagt de ouder met gezag of de voogd."),
        error_messages={
            "required": _("Kies wie om vernietiging vroeg."),
            "invalid_choice": _("Kies wie om vernietiging vroeg."),
        },
    )


class DecideRequestForm(StevigForm):
    decision = forms.ChoiceField(
        label=_("Wat is uw besluit?"),
        choices=(
            ("uitvoeren", _("Uitvoeren: het dossier wordt nu vernietigd")),
            ("weigeren", _("Weigeren: het dossier blijft bewaard")),
        ),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies uitvoeren of weigeren."),
            "invalid_choice": _("Kies uitvoeren of weigeren."),
        },
    )
    exception = forms.ChoiceField(
        label=_("Weigert u? Kies de uitzondering uit de wet"),
        choices=[("", _("Niet van toepassing (uitvoeren)")), *RequestException.choices],
        required=False,
        help_text=_(
            "Alleen nodig als u weigert. Loopt er een onderzoek, bezwaar of rechtszaak? Dat is alleen een "
            "reden als een wettelijke regel bewaren eist (noem die regel) of als bewaren van groot belang "
            "is voor een ander."
        ),
        error_messages={"invalid_choice": _("Kies de uitzondering uit de wet waarop u weigert.")},
    )
    reason = forms.CharField(
        label=_("Waarom?"),
        max_length=2000,
        help_text=_("Bijvoorbeeld: er loopt niets meer en er is geen uitzondering."),
        error_messages=REASON_ERRORS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
