from django import forms
from django.utils.translation import gettext_lazy as _

from stevig.istandaarden.services import REJECTION_REASONS

VERDICTS = [
    ("toewijzen", _("Toewijzen: de aanbieder krijgt een nieuwe toewijzing (301)")),
    ("in-onderzoek", _("In onderzoek: de gemeente bekijkt het verzoek nog (319)")),
    ("afgewezen", _("Afwijzen: de aanbieder krijgt een afwijzing met reden (319)")),
]


class AnswerForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Uw antwoord"), choices=VERDICTS, widget=forms.RadioSelect)
    reason = forms.ChoiceField(
        label=_("Reden van afwijzen"),
        choices=[("", _("Kies een reden (alleen bij afwijzen)")), *REJECTION_REASONS.items()],
        required=False,
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        if data.get("verdict") == "afgewezen" and not data.get("reason"):
            self.add_error("reason", _("Kies de reden van afwijzen."))
        return data
