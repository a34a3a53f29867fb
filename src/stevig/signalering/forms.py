"""Forms of the signalering pages (the services check the rules again)."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from stevig.signalering.models import Category, Status
from stevig.signalering.services import MAX_DESCRIPTION


class SignalForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Soort knelpunt"), choices=[("", _("Kies een soort")), *list(Category.choices)]
    )
    description = forms.CharField(
        label=_("Wat loopt er vast?"),
        help_text=_(
            "Beschrijf wat in het systeem niet werkt, niet over wie het gaat. Geen namen, geen BSN, "
            "geen geboortedatum, geen adres."
        ),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    neighbourhood = forms.ChoiceField(label=_("Wijk"), required=False)
    facility = forms.ChoiceField(label=_("Gaat het over een voorziening?"), required=False)
    department = forms.ChoiceField(label=_("Gaat het over een vakafdeling?"), required=False)
    warned = forms.CharField(required=False, widget=forms.HiddenInput)
    traject = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, neighbourhoods: Any, facilities: Any, departments: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["neighbourhood"]).choices = [("", _("Hele gemeente"))] + [
            (str(n.id), n.name) for n in neighbourhoods
        ]
        cast(forms.ChoiceField, self.fields["facility"]).choices = [("", _("Nee"))] + [
            (str(f.id), f.name) for f in facilities
        ]
        cast(forms.ChoiceField, self.fields["department"]).choices = [("", _("Nee"))] + [
            (str(d.id), d.name) for d in departments
        ]


class GroupForm(forms.Form):
    title = forms.CharField(
        label=_("Naam van de groep"),
        max_length=120,
        help_text=_("Kort en duidelijk, bijvoorbeeld: wachtlijst GGZ."),
    )


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe stand"), choices=[])
    reason = forms.CharField(
        label=_("Antwoord aan de medewerkers"),
        help_text=_("Schrijf op wat beleid doet en waarom. De medewerkers en hun team lezen dit."),
        error_messages={"required": _("Schrijf op waarom. De medewerkers lezen dit antwoord.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, statuses: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = statuses


STATUS_LABELS = dict(Status.choices)
