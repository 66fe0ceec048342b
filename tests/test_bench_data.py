"""The benchmark's generated plans must be real plans: complete by the rules, visible as a
caseload, so what the benchmark times is what a worker would see."""

from bench.generate import generate
from tandem.accounts.access import visible_people
from tandem.plans import rules
from tandem.plans.snapshot import load_plan_parts, plan_snapshot


def test_it_generates_complete_plans_on_the_workers_caseload(db):
    made = generate(people=3, outcomes_per_plan=2)

    people = visible_people(made["worker"])
    assert people.count() == 3
    for person in people:
        plan = load_plan_parts(person.plans.select_related("person").get())
        snapshot = plan_snapshot(plan)
        assert len(snapshot["outcomes"]) == 2
        assert rules.readiness_problems(snapshot) == []


def test_it_gives_every_person_three_years_of_reviews_and_progress(db):
    from tandem.reviews.history import progress_for
    from tandem.reviews.models import ActionProgress, Review

    made = generate(people=2, outcomes_per_plan=3)

    for person in visible_people(made["worker"]):
        reviews = Review.objects.filter(person=person, status=Review.Status.FINAL)
        assert reviews.count() == 3
        assert all(review.evaluations.count() == 3 for review in reviews)
        plan = person.plans.get()
        assert ActionProgress.objects.filter(plan=plan).count() == 3
        assert len(progress_for(person).scored) == 3  # a T-score a year to chart
