import datetime as dt
from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from stevig.core import figures_api
from stevig.core.api import CachedModelSerializer
from stevig.trajectories.models import (
    BasicHelp,
    CadenceUnit,
    Consultation,
    Contact,
    ContactKind,
    HelpKind,
    Phase,
    PilotLight,
    Trajectory,
)


def _name(user: Any) -> str:
    return user.get_full_name() or user.get_username()


class PersonSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()


class MemberSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="resident_id")
    name = serializers.CharField(source="resident.full_name")
    relation = serializers.CharField()


class PilotLightSerializer(CachedModelSerializer):
    missed = serializers.SerializerMethodField()

    class Meta:
        model = PilotLight
        fields = [
            "id",
            "cadence_number",
            "cadence_unit",
            "started_on",
            "last_contact_on",
            "next_due",
            "missed",
            "version",
        ]
        read_only_fields = fields

    def get_missed(self, obj: PilotLight) -> bool:
        from django.utils import timezone

        return obj.next_due < timezone.localdate()


class TrajectorySerializer(CachedModelSerializer):
    household = serializers.UUIDField(source="household_id", read_only=True)
    address = serializers.CharField(source="household.address_line", read_only=True)
    team = serializers.CharField(source="team.name", read_only=True)
    contact_person = serializers.SerializerMethodField()
    members = serializers.SerializerMethodField()
    next_pilot_light = serializers.SerializerMethodField()

    class Meta:
        model = Trajectory
        fields = [
            "id",
            "household",
            "address",
            "team",
            "phase",
            "contact_person",
            "members",
            "opened_at",
            "closed_at",
            "next_pilot_light",
            "version",
        ]
        read_only_fields = fields

    def get_contact_person(self, obj: Trajectory) -> dict[str, str]:
        return {"id": str(obj.contact_person_id), "name": _name(obj.contact_person)}

    @staticmethod
    def _members(obj: Trajectory, context: Any) -> list[Any]:
        members = getattr(obj.household, "current_members", None)
        return members if members is not None else context.get("members", [])

    def get_members(self, obj: Trajectory) -> list[dict[str, Any]]:
        # One member serializer for every row of a list (this serializer is the list's one child): a new
        # one per row built its fields again, 20 times for a page.
        child = self.__dict__.setdefault("_member_serializer", MemberSerializer())
        return [child.to_representation(member) for member in self._members(obj, self.context)]

    def get_next_pilot_light(self, obj: Trajectory) -> str | None:
        active = getattr(obj, "active_pilot", None)
        return active[0].next_due.isoformat() if active else None


class PhaseChangeReadSerializer(serializers.Serializer):
    from_phase = serializers.CharField()
    to_phase = serializers.CharField()
    reason = serializers.CharField()
    changed_by = serializers.SerializerMethodField()
    changed_at = serializers.DateTimeField()

    def get_changed_by(self, obj: Any) -> str:
        return _name(obj.changed_by)


class SuggestionSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="user.id")
    name = serializers.SerializerMethodField()
    matching = serializers.SerializerMethodField()

    def get_name(self, obj: Any) -> str:
        return _name(obj.user)

    def get_matching(self, obj: Any) -> list[str]:
        return [t.name for t in obj.matching]


class InvolvedSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="user.id")
    name = serializers.SerializerMethodField()
    kind = serializers.CharField()

    def get_name(self, obj: Any) -> str:
        return _name(obj.user)


class TrajectoryDetailSerializer(TrajectorySerializer):
    opened_from = serializers.CharField(read_only=True)
    close_reason = serializers.CharField(read_only=True)
    allowed_next_phases = serializers.ListField(
        child=serializers.ChoiceField(choices=Phase.choices), read_only=True
    )
    phase_changes = serializers.SerializerMethodField()
    involved = serializers.SerializerMethodField()
    pilot_light = serializers.SerializerMethodField()
    expertise_needed = serializers.SerializerMethodField()
    expertise_suggestions = serializers.SerializerMethodField()
    emergency_access = serializers.SerializerMethodField()

    class Meta(TrajectorySerializer.Meta):
        fields = [
            *TrajectorySerializer.Meta.fields,
            "opened_from",
            "close_reason",
            "allowed_next_phases",
            "phase_changes",
            "involved",
            "pilot_light",
            "expertise_needed",
            "expertise_suggestions",
            "emergency_access",
        ]
        read_only_fields = fields

    def get_members(self, obj: Trajectory) -> list[dict[str, Any]]:
        return MemberSerializer(self.context["file"].members, many=True).data  # type: ignore[return-value]

    def get_next_pilot_light(self, obj: Trajectory) -> str | None:
        pilot = self.context["file"].pilot_light
        return pilot.next_due.isoformat() if pilot else None

    def get_phase_changes(self, obj: Trajectory) -> list[dict[str, Any]]:
        return PhaseChangeReadSerializer(self.context["file"].phase_changes, many=True).data  # type: ignore[return-value]

    def get_involved(self, obj: Trajectory) -> list[dict[str, Any]]:
        return InvolvedSerializer(self.context["file"].involvements, many=True).data  # type: ignore[return-value]

    def get_pilot_light(self, obj: Trajectory) -> dict[str, Any] | None:
        pilot = self.context["file"].pilot_light
        return PilotLightSerializer(pilot).data if pilot else None

    def get_expertise_needed(self, obj: Trajectory) -> list[str]:
        return [t.name for t in self.context["file"].needed_areas]

    def get_expertise_suggestions(self, obj: Trajectory) -> list[dict[str, Any]]:
        return SuggestionSerializer(self.context["file"].suggestions, many=True).data  # type: ignore[return-value]

    def get_emergency_access(self, obj: Trajectory) -> bool:
        return bool(self.context["file"].emergency)


class OpenTrajectorySerializer(serializers.Serializer):
    household = serializers.UUIDField(source="household_id")
    contact_person = serializers.UUIDField(
        source="contact_person_id", required=False, help_text="Standaard: uzelf."
    )
    opened_from = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    question = serializers.UUIDField(
        source="question_id", required=False, help_text="De hulpvraag (intake) waarmee het traject begint."
    )


class PhaseChangeSerializer(serializers.Serializer):
    to_phase = serializers.ChoiceField(choices=Phase.choices)
    reason = serializers.CharField(max_length=2000, allow_blank=True)
    cadence_number = serializers.IntegerField(
        required=False, allow_null=True, help_text="Alleen bij waakvlam."
    )
    cadence_unit = serializers.ChoiceField(choices=CadenceUnit.choices, required=False, allow_null=True)
    version = serializers.IntegerField(
        source="expected_version", help_text="De versie die u las; een nieuwere op de server geeft 409."
    )


class ReactivateSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    version = serializers.IntegerField(source="expected_version")


class HandOverSerializer(serializers.Serializer):
    contact_person = serializers.UUIDField(
        source="contact_person_id", help_text="Het nieuwe vaste aanspreekpunt (eventueel in een ander team)."
    )
    reason = serializers.CharField(max_length=2000, allow_blank=True)
    version = serializers.IntegerField(source="expected_version")


class AddInvolvedSerializer(serializers.Serializer):
    user = serializers.UUIDField(source="user_id")


class ExpertiseNeededSerializer(serializers.Serializer):
    expertise = serializers.ListField(source="tag_ids", child=serializers.UUIDField(), allow_empty=True)
    version = serializers.IntegerField(source="expected_version")


class CadenceSerializer(serializers.Serializer):
    cadence_number = serializers.IntegerField()
    cadence_unit = serializers.ChoiceField(choices=CadenceUnit.choices)
    version = serializers.IntegerField(source="expected_version", help_text="Versie van het waakvlamcontact.")


class BasicHelpSerializer(CachedModelSerializer):
    provided_by = serializers.SerializerMethodField()
    evaluated_on_time = serializers.BooleanField(read_only=True, allow_null=True)

    class Meta:
        model = BasicHelp
        fields = [
            "id",
            "kind",
            "description",
            "provided_by",
            "intensity",
            "duration",
            "reason",
            "start_date",
            "evaluation_date",
            "evaluated_at",
            "evaluation_note",
            "evaluated_on_time",
            "version",
        ]
        read_only_fields = fields

    def get_provided_by(self, obj: BasicHelp) -> dict[str, str]:
        return {"id": str(obj.provided_by_id), "name": _name(obj.provided_by)}


class BasicHelpCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=HelpKind.choices)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    provided_by = serializers.UUIDField(
        source="provided_by_id", required=False, help_text="Standaard: uzelf."
    )
    intensity = serializers.ChoiceField(choices=BasicHelp.Intensity.choices)
    duration = serializers.ChoiceField(choices=BasicHelp.Duration.choices)
    reason = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        help_text="Verplicht bij een creatieve maatwerkoplossing.",
    )
    start_date = serializers.DateField()
    evaluation_date = serializers.DateField()


class EvaluationSerializer(serializers.Serializer):
    evaluated_at = serializers.DateField()
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    version = serializers.IntegerField(source="expected_version")


class ContactSerializer(CachedModelSerializer):
    residents = serializers.SerializerMethodField()
    recorded_by = serializers.SerializerMethodField()

    class Meta:
        model = Contact
        fields = [
            "id",
            "kind",
            "contact_date",
            "residents",
            "with_others",
            "summary",
            "recorded_by",
            "pilot_light_due",
        ]
        read_only_fields = fields

    def get_residents(self, obj: Contact) -> list[str]:
        return [str(r.id) for r in obj.residents.all()]

    def get_recorded_by(self, obj: Contact) -> str:
        return _name(obj.recorded_by)


class ContactCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ContactKind.choices)
    contact_date = serializers.DateField()
    residents = serializers.ListField(source="resident_ids", child=serializers.UUIDField(), required=False)
    with_others = serializers.CharField(max_length=200, required=False, allow_blank=True)
    summary = serializers.CharField(max_length=4000, allow_blank=True)


class ConsultationSerializer(CachedModelSerializer):
    area = serializers.CharField(source="area.name", read_only=True)

    class Meta:
        model = Consultation
        fields = [
            "id",
            "kind",
            "area",
            "consulted",
            "consultation_date",
            "question",
            "advice",
            "follow_up_date",
        ]
        read_only_fields = fields


class ConsultationCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Consultation.Kind.choices)
    area = serializers.UUIDField(source="area_id", help_text="Een expertise (tag) van de gemeente.")
    consulted = serializers.CharField(max_length=200, allow_blank=True)
    consultation_date = serializers.DateField()
    question = serializers.CharField(max_length=4000, allow_blank=True)
    advice = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    follow_up_date = serializers.DateField(
        required=False, allow_null=True, help_text="Verplicht bij een verwijzing."
    )
    legal_basis = serializers.CharField(
        max_length=20,
        required=False,
        default="publieke_taak",
        help_text="Grondslag uit de catalogus (GET /api/v1/data-sharing/legal-bases/) voor deze ontvanger; "
        "zonder: publieke_taak (AVG art. 6 lid 1 onder e).",
    )
    consent = serializers.UUIDField(
        source="consent_id",
        required=False,
        allow_null=True,
        help_text="Alleen bij legal_basis 'toestemming'.",
    )
    categories = serializers.ListField(
        child=serializers.CharField(max_length=30),
        required=False,
        help_text="Welke gegevens de ontvanger krijgt (DataCategory); zonder: huishouden, overig.",
    )


class TimelineItemSerializer(serializers.Serializer):
    """One event. `date` is always an ISO 8601 date-time with offset (issue 13: the timeline mixed dates
    and date-times); an event known by its day only is that day at 00:00 Amsterdam time, `all_day` true."""

    date = serializers.SerializerMethodField()
    all_day = serializers.SerializerMethodField()
    kind = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.CharField()

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_date(self, obj: Any) -> str:
        value = obj.date
        if not isinstance(value, dt.datetime):
            value = timezone.make_aware(dt.datetime.combine(value, dt.time.min))
        elif timezone.is_naive(value):
            value = timezone.make_aware(value)
        return str(serializers.DateTimeField().to_representation(value))

    def get_all_day(self, obj: Any) -> bool:
        return not isinstance(obj.date, dt.datetime)


class PilotLightDueSerializer(PilotLightSerializer):
    trajectory = serializers.UUIDField(source="trajectory_id", read_only=True)
    address = serializers.CharField(source="trajectory.household.address_line", read_only=True)

    class Meta(PilotLightSerializer.Meta):
        fields = ["trajectory", "address", *PilotLightSerializer.Meta.fields]
        read_only_fields = fields

    def get_missed(self, obj: PilotLight) -> bool:
        return bool(getattr(obj, "missed", False))


FigureSerializer = figures_api.FigureSerializer


class FiguresQuerySerializer(serializers.Serializer):
    since = serializers.DateField(
        required=False,
        help_text="Trajecten geopend vanaf (JJJJ-MM-DD). Met `until` samen precies een heel kwartaal of jaar "
        "(kleine groepen blijven zo verborgen); een ander bereik geeft 400.",
    )
    until = serializers.DateField(required=False, help_text="Trajecten geopend tot en met (JJJJ-MM-DD).")


SCOPE_CHOICES = [("mine", "mine"), ("team", "team")]


class TrajectoryListQuerySerializer(serializers.Serializer):
    """The filters of `GET /trajectories` (core.api.query)."""

    scope = serializers.ChoiceField(
        choices=SCOPE_CHOICES, default="mine", help_text="mine (standaard) of team"
    )
    phase = serializers.ChoiceField(
        choices=Phase.choices, required=False, help_text="Alleen deze fase (standaard: alle open)"
    )


class PilotLightDueQuerySerializer(serializers.Serializer):
    """The filters of `GET /trajectories/pilot-lights/due` (core.api.query)."""

    until = serializers.DateField(
        required=False, help_text="Tot en met deze datum (JJJJ-MM-DD); standaard over 14 dagen"
    )
    scope = serializers.ChoiceField(
        choices=SCOPE_CHOICES, default="mine", help_text="mine (standaard) of team"
    )
