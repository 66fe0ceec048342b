"""What the API answers with: read-only shapes, one per resource (docs/api.md). Writes are parsed
by the pages' own forms (forms.py), so these describe output only."""

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from tandem.people.models import CircleMember, Person
from tandem.reviews.models import ActionProgress


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


def named(obj, name_attr: str = "name") -> dict | None:
    if obj is None:
        return None
    return {"id": obj.pk, "name": str(getattr(obj, name_attr))}


class PersonSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    preferred_name = serializers.CharField()
    date_of_birth = serializers.DateField()
    local_identifier = serializers.CharField()
    team = NamedSerializer()
    allocated_worker = NamedSerializer(allow_null=True)
    latest_plan_status = serializers.CharField(allow_null=True)

    def to_representation(self, person):
        return {
            "id": person.pk,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "preferred_name": person.preferred_name,
            "date_of_birth": person.date_of_birth.isoformat(),
            "local_identifier": person.local_identifier,
            "team": named(person.team),
            "allocated_worker": named(person.allocated_worker, "display_name"),
            "latest_plan_status": getattr(person, "plan_status", None),
        }


FORMATS = [choice for choice, _label in Person.Format.choices]


class PersonSerializer(serializers.Serializer):
    """The person's details. Address, capacity and advocate are for staff and the person
    themselves: null for carers and providers, as on the person's page."""

    id = serializers.IntegerField()
    revision = serializers.IntegerField()
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    preferred_name = serializers.CharField()
    date_of_birth = serializers.DateField()
    age_group = serializers.ChoiceField(choices=Person.AgeGroup.choices)
    local_identifier = serializers.CharField()
    language = serializers.CharField()
    communication_needs = serializers.CharField()
    preferred_formats = serializers.ListField(child=serializers.ChoiceField(choices=FORMATS))
    team = NamedSerializer()
    allocated_worker = NamedSerializer(allow_null=True)
    address = serializers.CharField(allow_null=True)
    capacity = serializers.ChoiceField(choices=Person.Capacity.choices, allow_null=True)
    capacity_notes = serializers.CharField(allow_null=True)
    advocate = NamedSerializer(allow_null=True)

    def to_representation(self, person):
        whole = self.context.get("whole", False)
        return {
            "id": person.pk,
            "revision": person.revision,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "preferred_name": person.preferred_name,
            "date_of_birth": person.date_of_birth.isoformat(),
            "age_group": person.age_group,
            "local_identifier": person.local_identifier,
            "language": person.language,
            "communication_needs": person.communication_needs,
            "preferred_formats": [f for f in person.preferred_formats if f in FORMATS],
            "team": named(person.team),
            "allocated_worker": named(person.allocated_worker, "display_name"),
            "address": person.address if whole else None,
            "capacity": person.capacity if whole else None,
            "capacity_notes": person.capacity_notes if whole else None,
            "advocate": named(person.advocate) if whole else None,
        }


class PersonChangeSerializer(serializers.Serializer):
    """Change the person's details: send `revision` (from your last read) and only the fields
    to change; the rest keep their saved values."""

    revision = serializers.IntegerField(min_value=0)
    given_name = serializers.CharField(required=False)
    family_name = serializers.CharField(required=False)
    preferred_name = serializers.CharField(required=False, allow_blank=True)
    date_of_birth = serializers.DateField(required=False)
    age_group = serializers.ChoiceField(choices=Person.AgeGroup.choices, required=False)
    local_identifier = serializers.CharField(required=False)
    language = serializers.CharField(required=False)
    communication_needs = serializers.CharField(required=False, allow_blank=True)
    preferred_formats = serializers.ListField(
        child=serializers.ChoiceField(choices=FORMATS), required=False
    )
    address = serializers.CharField(required=False, allow_blank=True)
    team = serializers.IntegerField(required=False, help_text="The team's id.")
    allocated_worker = serializers.IntegerField(
        required=False, allow_null=True, help_text="A worker's user id, or null."
    )
    capacity = serializers.ChoiceField(choices=Person.Capacity.choices, required=False)
    capacity_notes = serializers.CharField(required=False, allow_blank=True)
    advocate = serializers.IntegerField(
        required=False, allow_null=True, help_text="A circle member's id, or null."
    )


class CircleMemberSerializer(serializers.Serializer):
    """Someone in the circle of support. Contact details are for staff and the person: null for
    carers and providers."""

    id = serializers.IntegerField()
    revision = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=CircleMember.Kind.choices)
    relationship = serializers.CharField()
    organisation_name = serializers.CharField()
    consent_to_share = serializers.BooleanField()
    appointed_as = serializers.ChoiceField(choices=CircleMember.Appointment.choices)
    phone = serializers.CharField(allow_null=True)
    email = serializers.CharField(allow_null=True)
    address = serializers.CharField(allow_null=True)

    def to_representation(self, member):
        whole = self.context.get("whole", False)
        return {
            "id": member.pk,
            "revision": member.revision,
            "name": member.name,
            "kind": member.kind,
            "relationship": member.relationship,
            "organisation_name": member.organisation_name,
            "consent_to_share": member.consent_to_share,
            "appointed_as": member.appointed_as,
            "phone": member.phone if whole else None,
            "email": member.email if whole else None,
            "address": member.address if whole else None,
        }


class CircleMemberAddSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=CircleMember.Kind.choices)
    consent_to_share = serializers.BooleanField(
        help_text="Whether the person consents to share their plan with them."
    )
    relationship = serializers.CharField(required=False, allow_blank=True)
    organisation_name = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    email = serializers.CharField(required=False, allow_blank=True)
    address = serializers.CharField(required=False, allow_blank=True)
    consent_notes = serializers.CharField(required=False, allow_blank=True)
    appointed_as = serializers.ChoiceField(choices=CircleMember.Appointment.choices, required=False)
    appointed_since = serializers.DateField(required=False, allow_null=True)
    appointment_note = serializers.CharField(required=False, allow_blank=True)


class PlanSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version_number = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    coordinator = NamedSerializer(allow_null=True)
    created_at = serializers.DateTimeField()
    agreed_at = serializers.DateTimeField(allow_null=True)

    def to_representation(self, plan):
        return {
            "id": plan.pk,
            "version_number": plan.version_number,
            "status": plan.status,
            "status_label": str(plan.get_status_display()),
            "coordinator": named(plan.coordinator, "display_name"),
            "created_at": plan.created_at.isoformat(),
            "agreed_at": plan.agreed_at.isoformat() if plan.agreed_at else None,
        }


class PlanPartSerializer(serializers.Serializer):
    uid = serializers.UUIDField()
    id = serializers.IntegerField()
    part_kind = serializers.CharField(help_text="The kind of part: outcome, indicator, action…")
    parent_uid = serializers.UUIDField(allow_null=True, required=False)
    revision = serializers.IntegerField(required=False, help_text="When changing a part.")


class PlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = serializers.IntegerField()
    version_number = serializers.IntegerField()
    status = serializers.CharField()
    whole_plan = serializers.BooleanField(
        help_text="False for a provider, who sees only the parts that concern them."
    )
    parts = serializers.DictField(
        child=PlanPartSerializer(),
        help_text="Every part the reader may see, keyed by its lasting uid, with its values.",
    )
    snapshot = serializers.DictField(
        help_text="The plan as its document shows it (the same data an issued copy keeps)."
    )


class PartChangeSerializer(serializers.Serializer):
    """The part's fields as on its page (see docs/api.md for each kind's); `revision` when
    changing one, `parent` (its outcome's id) when adding an indicator."""

    revision = serializers.IntegerField(required=False, min_value=0)
    parent = serializers.IntegerField(required=False)


class ProgressAddSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionProgress.Status.choices)
    happened_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True)


class ProgressSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action_uid = serializers.UUIDField()
    status = serializers.CharField()
    happened_on = serializers.DateField()
    note = serializers.CharField()


class IndicativeBudgetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    source = serializers.CharField()
    weekly_amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    set_on = serializers.DateField()
    points = serializers.IntegerField(allow_null=True)
    scheme_name = serializers.CharField()
    completed_with_person = serializers.BooleanField()


class FinancialAssessmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    assessed_on = serializers.DateField(allow_null=True)
    weekly_contribution = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    recorded_at = serializers.DateTimeField()


class BudgetSerializer(serializers.Serializer):
    indicative_budgets = IndicativeBudgetSerializer(many=True)
    financial_assessments = FinancialAssessmentSerializer(many=True)


class EvaluationSerializer(serializers.Serializer):
    outcome_uid = serializers.UUIDField()
    outcome_words = serializers.CharField()
    rating = serializers.CharField()
    evidence = serializers.CharField()
    gas_level = serializers.IntegerField(allow_null=True)


class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    plan = serializers.IntegerField()
    held_on = serializers.DateField(allow_null=True)
    how_held = serializers.CharField()
    needs_changed = serializers.BooleanField()
    new_plan_needed = serializers.BooleanField()
    next_review_on = serializers.DateField(allow_null=True)
    evaluations = EvaluationSerializer(many=True)

    def to_representation(self, review):
        return {
            "id": review.pk,
            "plan": review.plan_id,
            "held_on": review.held_on.isoformat() if review.held_on else None,
            "how_held": review.how_held,
            "needs_changed": review.needs_changed,
            "new_plan_needed": review.new_plan_needed,
            "next_review_on": review.next_review_on.isoformat() if review.next_review_on else None,
            "evaluations": [
                {
                    "outcome_uid": str(e.outcome_uid),
                    "outcome_words": e.outcome_words,
                    "rating": e.rating,
                    "evidence": e.evidence,
                    "gas_level": e.gas_level,
                }
                for e in review.evaluations.all()
            ],
        }


class ScoreSerializer(serializers.Serializer):
    review = serializers.IntegerField()
    held_on = serializers.DateField()
    outcomes_scored = serializers.IntegerField()
    t_score = serializers.DecimalField(max_digits=6, decimal_places=1, coerce_to_string=True)


class OutcomeHistoryEntrySerializer(serializers.Serializer):
    review = serializers.IntegerField()
    held_on = serializers.DateField(allow_null=True)
    rating = serializers.CharField()
    gas_level = serializers.IntegerField(allow_null=True)


class OutcomeHistorySerializer(serializers.Serializer):
    uid = serializers.UUIDField()
    words = serializers.CharField()
    entries = OutcomeHistoryEntrySerializer(many=True)


class ProgressOverTimeSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    scores = ScoreSerializer(many=True)
    outcomes = OutcomeHistorySerializer(many=True)


class WorkItemSerializer(serializers.Serializer):
    kind = serializers.CharField()
    person = NamedSerializer()
    due_on = serializers.DateField()
    what = serializers.CharField()
    why = serializers.CharField()
    urgent = serializers.BooleanField()
    escalated = serializers.BooleanField()
    url = serializers.CharField(help_text="The page in Tandem where it is done.")

    def to_representation(self, entry):
        item = entry.item
        return {
            "kind": item.kind,
            "person": named(entry.person, "full_name"),
            "due_on": item.due_on.isoformat(),
            "what": str(item.what),
            "why": str(item.why),
            "urgent": item.urgent,
            "escalated": entry.escalated,
            "url": item.url,
        }


class PeopleFilterSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, max_length=100, help_text="Words in a name.")
    local_identifier = serializers.CharField(required=False, max_length=40)
    team = serializers.IntegerField(required=False, min_value=1, help_text="A team's id.")


class WorklistFilterSerializer(serializers.Serializer):
    kind = serializers.CharField(required=False, max_length=40)
    person = serializers.IntegerField(required=False, min_value=1)


def paginated(item: type[serializers.Serializer]) -> serializers.Serializer:
    """A page of a list as the API answers it: cursor links and the results."""
    name = item.__name__.removesuffix("Serializer")
    return inline_serializer(
        name=f"Paginated{name}List",
        fields={
            "next": serializers.URLField(allow_null=True, help_text="The next page, if any."),
            "previous": serializers.URLField(
                allow_null=True, help_text="The previous page, if any."
            ),
            "results": item(many=True),
        },
    )
