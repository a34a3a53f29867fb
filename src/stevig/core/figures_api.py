"""The one API shape of a published figure (see `stevig.core.suppression`)."""

from rest_framework import serializers


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    numerator = serializers.IntegerField(allow_null=True, help_text="Leeg als het getal verborgen is.")
    denominator = serializers.IntegerField(allow_null=True)
    share = serializers.FloatField(allow_null=True, help_text="0..1; leeg als het niet getoond wordt.")
    suppressed = serializers.BooleanField(help_text="Te weinig gevallen om te tonen.")
    bound = serializers.CharField(
        help_text='Grens in plaats van een precies aandeel, bijv. "ten minste 96 %".'
    )
    display = serializers.CharField(help_text="Zoals op de pagina.")


class CellSerializer(serializers.Serializer):
    value = serializers.IntegerField(allow_null=True, help_text="Leeg als het getal verborgen is.")
    display = serializers.CharField(help_text='"<5" (1 tot en met 4), "x" (verborgen) of het getal.')
