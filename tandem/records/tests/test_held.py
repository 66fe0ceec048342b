"""Every kind of record about a person is in held.py: a new model that points at a person, a plan
or another record listed there fails here until it is listed (exported, and anonymised) or left
out with a reason."""

from django.apps import apps

from tandem.records.held import HELD, LEFT_OUT


def _points_at_held(model, held_labels: set[str]) -> list[str]:
    return [
        f.name
        for f in model._meta.get_fields()
        if f.concrete
        and f.is_relation
        and f.related_model is not None
        and f.related_model._meta.label in held_labels
        and f.related_model is not model
    ]


def test_it_lists_every_model_that_points_at_a_person_or_plan_or_a_listed_record():
    held_labels = {h.label for h in HELD} | {"people.Person", "plans.Plan"}
    missing = [
        f"{model._meta.label} (through {', '.join(fields)})"
        for model in apps.get_models()
        if model._meta.label not in held_labels and model._meta.label not in LEFT_OUT
        for fields in [_points_at_held(model, held_labels)]
        if fields
    ]
    assert missing == [], (
        "Add these to HELD in tandem/records/held.py (with their path to the person), or to "
        f"LEFT_OUT with the reason: {missing}"
    )


def test_it_reaches_the_person_from_every_listed_model():
    for kind in HELD:
        # Builds the query, so a wrong path fails here rather than in someone's export.
        str(kind.rows(1).query)
        assert kind.title


def test_it_lists_each_model_once():
    labels = [kind.label for kind in HELD]
    assert len(labels) == len(set(labels))
