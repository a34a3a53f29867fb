"""Login forms: step 1 (username + password) and step 2 (code from the app or a backup code)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from stevig.web.forms import StevigForm


class PasswordStepForm(StevigForm):
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        ),
        error_messages={"required": _("Vul uw gebruikersnaam in.")},
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vul uw wachtwoord in.")},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)


_CODE_RE = re.compile(r"^(\d{6}|[a-z0-9]{8})$")


class CodeStepForm(StevigForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("De 6 cijfers uit de app op uw telefoon. Of een reservecode van 8 tekens."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
        error_messages={"required": _("Vul de code in.")},
    )

    def clean_code(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"]).lower()
        if not _CODE_RE.match(code):
            raise forms.ValidationError(
                _("Een code heeft 6 cijfers. Een reservecode heeft 8 letters en cijfers."), code="format"
            )
        return code

    @property
    def is_app_code(self) -> bool:
        return self.cleaned_data["code"].isdigit()


class EnrolmentForm(StevigForm):
    """New password (twice) and one code from the newly set up app."""

    password1 = forms.CharField(
        label=_("Nieuw wachtwoord"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Kies een wachtwoord.")},
        help_text=_("Minstens 12 tekens. Geen woord of wachtwoord dat veel mensen gebruiken."),
    )
    password2 = forms.CharField(
        label=_("Nog een keer hetzelfde wachtwoord"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Typ het wachtwoord nog een keer.")},
    )
    code = forms.RegexField(
        label=_("Code uit de app"),
        regex=r"^\d{6}$",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={
            "required": _("Vul de code uit de app in."),
            "invalid": _("De code heeft 6 cijfers."),
        },
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("De twee wachtwoorden zijn niet hetzelfde."))
        return cleaned


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de sleutel"),
        max_length=100,
        help_text=_("Waarvoor gebruikt u hem? Bijvoorbeeld: koppeling met de agenda."),
        error_messages={"required": _("Geef de sleutel een naam.")},
    )
    days = forms.IntegerField(
        label=_("Hoeveel dagen geldig"),
        min_value=1,
        max_value=366,
        initial=90,
        error_messages={
            "required": _("Vul een aantal dagen in."),
            "min_value": _("Kies 1 tot 366 dagen."),
            "max_value": _("Kies 1 tot 366 dagen."),
            "invalid": _("Vul een heel getal in."),
        },
    )
