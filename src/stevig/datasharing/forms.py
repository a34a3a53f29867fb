from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stevig.datasharing.models import Consent, ConsentMethod, DataCategory, LegalBasis, RecipientKind
from stevig.people.models import HouseholdMembership
from stevig.web.forms import StevigForm

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
