"""Login forms: step 1 (username + password) and step 2 (code from the app or a backup code)."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _


class PasswordStepForm(forms.Form):
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


class CodeStepForm(forms.Form):
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
