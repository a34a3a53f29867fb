"""Forms of the mandate pages. They check the input; the services check the business rules."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stevig.analysis.models import Domain, Score
from stevig.datasharing.models import Consent, LegalBasis
from stevig.mandates.models import Urgency
from stevig.mandates.selectors import Shareable
from stevig.tenancy.models import Department
from stevig.web.forms import StevigForm

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class SendRequestForm(StevigForm):
    department = forms.ModelChoiceField(
        label=_("Welke vakafdeling moet iets doen?"),
        queryset=Department.objects.none(),
        empty_label=_("Kies een vakafdeling"),
        error_messages={"required": _("Kies de vakafdeling die iets moet doen.")},
    )
    ask = forms.CharField(
        label=_("Wat is er nodig?"),
        help_text=_(
            "Schrijf concreet op wat de afdeling moet doen. Bijvoorbeeld: 'Zet de huurschuld om in een betalingsregeling'."
        ),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Schrijf concreet op wat de afdeling moet doen.")},
    )
    reason = forms.CharField(
        label=_("Waarom is dit nodig?"),
        help_text=_("Uw conclusie na het gesprek en de analyse, samen met de inwoner."),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Schrijf op waarom dit nodig is.")},
    )
    urgency = forms.ChoiceField(label=_("Hoe snel?"), choices=Urgency.choices, initial=Urgency.NORMAL)
    residents = forms.MultipleChoiceField(
        label=_("Voor wie is het verzoek?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies voor wie het verzoek is.")},
    )
    scores = forms.MultipleChoiceField(
        label=_("Welke delen van de analyse deelt u?"),
        help_text=_(
            "Deel alleen wat de afdeling nodig heeft. De afdeling ziet niets anders van het dossier."
        ),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    goals = forms.MultipleChoiceField(
        label=_("Welke doelen uit het plan deelt u?"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    legal_basis = forms.ChoiceField(
        label=_("Grondslag: waarom mag u deze gegevens delen?"),
        choices=[("", _("Kies een grondslag")), *LegalBasis.choices],
        error_messages={"required": _("Kies de grondslag.")},
    )
    consent = forms.ChoiceField(
        label=_("Toestemming van de inwoner"),
        help_text=_("Alleen nodig als de grondslag 'toestemming' is."),
        required=False,
    )

    def __init__(
        self, *args: Any, municipality_id: Any, parts: Shareable, consents: list[Consent], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(municipality_id=municipality_id).order_by("name")
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["residents"].choices = [(str(m.resident_id), m.resident.full_name) for m in parts.members]  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("residents", [str(m.resident_id) for m in parts.members])
        self.fields["scores"].choices = [  # type: ignore[attr-defined]
            (
                str(s.id),
                f"{s.analysis.resident.full_name} - {Domain(s.domain).label}: {s.score} ({Score(s.score).label})"
                + (f" - {s.note}" if s.note else ""),
            )
            for s in parts.scores
        ]
        self.fields["goals"].choices = [(str(g.id), g.text) for g in parts.goals]  # type: ignore[attr-defined]
        self.fields["consent"].choices = [("", _("Geen toestemming gekozen"))] + [  # type: ignore[attr-defined]
            (str(c.id), f"{c.resident.full_name}, {c.given_on:%d-%m-%Y}: {c.purpose}") for c in consents
        ]
        if not parts.scores:
            del self.fields["scores"]
        if not parts.goals:
            del self.fields["goals"]


class VersionForm(StevigForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class CompleteForm(VersionForm):
    outcome = forms.CharField(
        label=_("Wat heeft u gedaan?"),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Schrijf op wat u heeft gedaan.")},
    )
    deviation_reason = forms.CharField(
        label=_("Deed u iets anders dan gevraagd? Schrijf dan op waarom."),
        widget=TEXTAREA,
        max_length=5000,
        required=False,
    )


class RejectForm(VersionForm):
    reason = forms.CharField(
        label=_("Waarom wijst u het verzoek af?"),
        help_text=_("Het verzoek gaat dan naar de coördinator. Die beslist."),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Schrijf op waarom u het verzoek afwijst.")},
    )


class DecisionForm(VersionForm):
    decision = forms.CharField(
        label=_("Uw besluit"),
        help_text=_("Wat moet de afdeling doen, en waarom? De afdeling moet dit uitvoeren."),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Schrijf uw besluit op.")},
    )


class AskForm(VersionForm):
    question = forms.CharField(
        label=_("Uw vraag aan de medewerker"),
        help_text=_("De medewerker ziet uw vraag op haar werklijst en antwoordt in dit verzoek."),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Schrijf uw vraag aan de medewerker op.")},
    )


class AnswerForm(VersionForm):
    answer = forms.CharField(
        label=_("Uw antwoord aan de afdeling"),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Schrijf uw antwoord aan de afdeling op.")},
    )


class ConfirmRejectionForm(VersionForm):
    note = forms.CharField(
        label=_("Waarom is de afwijzing terecht?"),
        help_text=_("De medewerker leest dit. Het verzoek blijft afgewezen."),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Schrijf op waarom de afwijzing terecht is. De medewerker leest dit.")},
    )


class SendBackForm(VersionForm):
    note = forms.CharField(
        label=_("Wat moet de medewerker aanpassen?"),
        help_text=_("De medewerker past het verzoek aan en verstuurt het opnieuw."),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Schrijf op wat de medewerker moet aanpassen.")},
    )


class ResendForm(VersionForm):
    ask = forms.CharField(
        label=_("Wat moet de afdeling doen?"),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Schrijf op wat de afdeling moet doen.")},
    )
    reason = forms.CharField(
        label=_("Waarom is het nodig?"),
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"required": _("Schrijf op waarom het nodig is.")},
    )
