"""Forms of the self-assessment pages (field checks only; the services check the rules again)."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from stevig.selfassessment.models import ActionStatus, Group, Level, Principle
from stevig.web.forms import StevigForm, date_field


class RoundForm(StevigForm):
    title = forms.CharField(label=_("Naam van de ronde"), max_length=120)
    period = forms.CharField(
        label=_("Periode"),
        max_length=7,
        help_text=_(
            "Een kwartaal (bijvoorbeeld 2026-K1) of een jaar (bijvoorbeeld 2026). De cijfers gaan over deze periode."
        ),
    )


class ParticipantForm(StevigForm):
    group = forms.ChoiceField(label=_("Groep"), choices=[("", _("Kies een groep")), *Group.choices])
    user = forms.ChoiceField(label=_("Medewerker"), required=False)
    name = forms.CharField(
        label=_("Of: naam van de partner"),
        max_length=120,
        required=False,
        help_text=_("Een partner heeft geen account. U vult de scores van de partner in."),
    )

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["user"]).choices = [("", _("Geen (een partner)"))] + [
            (str(u.pk), f"{u.get_full_name() or u.username} ({u.get_role_display()})") for u in users
        ]


class AnswersForm(StevigForm):
    """One radio group per statement, named `stelling_<id>`."""

    def __init__(self, *args: Any, principles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for group in principles:
            for statement, level in group.statements:
                self.fields[f"stelling_{statement.id}"] = forms.TypedChoiceField(
                    label=statement.text,
                    choices=Level.choices,
                    coerce=int,
                    widget=forms.RadioSelect,
                    initial=level,
                    error_messages={
                        "required": _("Kies een antwoord bij deze stelling."),
                        "invalid_choice": _("Kies niet, beginnend, grotendeels of volledig."),
                    },
                )
                self.fields[f"stelling_{statement.id}"].principle = group.principle  # type: ignore[attr-defined]

    def grouped(self) -> list[tuple[Principle, list[forms.BoundField]]]:
        result: dict[int, tuple[Principle, list[forms.BoundField]]] = {}
        for name in self.fields:
            principle = self.fields[name].principle  # type: ignore[attr-defined]
            result.setdefault(principle.number, (principle, []))[1].append(self[name])
        return list(result.values())


class ActionForm(StevigForm):
    principle = forms.TypedChoiceField(label=_("Bij welk principe?"), coerce=int)
    description = forms.CharField(
        label=_("Wat gaan we doen?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = forms.ChoiceField(label=_("Wie doet het?"))
    due_on = date_field(_("Klaar op"))

    def __init__(self, *args: Any, principles: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["principle"]).choices = [("", _("Kies een principe"))] + [
            (p.number, str(p)) for p in principles
        ]
        cast(forms.ChoiceField, self.fields["owner"]).choices = [("", _("Kies een persoon"))] + [
            (str(u.pk), f"{u.get_full_name() or u.username} ({u.get_role_display()})") for u in users
        ]


class ActionStatusForm(StevigForm):
    status = forms.ChoiceField(label=_("Stand"), choices=ActionStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class CloseForm(StevigForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReportForm(StevigForm):
    period = forms.CharField(
        label=_("Kwartaal"),
        max_length=7,
        help_text=_("Bijvoorbeeld 2026-K1 (januari tot en met maart 2026)."),
    )
