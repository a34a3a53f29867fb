"""Forms of the intake pages. Field errors are Dutch (B1). Django links errors and hints to the input with
`aria-describedby` (ids `<id>_error`, `<id>_helptext`); `_field.html` renders them with those ids."""

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

REQUIRED = _("Vul dit veld in.")
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
DATE_ERROR = _("Vul een goede datum in, zoals 17-05-1980.")
EMAIL_ERROR = _("Dit e-mailadres klopt niet. Schrijf het zo: naam@voorbeeld.nl.")

_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": DATE_ERROR, "required": REQUIRED},
        **kwargs,
    )


class IntakeForm(forms.Form):
    """NL Design System classes on every widget; invalid inputs marked; service errors mapped to fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "utrecht-checkbox utrecht-checkbox--html-input")
            elif isinstance(widget, forms.RadioSelect):
                widget.attrs.setdefault("class", "utrecht-radio-button utrecht-radio-button--html-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "utrecht-select utrecht-select--html-select")
            elif isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", "utrecht-textarea utrecht-textarea--html-textarea")
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "utrecht-checkbox utrecht-checkbox--html-input")
            elif not widget.is_hidden:
                widget.attrs.setdefault("class", _TEXTBOX)
            if field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
                field.error_messages["required"] = REQUIRED

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                css = widget.attrs.get("class", "")
                block = css.split(" ")[0]
                if (
                    block in ("utrecht-textbox", "utrecht-textarea", "utrecht-select")
                    and "--invalid" not in css
                ):
                    widget.attrs["class"] = f"{css} {block}--invalid"

    def add_service_errors(self, exc: ValidationError) -> None:
        """Show a service's ValidationError at the matching field, or above the form."""
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc)
            return
        for name, errors in exc.message_dict.items():
            self.add_error(name if name in self.fields else None, errors)
        # add_error runs after full_clean: mark the widgets again.
        for name in exc.message_dict:
            if name in self.fields:
                widget = self.fields[name].widget
                css = widget.attrs.get("class", "")
                block = css.split(" ")[0]
                if (
                    block in ("utrecht-textbox", "utrecht-textarea", "utrecht-select")
                    and "--invalid" not in css
                ):
                    widget.attrs["class"] = f"{css} {block}--invalid"


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
