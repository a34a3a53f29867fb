from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stevig.datasharing.models import (
    Consent,
    ConsentMethod,
    DataCategory,
    LegalBasis,
    RecipientKind,
    RequestStatus,
    RestrictionGround,
    SubjectRight,
)
from stevig.people.models import HouseholdMembership
from stevig.web.forms import DateInput, StevigForm

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ConsentForm(StevigForm):
    resident = forms.ChoiceField(
        label=_("Wie geeft toestemming?"), error_messages={"required": _("Kies wie toestemming geeft.")}
    )
    given_on = forms.DateField(
        label=_("Wanneer?"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Vul de datum in."), "invalid": _("Vul een datum in, zoals 2-3-2026.")},
    )
    method = forms.ChoiceField(label=_("Hoe gaf de inwoner toestemming?"), choices=ConsentMethod.choices)
    purpose = forms.CharField(
        label=_("Waarvoor?"),
        help_text=_("Het doel. Bijvoorbeeld: 'Schuldhulpverlening mag meekijken naar de schulden'."),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Vul in waarvoor de toestemming is.")},
    )
    recipient = forms.CharField(label=_("Aan wie mag het?"), max_length=200, required=False)
    categories = forms.MultipleChoiceField(
        label=_("Welke gegevens mogen gedeeld worden?"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies welke gegevens gedeeld mogen worden.")},
    )
    health_explicit = forms.BooleanField(
        label=_("Gezondheid: de inwoner zei apart en uitdrukkelijk ja"),
        help_text=_(
            "Gezondheid is een bijzonder gegeven (AVG artikel 9). Vraag er apart naar. Zet het vinkje alleen "
            "als de inwoner daar zelf duidelijk ja op zei."
        ),
        required=False,
    )

    def __init__(self, *args: Any, members: list[HouseholdMembership], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "toestemming_%s")
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [("", _("Kies een persoon"))] + [  # type: ignore[attr-defined]
            (str(m.resident_id), m.resident.full_name) for m in members
        ]


class WithdrawForm(StevigForm):
    note = forms.CharField(label=_("Toelichting"), widget=TEXTAREA, max_length=5000, required=False)


class DisclosureForm(StevigForm):
    recipient_kind = forms.ChoiceField(label=_("Soort ontvanger"), choices=RecipientKind.choices)
    recipient = forms.CharField(
        label=_("Aan wie gaf u gegevens?"),
        max_length=200,
        error_messages={"required": _("Vul in aan wie u de gegevens gaf.")},
    )
    purpose = forms.CharField(
        label=_("Waarom (het doel)?"),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Vul het doel in.")},
    )
    legal_basis = forms.ChoiceField(
        label=_("Grondslag"),
        choices=[("", _("Kies een grondslag")), *LegalBasis.choices],
        error_messages={"required": _("Kies de grondslag.")},
    )
    consent = forms.ChoiceField(
        label=_("Toestemming"), help_text=_("Alleen bij de grondslag 'toestemming'."), required=False
    )
    residents = forms.MultipleChoiceField(
        label=_("Over wie?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies over wie.")},
    )
    categories = forms.MultipleChoiceField(
        label=_("Welke gegevens?"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies welke gegevens u gaf.")},
    )
    disclosed_on = forms.DateField(
        label=_("Wanneer?"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Vul de datum in."), "invalid": _("Vul een datum in, zoals 2-3-2026.")},
    )

    def __init__(
        self, *args: Any, members: list[HouseholdMembership], consents: list[Consent], **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "delen_%s")
        super().__init__(*args, **kwargs)
        self.fields["residents"].choices = [(str(m.resident_id), m.resident.full_name) for m in members]  # type: ignore[attr-defined]
        self.fields["consent"].choices = [("", _("Geen toestemming gekozen"))] + [  # type: ignore[attr-defined]
            (str(c.id), f"{c.resident.full_name}, {c.given_on:%d-%m-%Y}: {c.purpose}")
            for c in consents
            if c.is_active
        ]


# The browser's date picker needs the value as ISO (YYYY-MM-DD): a plain DateInput with type="date" rendered
# an initial date (today's receipt date, a birth date to correct) in the Dutch format, so the picker showed
# it empty and the form was posted without it.
DATE = DateInput()
DATE_ERRORS = {"required": _("Vul de datum in."), "invalid": _("Vul een datum in, zoals 2-3-2026.")}


class SubjectRequestForm(StevigForm):
    """A worker registers an AVG art. 16 or 18 request for a resident."""

    resident = forms.ChoiceField(
        label=_("Van wie is het verzoek?"), error_messages={"required": _("Kies van wie het verzoek is.")}
    )
    right = forms.ChoiceField(
        label=_("Wat vraagt de inwoner?"), choices=SubjectRight.choices, widget=forms.RadioSelect
    )
    what = forms.CharField(
        label=_("Om welke gegevens gaat het?"),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Schrijf op om welke gegevens het gaat.")},
    )
    correction = forms.CharField(
        label=_("Wat moet er wel staan?"),
        help_text=_("Alleen bij verbeteren."),
        widget=TEXTAREA,
        max_length=5000,
        required=False,
    )
    ground = forms.ChoiceField(
        label=_("Waarom minder met de gegevens doen?"),
        help_text=_("Alleen bij beperken."),
        choices=[("", _("Geen (verbeteren)")), *RestrictionGround.choices],
        required=False,
    )
    received_on = forms.DateField(label=_("Ontvangen op"), widget=DATE, error_messages=DATE_ERRORS)

    def __init__(self, *args: Any, members: list[HouseholdMembership], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "verzoek_%s")
        super().__init__(*args, **kwargs)
        self.fields["resident"].choices = [("", _("Kies een persoon"))] + [  # type: ignore[attr-defined]
            (str(m.resident_id), m.resident.full_name) for m in members
        ]


class VersionForm(StevigForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ExtendForm(VersionForm):
    reason = forms.CharField(
        label=_("Waarom heeft u meer tijd nodig?"),
        help_text=_("De inwoner krijgt deze reden te horen."),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Schrijf op waarom u meer tijd nodig heeft.")},
    )
    informed_on = forms.DateField(
        label=_("Wanneer liet u het de inwoner weten?"), widget=DATE, error_messages=DATE_ERRORS
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "verlengen_%s")
        super().__init__(*args, **kwargs)


class DecideForm(VersionForm):
    outcome = forms.ChoiceField(
        label=_("Besluit"),
        choices=[
            (RequestStatus.GRANTED, RequestStatus.GRANTED.label),
            (RequestStatus.PARTLY_GRANTED, RequestStatus.PARTLY_GRANTED.label),
            (RequestStatus.REFUSED, RequestStatus.REFUSED.label),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Uitleg voor de inwoner"),
        help_text=_(
            "Bij afwijzen: schrijf waarom, en dat de inwoner een klacht kan indienen bij de Autoriteit "
            "Persoonsgegevens of naar de rechter kan gaan (AVG artikel 12 lid 4)."
        ),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Schrijf op waarom.")},
    )

    # AVG art. 16: what the resident's own data must become when a rectification is granted. Shown only for
    # a rectification request, filled with the current values; the view passes only the fields that were
    # posted, and the service applies only what changed.
    given_names = forms.CharField(label=_("Voornamen"), max_length=150, required=False)
    # The metaclass moves declared fields into base_fields, so this does not shadow Form.prefix.
    prefix = forms.CharField(label=_("Tussenvoegsel"), max_length=20, required=False)  # type: ignore[assignment]
    surname = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"), widget=DATE, required=False, error_messages=DATE_ERRORS
    )
    phone = forms.CharField(label=_("Telefoon"), max_length=20, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Vul een e-mailadres in, zoals naam@voorbeeld.nl.")},
    )
    preferred_language = forms.CharField(label=_("Voorkeurstaal"), max_length=40, required=False)
    resident_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    CORRECTION_FIELDS = (
        "given_names",
        "prefix",
        "surname",
        "date_of_birth",
        "phone",
        "email",
        "preferred_language",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "besluit_%s")
        super().__init__(*args, **kwargs)

    def decision_fields(self) -> list[Any]:
        return [self[name] for name in ("version", "outcome", "reason")]

    def correction_fields(self) -> list[Any]:
        return [self[name] for name in self.CORRECTION_FIELDS]


class LiftForm(VersionForm):
    reason = forms.CharField(
        label=_("Waarom stopt de beperking?"),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Schrijf op waarom de beperking stopt.")},
    )
    informed_on = forms.DateField(
        label=_("Wanneer liet u het de inwoner weten?"),
        help_text=_("Dat moet eerst (AVG artikel 18 lid 3)."),
        widget=DATE,
        error_messages=DATE_ERRORS,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "opheffen_%s")
        super().__init__(*args, **kwargs)


TYPED_IN = "handmatig"


class RegisterFilterForm(StevigForm):
    legal_basis = forms.ChoiceField(
        label=_("Grondslag"), choices=[("", _("Alle grondslagen")), *LegalBasis.choices], required=False
    )
    source_type = forms.ChoiceField(
        label=_("Waardoor gedeeld"),
        choices=[
            ("", _("Alles")),
            ("mandaatverzoek", _("mandaatverzoek")),
            ("beschikking", _("beschikking aan de zorgaanbieder")),
            ("verwijzing", _("verwijzing")),
            ("consultatie", _("consultatie")),
            ("inzage", _("inzage (AVG artikel 15) aan de inwoner")),
            (TYPED_IN, _("vastgelegd op de registerpagina")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
