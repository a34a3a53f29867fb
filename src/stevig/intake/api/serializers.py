from rest_framework import serializers

from stevig.core import figures_api
from stevig.core.api import CachedModelSerializer
from stevig.core.fields import StrictCharField
from stevig.intake.models import (
    MAX_QUESTION_LENGTH,
    AboutWhom,
    Channel,
    ContactMethod,
    FirstContact,
    Kind,
    Priority,
    Question,
    Status,
)
from stevig.intake.validators import validate_phone, validate_question_text
from stevig.people.api.serializers import HouseholdCreateSerializer
from stevig.people.validators import validate_postcode

TEXT_HELP = f"The question in the resident's own words, at most {MAX_QUESTION_LENGTH} characters."


class PublicQuestionSerializer(serializers.Serializer):
    text = serializers.CharField(
        help_text=TEXT_HELP,
        trim_whitespace=False,
        validators=[validate_question_text],
        error_messages={"blank": "Schrijf uw vraag op.", "required": "Schrijf uw vraag op."},
    )
    about_whom = serializers.ChoiceField(choices=AboutWhom.choices, default=AboutWhom.SELF)
    topic = serializers.ChoiceField(
        choices=Kind.choices,
        required=False,
        allow_blank=True,
        help_text="What the resident thinks the question is about (optional).",
    )
    eviction_or_cutoff_threat = serializers.BooleanField(default=False)
    contact_methods = serializers.ListField(
        child=serializers.ChoiceField(choices=ContactMethod.choices), required=False
    )
    contact_when = serializers.CharField(max_length=200, required=False, allow_blank=True)
    name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    phone = serializers.CharField(
        max_length=20, required=False, allow_blank=True, validators=[validate_phone]
    )
    email = serializers.EmailField(
        required=False, allow_blank=True, error_messages={"invalid": "Dit e-mailadres klopt niet."}
    )
    postcode = serializers.CharField(
        max_length=7, required=False, allow_blank=True, validators=[validate_postcode]
    )


class PublicQuestionReceiptSerializer(serializers.Serializer):
    reference = serializers.CharField()
    received_at = serializers.DateTimeField()
    contact_by = serializers.DateField(
        allow_null=True, help_text="The team contacts the resident by this day."
    )
    advice_only = serializers.BooleanField(
        help_text="No phone or e-mail given: the question gets advice only."
    )
    next_steps = serializers.CharField()


class DeadlineSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="deadline.id")
    clock = serializers.CharField(source="deadline.clock")
    label = serializers.CharField()  # type: ignore[assignment]
    start_date = serializers.DateField(source="deadline.start_date")
    due_date = serializers.DateField(source="deadline.due_date")
    days_left = serializers.IntegerField()
    met_at = serializers.DateTimeField(source="deadline.met_at", allow_null=True)
    cancelled_at = serializers.DateTimeField(source="deadline.cancelled_at", allow_null=True)


class QuestionSummarySerializer(CachedModelSerializer):
    team = serializers.CharField(source="team.name", read_only=True)
    contact_person = serializers.UUIDField(source="contact_person_id", allow_null=True, read_only=True)
    priority = serializers.ChoiceField(
        choices=Priority.choices, allow_blank=True, read_only=True, help_text="Leeg: nog niet getrieerd."
    )

    class Meta:
        model = Question
        fields = [
            "id",
            "reference",
            "kind",
            "channel",
            "status",
            "priority",
            "received_at",
            "first_contact_due",
            "team",
            "contact_person",
            "household",
            "version",
        ]
        read_only_fields = fields


class FirstContactSerializer(CachedModelSerializer):
    clientondersteuning_offered = serializers.BooleanField(
        required=True,
        allow_null=False,
        error_messages={
            "required": "Geef aan of u gratis cliëntondersteuning heeft aangeboden.",
            "null": "Geef aan of u gratis cliëntondersteuning heeft aangeboden.",
        },
        help_text="Required: was free independent cliëntondersteuning offered? When false, `note` says why.",
    )
    by = serializers.UUIDField(source="by_id", read_only=True)

    class Meta:
        model = FirstContact
        fields = [
            "contact_date",
            "channel",
            "by",
            "clientondersteuning_offered",
            "clientondersteuning_accepted",
            "note",
        ]
        read_only_fields = ["by"]
        extra_kwargs = {
            "note": {"required": False, "allow_blank": True},
            "clientondersteuning_accepted": {"required": False},
        }


class TriageSerializer(serializers.Serializer):
    priority = serializers.ChoiceField(choices=Priority.choices)
    reason = serializers.CharField(
        min_length=10,
        max_length=2000,
        error_messages={"min_length": "Schrijf op waarom (minstens 10 tekens)."},
    )
    by = serializers.CharField(source="by.get_username", read_only=True)
    at = serializers.DateTimeField(read_only=True)


class AssignmentSerializer(serializers.Serializer):
    user = serializers.UUIDField(source="user_id")
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)
    assigned_by = serializers.UUIDField(source="assigned_by_id", read_only=True)
    started_at = serializers.DateTimeField(read_only=True)
    ended_at = serializers.DateTimeField(read_only=True, allow_null=True)


class QuestionDetailSerializer(QuestionSummarySerializer):
    deadlines = serializers.SerializerMethodField()
    first_contact = serializers.SerializerMethodField()
    triages = serializers.SerializerMethodField()
    assignments = serializers.SerializerMethodField()

    class Meta(QuestionSummarySerializer.Meta):
        fields = [
            *QuestionSummarySerializer.Meta.fields,
            "text",
            "about_whom",
            "resident_topic",
            "location",
            "referrer",
            "contact_methods",
            "contact_when",
            "name",
            "phone",
            "email",
            "postcode",
            "resident",
            "eviction_or_cutoff_threat",
            "deadlines",
            "first_contact",
            "triages",
            "assignments",
        ]
        read_only_fields = fields

    def get_deadlines(self, obj: Question) -> list[dict]:  # type: ignore[type-arg]
        return DeadlineSerializer(self.context["file"].deadlines, many=True).data  # type: ignore[return-value]

    def get_first_contact(self, obj: Question) -> dict | None:  # type: ignore[type-arg]
        contact = self.context["file"].first_contact
        return FirstContactSerializer(contact).data if contact else None  # type: ignore[return-value]

    def get_triages(self, obj: Question) -> list[dict]:  # type: ignore[type-arg]
        return TriageSerializer(self.context["file"].triages, many=True).data  # type: ignore[return-value]

    def get_assignments(self, obj: Question) -> list[dict]:  # type: ignore[type-arg]
        return AssignmentSerializer(self.context["file"].assignments, many=True).data  # type: ignore[return-value]


class QuestionCreateSerializer(serializers.Serializer):
    text = serializers.CharField(
        help_text=TEXT_HELP, trim_whitespace=False, validators=[validate_question_text]
    )
    channel = serializers.ChoiceField(choices=Channel.choices)
    kind = serializers.ChoiceField(choices=Kind.choices, default=Kind.GENERAL)
    about_whom = serializers.ChoiceField(choices=AboutWhom.choices, default=AboutWhom.SELF)
    received_on = serializers.DateField(
        required=False, help_text="Default today; not in the future and not before 2000-01-01 (else 400)."
    )
    location = serializers.UUIDField(source="location_id", required=False, allow_null=True)
    referrer = serializers.CharField(max_length=150, required=False, allow_blank=True)
    contact_methods = serializers.ListField(
        child=serializers.ChoiceField(choices=ContactMethod.choices), required=False
    )
    contact_when = serializers.CharField(max_length=200, required=False, allow_blank=True)
    name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    phone = serializers.CharField(
        max_length=20, required=False, allow_blank=True, validators=[validate_phone]
    )
    email = serializers.EmailField(required=False, allow_blank=True)
    postcode = serializers.CharField(
        max_length=7, required=False, allow_blank=True, validators=[validate_postcode]
    )
    eviction_or_cutoff_threat = serializers.BooleanField(default=False)
    household = serializers.UUIDField(
        source="household_id", required=False, allow_null=True, help_text="Link to an existing household."
    )
    resident = serializers.UUIDField(source="resident_id", required=False, allow_null=True)
    new_household = HouseholdCreateSerializer(required=False, help_text="Or open a new household file.")

    def validate(self, attrs: dict) -> dict:  # type: ignore[type-arg]
        if attrs.get("household_id") and attrs.get("new_household"):
            raise serializers.ValidationError({"new_household": "Kies een bestaand óf een nieuw huishouden."})
        return attrs


class ClassifySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    eviction_or_cutoff_threat = serializers.BooleanField(default=False)
    version = serializers.IntegerField(
        source="expected_version", help_text="The version you read; a newer one on the server gives 409."
    )


class LinkSerializer(serializers.Serializer):
    household = serializers.UUIDField(source="household_id", required=False, allow_null=True)
    resident = serializers.UUIDField(source="resident_id", required=False, allow_null=True)
    new_household = HouseholdCreateSerializer(required=False)

    def validate(self, attrs: dict) -> dict:  # type: ignore[type-arg]
        if bool(attrs.get("household_id")) == bool(attrs.get("new_household")):
            raise serializers.ValidationError({"household": "Kies een bestaand óf een nieuw huishouden."})
        return attrs


class DuplicateCheckRequestSerializer(serializers.Serializer):
    """Sent in a POST body so a BSN never ends up in a URL or a server log."""

    given_names = StrictCharField(max_length=150, required=False, allow_blank=True)
    surname = StrictCharField(max_length=150, required=False, allow_blank=True)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    bsn = StrictCharField(max_length=11, required=False, allow_blank=True)
    postcode = StrictCharField(max_length=7, required=False, allow_blank=True)
    house_number = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class DuplicateMatchSerializer(serializers.Serializer):
    resident = serializers.UUIDField(source="resident.id")
    name = serializers.CharField(source="resident.full_name")
    date_of_birth = serializers.DateField(source="resident.date_of_birth")
    household = serializers.UUIDField(source="household_id", allow_null=True)
    address = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())


class DuplicateCheckSerializer(serializers.Serializer):
    matches = DuplicateMatchSerializer(many=True)


class DueQuestionSerializer(serializers.Serializer):
    question = QuestionSummarySerializer()
    days_left = serializers.IntegerField(allow_null=True)


class WorklistDeadlineSerializer(DeadlineSerializer):
    question = serializers.UUIDField(source="deadline.question_id")
    reference = serializers.CharField(source="deadline.question.reference")


class WorklistSerializer(serializers.Serializer):
    scope = serializers.ChoiceField(choices=[("me", "me"), ("team", "team")])
    today = serializers.DateField()
    week_end = serializers.DateField()
    new_questions = QuestionSummarySerializer(many=True)
    first_contacts_due = DueQuestionSerializer(many=True)
    deadlines_due = WorklistDeadlineSerializer(
        many=True, help_text="Overdue and due by the end of this week."
    )
    deadlines_later = WorklistDeadlineSerializer(many=True)


class GroupFigureSerializer(serializers.Serializer):
    group = serializers.CharField()
    questions = serializers.IntegerField(allow_null=True)
    median_days = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField(
        help_text="Not shown: fewer than 5, or a total would give a small group away."
    )
    display = serializers.CharField(help_text='"<5", "x" (hidden) or the number')


class ClockFigureSerializer(serializers.Serializer):
    clock = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    overdue = serializers.IntegerField(allow_null=True)
    display = serializers.CharField()


class FiguresSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    team = serializers.CharField(allow_null=True)
    first_contact_by_channel = GroupFigureSerializer(many=True)
    first_contact_by_neighbourhood = GroupFigureSerializer(many=True)
    first_contacts = serializers.IntegerField(allow_null=True)
    first_contacts_display = serializers.CharField()
    clientondersteuning_offered_share = serializers.FloatField(allow_null=True)
    clientondersteuning_accepted_share = serializers.FloatField(allow_null=True)
    overdue_deadlines = ClockFigureSerializer(many=True)
    overdue_total = serializers.IntegerField(allow_null=True)
    overdue_total_display = serializers.CharField()
    period = serializers.CharField(help_text='Het kwartaal ("2026-K2") of het jaar ("2026").')
    refreshed_at = serializers.DateTimeField(
        allow_null=True, help_text="Wanneer de overzichtstabellen voor het laatst zijn bijgewerkt."
    )


class QuestionFilterSerializer(serializers.Serializer):
    """Filters of GET /questions (all optional, combined with AND)."""

    status = serializers.ChoiceField(choices=Status.choices, required=False)
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False)
    team = serializers.UUIDField(required=False)
    contact_person = serializers.UUIDField(required=False, help_text="Id van de contactpersoon (zie /staff).")
    received_from = serializers.DateField(required=False, help_text="Ontvangen op of na deze datum.")
    received_until = serializers.DateField(required=False, help_text="Ontvangen op of voor deze datum.")
    reference = serializers.CharField(
        required=False, max_length=12, help_text="Kenmerk van de vraag (hoofdletters maken niet uit)."
    )


class FiguresQuerySerializer(figures_api.PeriodQuerySerializer):
    """One quarter or year: `periode`, or `since`/`until` (or the older `start`/`end`) that are exactly one."""

    start = serializers.DateField(required=False, help_text="Zelfde als since.")
    end = serializers.DateField(required=False, help_text="Zelfde als until.")
