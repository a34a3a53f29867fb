"""Forms of the safety pages. They check the input; the Meldcode rules live in the services, whose
ValidationErrors are shown on the same fields."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stevig.safety.meldcode import QUESTIONS, Outcome, questions_for_step
from stevig.safety.models import RiskLevel, Source
from stevig.trajectories.forms import DATE, PersonChoiceField
from stevig.web.forms import StevigForm

YES_NO = [("ja", _("ja")), ("nee", _("nee"))]


def yes_no(value: str | None) -> bool | None:
    return {"ja": True, "nee": False}.get(value or "")


class VersionedForm(StevigForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class OpenTrackForm(StevigForm):
    source = forms.ChoiceField(
        label=_("Waardoor maakt u zich zorgen?"), choices=Source.choices, widget=forms.RadioSelect
    )
    question = forms.ChoiceField(label=_("Welke hulpvraag?"), required=False)
    source_note = forms.CharField(
        label=_("Wat is het signaal?"),
        help_text=_("Bij een signaal van Veilig Thuis: wat meldden zij, wanneer, met welk kenmerk."),
        widget=forms.Textarea,
        required=False,
        max_length=10000,
    )

    def __init__(self, *args: Any, questions: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [("", _("(geen)"))] + (questions or [])  # type: ignore[attr-defined]


class StepForm(VersionedForm):
    done_on = forms.DateField(label=_("Datum"), widget=DATE)
    notes = forms.CharField(label=_("Aantekeningen"), widget=forms.Textarea, max_length=10000)

    def __init__(self, *args: Any, number: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if number == 2:
            self.fields["colleague_consulted"] = forms.CharField(
                label=_("Met welke collega overlegde u?"), required=False, max_length=200
            )
            self.fields["veilig_thuis_consulted"] = forms.BooleanField(
                label=_("Ik heb Veilig Thuis om advies gevraagd"), required=False
            )
            self.fields["veilig_thuis_advice"] = forms.CharField(
                label=_("Advies van Veilig Thuis"), widget=forms.Textarea(attrs={"rows": 3}), required=False
            )
        if number == 3:
            self.fields["not_done_for_safety"] = forms.BooleanField(
                label=_("Het gesprek is niet gevoerd, omdat het de veiligheid in gevaar brengt"),
                help_text=_("Schrijf dan bij de aantekeningen waarom."),
                required=False,
            )


def _question_field(number: int) -> forms.ChoiceField:
    question = QUESTIONS[number - 1]
    return forms.ChoiceField(
        label=f"{number}. {question.text}", choices=YES_NO, widget=forms.RadioSelect, required=False
    )


class WeighForm(VersionedForm):
    done_on = forms.DateField(label=_("Datum"), widget=DATE)
    notes = forms.CharField(
        label=_("Hoe weegt u het risico, de aard en de ernst?"), widget=forms.Textarea, max_length=10000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for q in questions_for_step(4):
            self.fields[f"q{q.number}"] = _question_field(q.number)


class DecideForm(VersionedForm):
    done_on = forms.DateField(label=_("Datum"), widget=DATE)

    def __init__(self, *args: Any, ask_questions: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if ask_questions:
            for q in questions_for_step(5):
                self.fields[f"q{q.number}"] = _question_field(q.number)
        self.fields["outcome"] = forms.ChoiceField(
            label=_("Wat besluit u?"), choices=Outcome.choices, widget=forms.RadioSelect
        )
        self.fields["outcome_reason"] = forms.CharField(
            label=_("Reden"),
            help_text=_("Verplicht als u niet meldt en geen hulp organiseert."),
            widget=forms.Textarea(attrs={"rows": 3}),
            required=False,
            max_length=10000,
        )
        self.fields["reported_on"] = forms.DateField(
            label=_("Datum van de melding bij Veilig Thuis"),
            help_text=_("Alleen als u meldt."),
            widget=DATE,
            required=False,
        )
        self.fields["notes"] = forms.CharField(
            label=_("Hoe kwam u tot dit besluit?"), widget=forms.Textarea, max_length=10000
        )


class FollowUpForm(VersionedForm):
    follow_up_on = forms.DateField(label=_("Wanneer hoorde u van Veilig Thuis?"), widget=DATE)
    follow_up = forms.CharField(label=_("Wat doet Veilig Thuis?"), widget=forms.Textarea, max_length=10000)


class NameColleagueForm(StevigForm):
    user = PersonChoiceField(label=_("Welke collega?"), queryset=None)  # type: ignore[arg-type]

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates  # type: ignore[attr-defined]


class RiskForm(VersionedForm):
    """One level and note per household member (fields `level_<id>` and `note_<id>`)."""

    def __init__(self, *args: Any, members: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        for row in members:
            rid = row.membership.resident_id
            name = row.membership.resident.full_name
            self.fields[f"level_{rid}"] = forms.ChoiceField(
                label=_("%(name)s (%(age)s jaar): risico") % {"name": name, "age": row.age},
                choices=RiskLevel.choices,
                initial=row.risk.level if row.risk else RiskLevel.UNKNOWN,
            )
            self.fields[f"note_{rid}"] = forms.CharField(
                label=_("Toelichting bij %(name)s") % {"name": name},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=row.risk.note if row.risk else "",
                max_length=10000,
            )

    def risks(self) -> dict[Any, tuple[str, str]]:
        return {
            row.membership.resident_id: (
                self.cleaned_data[f"level_{row.membership.resident_id}"],
                self.cleaned_data.get(f"note_{row.membership.resident_id}", ""),
            )
            for row in self.members
        }


class EmergencyForm(StevigForm):
    reason = forms.CharField(
        label=_("Waarom moet u dit veiligheidsspoor nu lezen?"),
        help_text=_("De privacy officer controleert dit. Uw toegang geldt 24 uur."),
        widget=forms.Textarea,
        max_length=2000,
    )
