"""Forms of the privacy officer's pages; the log filter also validates the API's query parameters.

Fields render through the project's form renderer (`stevig.web.forms`)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from stevig.audit.models import Outcome
from stevig.audit.selectors import AccessLogFilter
from stevig.people.validators import validate_bsn
from stevig.web.forms import DateInput, StevigForm

BOOLEAN_CHOICES = [
    ("", _("Alle regels")),
    ("true", _("Alleen noodtoegang")),
    ("false", _("Zonder noodtoegang")),
]


def _to_bool(value: str) -> bool:
    return value == "true"


class AccessLogFilterForm(StevigForm):
    """Filters of the access log. The HTML names (and API parameters) are resident, user, from, to,
    outcome and emergency."""

    PARAMETER_NAMES = {"date_from": "from", "date_to": "to"}

    resident = forms.UUIDField(
        label=_("Inwoner (ID)"),
        required=False,
        error_messages={
            "invalid": _("Dit is geen geldig inwoner-ID. Zoek de inwoner hieronder op naam of BSN.")
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    user = forms.CharField(
        label=_("Gebruikersnaam van de medewerker"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    date_from = forms.DateField(
        label=_("Vanaf datum"),
        required=False,
        error_messages={"invalid": _("Vul een datum in, zoals 2025-03-31.")},
        widget=DateInput(),
    )
    date_to = forms.DateField(
        label=_("Tot en met datum"),
        required=False,
        error_messages={"invalid": _("Vul een datum in, zoals 2025-03-31.")},
        widget=DateInput(),
    )
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        required=False,
        choices=[("", _("Alle uitkomsten")), *Outcome.choices],
        error_messages={"invalid_choice": _("Kies een uitkomst uit de lijst.")},
        widget=forms.Select(),
    )
    emergency = forms.TypedChoiceField(
        label=_("Noodtoegang"),
        required=False,
        choices=BOOLEAN_CHOICES,
        coerce=_to_bool,
        empty_value=None,
        error_messages={"invalid_choice": _("Kies een waarde uit de lijst.")},
        widget=forms.Select(),
    )

    def add_prefix(self, field_name: str) -> str:
        return super().add_prefix(self.PARAMETER_NAMES.get(field_name, field_name))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Deze datum ligt voor de begindatum. Kies een latere datum."))
        return data

    def to_filter(self) -> AccessLogFilter:
        data = self.cleaned_data
        return AccessLogFilter(
            resident_id=data.get("resident"),
            username=(data.get("user") or "").strip(),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            outcome=data.get("outcome") or "",
            emergency=data.get("emergency"),
        )

    def api_errors(self) -> dict[str, list[str]]:
        """Errors keyed by the parameter names the caller used."""
        return {self.PARAMETER_NAMES.get(k, k): [str(m) for m in v] for k, v in self.errors.items()}


class ResidentLookupForm(StevigForm):
    """Find the resident of a data-subject request. Sent by POST: a BSN never goes into a URL."""

    name = forms.CharField(
        label=_("Naam"),
        required=False,
        max_length=100,
        help_text=_("Begin van de achternaam of voornaam."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=11,
        validators=[validate_bsn],
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not (data.get("name", "").strip() or data.get("bsn", "").strip()):
            raise forms.ValidationError(_("Vul een naam of een BSN in."), code="empty")
        return data


class ReviewForm(StevigForm):
    note = forms.CharField(
        label=_("Uw beoordeling"),
        max_length=2000,
        help_text=_("Schrijf op of de noodtoegang terecht was, en waarom."),
        error_messages={
            "required": _("Schrijf een korte beoordeling."),
            "max_length": _("Gebruik hoogstens 2000 tekens."),
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_note(self) -> str:
        note = self.cleaned_data["note"].strip()
        if len(note) < 5:
            raise forms.ValidationError(_("Schrijf een korte beoordeling (minstens 5 tekens)."))
        return note
