"""Forms of the trajectory pages. They check the input; business rules live in the services, whose
ValidationErrors are shown on the same fields (`add_service_errors`)."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stevig.accounts.models import User
from stevig.datasharing.grounds import legal_basis_field
from stevig.people.models import HouseholdMembership
from stevig.tenancy.models import ExpertiseTag
from stevig.trajectories.models import (
    BasicHelp,
    CadenceUnit,
    Consultation,
    ContactKind,
    HelpKind,
    Phase,
    Trajectory,
)
from stevig.web.forms import DateInput, StevigForm

DATE = DateInput()


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.resident.full_name


class TableCheckedChoiceField(forms.ChoiceField):
    """Offers the allowed phases; any posted phase goes on to the service, which checks it against the
    phase table and explains a refusal ("Van plan naar waakvlam kan niet …")."""

    def valid_value(self, value: Any) -> bool:
        return True


class OpenTrajectoryForm(StevigForm):
    contact_person = PersonChoiceField(
        label=_("Vast aanspreekpunt"),
        queryset=User.objects.none(),
        help_text=_("De vaste contactpersoon voor dit huishouden."),
    )
    opened_from = forms.CharField(
        label=_("De vraag, in de woorden van de inwoner"),
        widget=forms.Textarea,
        max_length=5000,
    )
    question = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = colleagues  # type: ignore[attr-defined]


class PhaseForm(StevigForm):
    to_phase = TableCheckedChoiceField(label=_("Naar welke fase?"), widget=forms.RadioSelect, choices=())
    reason = forms.CharField(
        label=_("Waarom?"),
        widget=forms.Textarea,
        max_length=2000,
        required=False,
        help_text=_("Altijd nodig. Bij afsluiten: schrijf op waarom het traject klaar is."),
    )
    cadence_number = forms.IntegerField(
        label=_("Waakvlam: hoe vaak contact? Elke …"),
        required=False,
        min_value=1,
        max_value=365,
        help_text=_("Alleen bij waakvlam. Bijvoorbeeld elke 6 weken of elke 3 maanden."),
    )
    cadence_unit = forms.ChoiceField(
        label=_("Waakvlam: dagen, weken of maanden"),
        required=False,
        choices=[("", _("kies")), *CadenceUnit.choices],
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, trajectory: Trajectory, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The choices are the table's allowed next phases. A forbidden phase that is posted anyway is
        # passed on to the service, which refuses it with a clear message.
        self.fields["to_phase"].choices = [  # type: ignore[attr-defined]
            (p, Phase(p).label) for p in trajectory.allowed_next_phases
        ]


class VersionForm(StevigForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class InvolvedForm(StevigForm):
    user = PersonChoiceField(label=_("Welke collega?"), queryset=User.objects.none())

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates  # type: ignore[attr-defined]


class HandOverForm(StevigForm):
    contact_person = PersonChoiceField(
        label=_("Nieuw vast aanspreekpunt"),
        queryset=User.objects.none(),
        help_text=_("Werkt deze collega in een ander team? Dan gaat het dossier naar dat team."),
    )
    reason = forms.CharField(label=_("Waarom draagt u over?"), widget=forms.Textarea, max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = candidates  # type: ignore[attr-defined]


class ExpertiseForm(StevigForm):
    expertise = forms.ModelMultipleChoiceField(
        label=_("Welke expertise is nodig?"),
        queryset=ExpertiseTag.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, tags: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expertise"].queryset = tags  # type: ignore[attr-defined]


class BasicHelpForm(StevigForm):
    kind = forms.ChoiceField(label=_("Welke basishulp?"), choices=[("", _("kies")), *HelpKind.choices])
    description = forms.CharField(
        label=_("Wat doet u precies?"), widget=forms.Textarea, required=False, max_length=2000
    )
    provided_by = PersonChoiceField(label=_("Wie geeft de hulp?"), queryset=User.objects.none())
    intensity = forms.ChoiceField(
        label=_("Licht of intensief?"), choices=BasicHelp.Intensity.choices, widget=forms.RadioSelect
    )
    duration = forms.ChoiceField(
        label=_("Kort of lang?"), choices=BasicHelp.Duration.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Waarom deze hulp?"),
        widget=forms.Textarea,
        required=False,
        max_length=2000,
        help_text=_("Verplicht bij een creatieve maatwerkoplossing."),
    )
    start_date = forms.DateField(label=_("Startdatum"), widget=DATE)
    evaluation_date = forms.DateField(
        label=_("Evalueren op"), widget=DATE, help_text=_("Op of na de startdatum.")
    )

    def __init__(self, *args: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provided_by"].queryset = colleagues  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, evaluation = data.get("start_date"), data.get("evaluation_date")
        if start and evaluation and evaluation < start:
            self.add_error(
                "evaluation_date", _("De evaluatiedatum ligt voor de startdatum. Kies een latere datum.")
            )
        if data.get("kind") == HelpKind.CREATIVE and not (data.get("reason") or "").strip():
            self.add_error(
                "reason", _("Bij een creatieve maatwerkoplossing schrijft u op waarom deze hulp nodig is.")
            )
        return data


class EvaluationForm(StevigForm):
    evaluated_at = forms.DateField(label=_("Geëvalueerd op"), widget=DATE)
    note = forms.CharField(label=_("Wat kwam eruit?"), widget=forms.Textarea, required=False, max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ContactForm(StevigForm):
    kind = forms.ChoiceField(label=_("Soort contact"), choices=ContactKind.choices, widget=forms.RadioSelect)
    contact_date = forms.DateField(label=_("Datum"), widget=DATE)
    residents = PeopleChoiceField(
        label=_("Met wie uit het huishouden?"),
        queryset=HouseholdMembership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    with_others = forms.CharField(
        label=_("Met wie nog meer?"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld: de school, de huisarts, een buurvrouw."),
    )
    summary = forms.CharField(label=_("Korte samenvatting"), widget=forms.Textarea, max_length=4000)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["residents"].queryset = members  # type: ignore[attr-defined]
        self.fields["residents"].to_field_name = "resident_id"  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("contact_date", timezone.localdate())


class ConsultationForm(StevigForm):
    kind = forms.ChoiceField(
        label=_("Wat voor overleg?"), choices=Consultation.Kind.choices, widget=forms.RadioSelect
    )
    area = forms.ModelChoiceField(
        label=_("Expertise"), queryset=ExpertiseTag.objects.none(), empty_label=_("kies")
    )
    consulted = forms.CharField(label=_("Wie of welke organisatie?"), max_length=200)
    consultation_date = forms.DateField(label=_("Datum"), widget=DATE)
    question = forms.CharField(label=_("Uw vraag"), widget=forms.Textarea, max_length=4000)
    advice = forms.CharField(label=_("Het advies"), widget=forms.Textarea, required=False, max_length=4000)
    follow_up_date = forms.DateField(
        label=_("Wanneer gaat u na hoe het gaat?"),
        widget=DATE,
        required=False,
        help_text=_("Verplicht bij een verwijzing. Het team blijft het aanspreekpunt."),
    )
    legal_basis = legal_basis_field("specialist")

    def __init__(self, *args: Any, tags: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = tags  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("consultation_date", timezone.localdate())


#: Older name of the project base form, for code written before the one form layer.
UtrechtForm = StevigForm
