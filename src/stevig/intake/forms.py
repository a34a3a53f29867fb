"""Forms of the intake pages, on the project's one form layer (`stevig.web.forms`)."""

import uuid
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stevig.intake.models import AboutWhom, Channel, ContactMethod, FirstContact, Kind, Priority
from stevig.intake.validators import validate_phone, validate_question_text
from stevig.people.models import Relation
from stevig.people.validators import validate_bsn, validate_postcode
from stevig.web.forms import StevigForm, date_field

REQUIRED = _("Vul dit veld in.")
EMAIL_ERROR = _("Dit e-mailadres klopt niet. Schrijf het zo: naam@voorbeeld.nl.")


class IntakeForm(StevigForm):
    """The intake pages' forms: the project's base form."""


def _question_text_field() -> forms.CharField:
    # No maxlength attribute: a browser would cut off pasted text without a word. The server says it instead.
    return forms.CharField(
        label=_("Wat is uw vraag?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        strip=False,
        help_text=_("Schrijf het in uw eigen woorden. Het mogen 5000 tekens zijn."),
        error_messages={"required": _("Schrijf uw vraag op.")},
        validators=[validate_question_text],
    )


TOPIC_CHOICES = [
    ("", _("Weet ik niet of iets anders")),
    (Kind.WMO, _("Hulp thuis, of hulp om mee te doen")),
    (Kind.WGS, _("Geld of schulden")),
    (Kind.JEUGDWET, _("Mijn kind of opvoeden")),
    (Kind.PARTICIPATIEWET, _("Werk of inkomen")),
]


class PublicQuestionForm(IntakeForm):
    """The public 'Hulp vragen' form. Name and contact details are optional."""

    text = _question_text_field()
    about_whom = forms.ChoiceField(
        label=_("Over wie gaat het?"),
        choices=AboutWhom.choices,
        widget=forms.RadioSelect,
        initial=AboutWhom.SELF,
    )
    topic = forms.ChoiceField(label=_("Waar gaat het over?"), choices=TOPIC_CHOICES, required=False)
    eviction_or_cutoff_threat = forms.BooleanField(
        label=_(
            "Moet u snel uit uw huis? Gaat het gas, water, licht of de stadsverwarming uit? "
            "Of stopt uw zorgverzekering?"
        ),
        required=False,
    )
    contact_methods = forms.MultipleChoiceField(
        label=_("Hoe wilt u contact?"),
        choices=ContactMethod.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Kies er één of meer."),
    )
    contact_when = forms.CharField(
        label=_("Wanneer kunnen wij u het best bereiken?"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: dinsdag na 3 uur."),
    )
    name = forms.CharField(label=_("Uw naam"), max_length=150, required=False)
    phone = forms.CharField(
        label=_("Uw telefoonnummer"),
        max_length=20,
        required=False,
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        required=False,
        error_messages={"invalid": EMAIL_ERROR},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    postcode = forms.CharField(
        label=_("Uw postcode"),
        max_length=7,
        required=False,
        validators=[validate_postcode],
        help_text=_("Zo weten wij welk team bij u in de buurt is."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    # Honeypot: hidden from people (off screen, skipped by Tab); a bot that fills it is ignored.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["idempotency_key"] = uuid.uuid4().hex

    @property
    def visible_question_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in ("website", "idempotency_key")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        methods = data.get("contact_methods") or []
        if ContactMethod.PHONE in methods and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("U wilt gebeld worden. Vul dan uw telefoonnummer in."))
        if ContactMethod.EMAIL in methods and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("U wilt een e-mail. Vul dan uw e-mailadres in."))
        return data


class WhereForm(IntakeForm):
    postcode = forms.CharField(
        label=_("Uw postcode"),
        max_length=7,
        required=False,
        validators=[validate_postcode],
        help_text=_("Bijvoorbeeld: 1234 AB."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    wijk = forms.ChoiceField(label=_("Of kies uw wijk"), required=False)

    def __init__(self, *args: Any, neighbourhoods: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["wijk"]).choices = [
            ("", _("Kies een wijk")),
            *[(str(n.id), n.name) for n in neighbourhoods],
        ]


class RegisterQuestionForm(IntakeForm):
    """A professional registers a question from any channel, with the person it is about (optional)."""

    channel = forms.ChoiceField(label=_("Hoe kwam de vraag binnen?"), choices=Channel.choices)
    location = forms.ChoiceField(label=_("Locatie (bij inloop)"), required=False)
    referrer = forms.CharField(
        label=_("Wie verwees? (naam huisarts, school, ...)"), max_length=150, required=False
    )
    received_on = date_field(_("Ontvangen op"), help_text=_("De dag waarop de vraag binnenkwam."))
    kind = forms.ChoiceField(
        label=_("Soort vraag"),
        choices=Kind.choices,
        initial=Kind.GENERAL,
        help_text=_("De soort vraag zet de wettelijke termijnen in gang."),
    )
    eviction_or_cutoff_threat = forms.BooleanField(
        label=_(
            "Dreigt huisuitzetting, afsluiting van energie, water of stadsverwarming, "
            "of opzegging van de zorgverzekering?"
        ),
        required=False,
    )
    about_whom = forms.ChoiceField(
        label=_("Over wie gaat het?"),
        choices=AboutWhom.choices,
        widget=forms.RadioSelect,
        initial=AboutWhom.SELF,
    )
    text = _question_text_field()
    contact_methods = forms.MultipleChoiceField(
        label=_("Contact via"),
        choices=ContactMethod.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contact_when = forms.CharField(label=_("Wanneer bereikbaar"), max_length=200, required=False)
    phone = forms.CharField(label=_("Telefoon"), max_length=20, required=False, validators=[validate_phone])
    email = forms.EmailField(label=_("E-mail"), required=False, error_messages={"invalid": EMAIL_ERROR})
    # The person: searched first for duplicates; a new household is made only when none fits.
    given_names = forms.CharField(label=_("Voornamen"), max_length=150, required=False)
    surname = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    date_of_birth = date_field(_("Geboortedatum"), required=False)
    bsn = forms.CharField(label=_("BSN"), max_length=11, required=False, validators=[validate_bsn])
    street = forms.CharField(label=_("Straat"), max_length=150, required=False)
    house_number = forms.IntegerField(
        label=_("Huisnummer"),
        min_value=1,
        required=False,
        error_messages={"invalid": _("Vul een huisnummer in, zoals 12.")},
    )
    postcode = forms.CharField(
        label=_("Postcode"), max_length=7, required=False, validators=[validate_postcode]
    )
    city = forms.CharField(label=_("Plaats"), max_length=100, required=False)
    link = forms.ChoiceField(label=_("Koppelen aan"), required=False, widget=forms.RadioSelect)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    checked = forms.BooleanField(widget=forms.HiddenInput, required=False)

    QUESTION_FIELDS = (
        "channel",
        "location",
        "referrer",
        "received_on",
        "kind",
        "eviction_or_cutoff_threat",
        "about_whom",
        "text",
        "contact_methods",
        "contact_when",
        "phone",
        "email",
    )
    PERSON_FIELDS = (
        "given_names",
        "surname",
        "date_of_birth",
        "bsn",
        "street",
        "house_number",
        "postcode",
        "city",
    )

    def __init__(self, *args: Any, locations: Any = (), link_choices: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["location"]).choices = [
            ("", _("Geen locatie")),
            *[(str(loc.id), loc.name) for loc in locations],
        ]
        cast(forms.ChoiceField, self.fields["link"]).choices = [
            *link_choices,
            ("nieuw", _("Nieuw huishouden maken")),
            ("geen", _("Nog niet koppelen")),
        ]
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)
            self.initial.setdefault("received_on", timezone.localdate())

    def person_given(self) -> bool:
        data = self.cleaned_data
        return any(data.get(name) for name in self.PERSON_FIELDS)

    def new_household_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        missing = {
            name: REQUIRED
            for name in (
                "given_names",
                "surname",
                "date_of_birth",
                "street",
                "house_number",
                "postcode",
                "city",
            )
            if not data.get(name)
        }
        if missing:
            raise ValidationError(missing)
        return {
            "street": data["street"],
            "house_number": data["house_number"],
            "postcode": data["postcode"],
            "city": data["city"],
            "relation": Relation.OTHER,
            "first_member": {
                "given_names": data["given_names"],
                "surname": data["surname"],
                "date_of_birth": data["date_of_birth"],
                "bsn": data.get("bsn") or "",
                "phone": data.get("phone") or "",
                "email": data.get("email") or "",
            },
        }


class ClassifyForm(IntakeForm):
    kind = forms.ChoiceField(label=_("Soort vraag"), choices=Kind.choices)
    eviction_or_cutoff_threat = forms.BooleanField(
        label=_(
            "Dreigt huisuitzetting, afsluiting van energie, water of stadsverwarming, "
            "of opzegging van de zorgverzekering?"
        ),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]


class FirstContactForm(IntakeForm):
    contact_date = date_field(_("Datum van het eerste contact"))
    channel = forms.ChoiceField(label=_("Hoe was het contact?"), choices=FirstContact.ContactChannel.choices)
    clientondersteuning_offered = forms.ChoiceField(
        label=_("Heeft u gratis onafhankelijke cliëntondersteuning aangeboden?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Geef aan of u gratis cliëntondersteuning heeft aangeboden.")},
    )
    clientondersteuning_accepted = forms.ChoiceField(
        label=_("Wil de inwoner cliëntondersteuning?"),
        choices=FirstContact.Accepted.choices,
        widget=forms.RadioSelect,
        initial=FirstContact.Accepted.UNKNOWN,
    )
    note = forms.CharField(
        label=_("Notitie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Verplicht als u geen cliëntondersteuning heeft aangeboden: schrijf op waarom."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("contact_date", timezone.localdate())


class TriageForm(IntakeForm):
    priority = forms.ChoiceField(label=_("Prioriteit"), choices=Priority.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom deze prioriteit? Dit is verplicht."),
        error_messages={"required": _("Schrijf op waarom u deze prioriteit kiest.")},
    )


class AssignForm(IntakeForm):
    user = forms.ChoiceField(label=_("Vast aanspreekpunt"))
    reason = forms.CharField(label=_("Toelichting"), max_length=500, required=False)

    def __init__(self, *args: Any, users: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["user"]).choices = [
            ("", _("Kies een medewerker")),
            *[(str(u.id), u.get_full_name() or u.get_username()) for u in users],
        ]


class LinkSearchForm(IntakeForm):
    surname = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    date_of_birth = date_field(_("Geboortedatum"), required=False)
    bsn = forms.CharField(label=_("BSN"), max_length=11, required=False, validators=[validate_bsn])
    postcode = forms.CharField(
        label=_("Postcode"), max_length=7, required=False, validators=[validate_postcode]
    )
    house_number = forms.IntegerField(label=_("Huisnummer"), min_value=1, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (
            (data.get("surname") and data.get("date_of_birth"))
            or data.get("bsn")
            or (data.get("postcode") and data.get("house_number"))
        ):
            raise ValidationError(
                _("Zoek op achternaam en geboortedatum, op BSN, of op postcode en huisnummer.")
            )
        return data


class NewHouseholdForm(IntakeForm):
    given_names = forms.CharField(label=_("Voornamen"), max_length=150)
    surname = forms.CharField(label=_("Achternaam"), max_length=150)
    date_of_birth = date_field(_("Geboortedatum"))
    bsn = forms.CharField(label=_("BSN"), max_length=11, required=False, validators=[validate_bsn])
    street = forms.CharField(label=_("Straat"), max_length=150)
    house_number = forms.IntegerField(
        label=_("Huisnummer"), min_value=1, error_messages={"invalid": _("Vul een huisnummer in, zoals 12.")}
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=7, validators=[validate_postcode])
    city = forms.CharField(label=_("Plaats"), max_length=100)

    def household_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "street": data["street"],
            "house_number": data["house_number"],
            "postcode": data["postcode"],
            "city": data["city"],
            "relation": Relation.OTHER,
            "first_member": {
                "given_names": data["given_names"],
                "surname": data["surname"],
                "date_of_birth": data["date_of_birth"],
                "bsn": data.get("bsn") or "",
            },
        }


class PickUpForm(StevigForm):
    """'Ik pak dit op' has no fields: the button is the whole form; errors come from the service."""
