"""The forms of Mijn Stevig (field checks only; the rules are in `portal.services`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stevig.datasharing.models import DataCategory
from stevig.web.forms import StevigForm


class FollowForm(StevigForm):
    reference = forms.CharField(
        label=_("Uw code"), max_length=20, help_text=_("Deze code begint met HV, zoals HV-7K3Q-9D.")
    )
    secret = forms.CharField(label=_("Uw geheime code"), max_length=30, help_text=_("Zoals K7PM-Q2XR-9HTD."))


class MessageForm(StevigForm):
    text = forms.CharField(label=_("Uw bericht"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6}))


class ConsentForm(StevigForm):
    for_resident = forms.TypedChoiceField(
        label=_("Voor wie geldt het?"), widget=forms.RadioSelect, coerce=str
    )
    recipient = forms.CharField(
        label=_("Met wie mogen wij het delen?"),
        max_length=200,
        help_text=_("Bijvoorbeeld: de huisarts, of de school van mijn kind."),
    )
    purpose = forms.CharField(
        label=_("Waarvoor?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Schrijf het kort op. Bijvoorbeeld: zodat de huisarts weet welke hulp ik krijg."),
    )
    categories = forms.MultipleChoiceField(
        label=_("Welke gegevens?"), choices=DataCategory.choices, widget=forms.CheckboxSelectMultiple
    )
    health_explicit = forms.BooleanField(
        label=_("Ja, u mag ook gegevens over mijn gezondheid delen."),
        required=False,
        help_text=_("Alleen nodig als u gezondheid kiest. Gezondheid is een bijzonder gegeven."),
    )

    def __init__(self, *args, people=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        field = self.fields["for_resident"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(p.id), _("mijzelf") if i == 0 else p.full_name) for i, p in enumerate(people)]
        if len(people) == 1:
            field.initial = str(people[0].id)


class SubjectRequestForm(StevigForm):
    """AVG art. 16 and 18 in plain words."""

    for_resident = forms.TypedChoiceField(label=_("Over wie gaat het?"), widget=forms.RadioSelect, coerce=str)
    right = forms.ChoiceField(
        label=_("Wat wilt u?"),
        widget=forms.RadioSelect,
        choices=[
            ("rectificatie", _("Mijn gegevens kloppen niet. Ik wil dat u ze verbetert of aanvult.")),
            ("beperking", _("Ik wil dat u minder met mijn gegevens doet: alleen bewaren, niet gebruiken.")),
        ],
    )
    what = forms.CharField(
        label=_("Om welke gegevens gaat het?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: mijn telefoonnummer, of wat er staat over mijn gezondheid."),
    )
    correction = forms.CharField(
        label=_("Wat moet er wel staan?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen als u iets wilt laten verbeteren."),
    )
    ground = forms.ChoiceField(
        label=_("Waarom wilt u dat wij minder met uw gegevens doen?"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("juistheid", _("De gegevens kloppen niet. Zoek het eerst uit.")),
            ("onrechtmatig", _("U mocht deze gegevens niet gebruiken. Ik wil niet dat u ze weggooit.")),
            ("rechtsvordering", _("Ik heb de gegevens nodig voor een rechtszaak.")),
            ("bezwaar", _("Ik heb bezwaar gemaakt tegen het gebruik. Dat wordt nog bekeken.")),
        ],
        help_text=_("Alleen als u wilt dat wij minder met uw gegevens doen."),
    )

    def __init__(self, *args, people=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        field = self.fields["for_resident"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(p.id), _("mijzelf") if i == 0 else p.full_name) for i, p in enumerate(people)]
        if len(people) == 1:
            field.initial = str(people[0].id)
