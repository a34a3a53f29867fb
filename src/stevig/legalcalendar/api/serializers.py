from datetime import date

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from stevig.legalcalendar.calendar import SOURCE_ATW, SOURCE_DECREE, SOURCE_HOLIDAYS
from stevig.legalcalendar.clocks import MAX_WORKING_DAYS, RULES, Clock

# The calendar is only meaningful for years the law and the holiday library describe the same way.
MIN_YEAR = 1970
MAX_YEAR = 2100

SOURCE_CHOICES = [
    (SOURCE_HOLIDAYS, _("feestdag (bibliotheek holidays)")),
    (SOURCE_ATW, _("Algemene termijnenwet art. 3")),
    (SOURCE_DECREE, _("gelijkgesteld bij koninklijk besluit")),
]


def validate_year_range(value: date) -> None:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise serializers.ValidationError(
            _("Kies een datum tussen %(min)d en %(max)d.") % {"min": MIN_YEAR, "max": MAX_YEAR}
        )


class CalendarQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        required=False,
        help_text="Jaar; zonder jaar het huidige jaar.",
    )


class LegalNonWorkingDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    name = serializers.CharField()
    # DRF's metaclass moves declared fields off the class, so this does not shadow Field.source.
    source = serializers.ChoiceField(  # type: ignore[assignment]
        choices=SOURCE_CHOICES,
        help_text="holidays: uit de feestdagenbibliotheek; atw: door de Algemene termijnenwet zelf "
        "(5 mei elk jaar, Goede Vrijdag); decree: gelijkgesteld bij koninklijk besluit.",
    )
    expected = serializers.BooleanField(
        help_text="Waar voor een gelijkgestelde dag waarvoor nog geen besluit is gepubliceerd (verwacht)."
    )


class DeadlineQuerySerializer(serializers.Serializer):
    clock = serializers.ChoiceField(choices=Clock.choices, help_text="Welke wettelijke termijn.")
    start = serializers.DateField(
        validators=[validate_year_range],
        help_text=f"Datum van de gebeurtenis (melding, aanvraag, besluit ...), in de jaren {MIN_YEAR} tot en "
        f"met {MAX_YEAR}; een datum daarbuiten geeft 400.",
    )
    working_days = serializers.IntegerField(
        min_value=1,
        max_value=MAX_WORKING_DAYS,
        required=False,
        help_text="Verplicht bij MANDATE_REQUEST (het aantal werkdagen dat met de vakafdeling is afgesproken) "
        "en bij elke andere termijn weggelaten: die staat in de wet. Anders volgt 400.",
    )

    def validate(self, attrs: dict) -> dict:  # type: ignore[type-arg]
        needs_days = RULES[Clock(attrs["clock"])].amount is None
        if needs_days and attrs.get("working_days") is None:
            raise serializers.ValidationError(
                {"working_days": [_("Vul het aantal werkdagen in dat met de vakafdeling is afgesproken.")]}
            )
        if not needs_days and attrs.get("working_days") is not None:
            raise serializers.ValidationError(
                {"working_days": [_("Deze termijn staat in de wet. Vul hier geen aantal werkdagen in.")]}
            )
        return attrs


class LegalSkippedDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    reason = serializers.CharField(
        help_text="Waarom deze dag niet telt, bijvoorbeeld 'zaterdag' of 'Goede Vrijdag'."
    )


class LegalDeadlineSerializer(serializers.Serializer):
    clock = serializers.ChoiceField(choices=Clock.choices)
    clock_label = serializers.CharField()
    start = serializers.DateField()
    due = serializers.DateField(help_text="De laatste dag van de termijn.")
    days_left = serializers.IntegerField(
        help_text="Dagen tot en met de laatste dag; negatief als de termijn voorbij is."
    )
    term = serializers.CharField(help_text="Bijvoorbeeld '6 weken'.")
    legal_basis = serializers.CharField()
    term_end = serializers.DateField(help_text="Einde van de termijn bij gewoon tellen, vóór verlenging.")
    skipped = LegalSkippedDaySerializer(many=True, help_text="Dagen die niet meetellen, met de reden.")
    explanation = serializers.ListField(
        child=serializers.CharField(), help_text="De berekening in gewone taal."
    )
