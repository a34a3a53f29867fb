from rest_framework import serializers

from stevig.core.fields import LocalTimeField
from stevig.tenancy.models import ExpertiseTag, Location, OpeningHours


class ExpertiseTagSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExpertiseTag
        fields = ["id", "name"]
        read_only_fields = fields


class OpeningHoursSerializer(serializers.ModelSerializer):
    opens = LocalTimeField(read_only=True, label="Van")
    closes = LocalTimeField(read_only=True, label="Tot")

    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens", "closes", "note"]
        read_only_fields = fields


class LocationSerializer(serializers.ModelSerializer):
    neighbourhood = serializers.CharField(
        source="neighbourhood.name", default=None, allow_null=True, read_only=True
    )
    team = serializers.UUIDField(source="team_id", allow_null=True, read_only=True)
    opening_hours = OpeningHoursSerializer(many=True, read_only=True)

    class Meta:
        model = Location
        fields = [
            "id",
            "name",
            "kind",
            "street",
            "house_number",
            "postcode",
            "city",
            "neighbourhood",
            "team",
            "accessibility_notes",
            "opening_hours",
        ]
        read_only_fields = fields
