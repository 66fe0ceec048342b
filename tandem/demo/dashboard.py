"""The team manager's dashboard (issue 8): enough review history that every figure has
something on both sides of it – a first review and a yearly one held on time, a yearly one held
late, and a copy sent late – on two people who had no plan yet, so no other story changes.

- **Iris Nettlefold** (Adults North): agreed 17 months ago; her first review was on time, her
  yearly review 20 days late (about ten weeks ago), and its copy went a month after it: late (R8).
- **Zain Oakhollow** (Children and Families): agreed 8 months ago; his first review was on time,
  and it agreed the next one for 6 months on (R7): that was held two weeks early, on time.

Built as reviews.py builds Agnes's years: the plan written and agreed through the services and
dated as the story has it, each review held, rated, finalised and sent through the review
services, then given its real dates (`_hold`).
"""

from datetime import date, timedelta

from tandem.accounts.models import User
from tandem.demo.people import Someone
from tandem.demo.plans import Do, Risk, Story, Want, _agreed
from tandem.demo.reviews import NAT, OWN, Held, HowHeld, Rating, _agreement_dated, _hold
from tandem.people.models import Person
from tandem.plans.models import Plan
from tandem.reviews.schedule import add_months

IRIS, ZAIN = 15, 20

# fmt: off
STORIES = {
    IRIS: Story(
        prepared_by="person_with_circle",
        important="Colin, my allotment, and the Wednesday craft group.",
        strengths="Grew prize marrows for thirty years; knits for the whole street.",
        outcomes=(
            Want("Get back to my allotment every week", "ascot:occupation", 12,
                 "At the allotment at least once a week from April",
                 (Do("A lift to the allotment and back", "natural", "Colin Nettlefold",
                     "Every Saturday", NAT),)),
            Want("Keep going to the craft group", "ascot:social", 12,
                 "At the craft group three Wednesdays out of four",
                 (Do("Walk to the craft group together", "natural", "Vera Pinecroft",
                     "Every Wednesday", NAT),), kind="maintain"),
        ),
        risks=(Risk("Tiring quickly after her hip operation", "Rests between jobs; Colin "
                    "carries the heavy tools", False),),
        needs=(("Getting out and doing what she enjoys", "not_eligible"),),
        budget=("none", ""),
        not_applicable=(("support", "No arranged services: Iris's support is her husband and "
                         "her neighbour."),),
    ),
    ZAIN: Story(
        prepared_by="person_with_circle",
        important="Finishing college, football on Sundays, and my little brothers.",
        strengths="Top of his year in maths; helps coach the under-10s.",
        outcomes=(
            Want("Pass my first year at college", "wb:achieving", 12,
                 "Passes the first-year assessments in June",
                 (Do("Homework club after college", "self", "person", "Every Tuesday and "
                     "Thursday", OWN),)),
            Want("Keep playing football on Sundays", "wb:active", 12,
                 "Plays in at least three matches a month",
                 (Do("Lift to away matches", "natural", "Farah Oakhollow", "Every other "
                     "Sunday", NAT),), kind="maintain"),
        ),
        risks=(Risk("Falling behind when caring for his brothers", "Farah and the pastoral tutor "
                    "keep an eye on his attendance", False),),
        needs=(("Keeping up with college", "not_eligible"),),
        budget=("none", ""),
        not_applicable=(("support", "No arranged services: Zain's support is his family and "
                         "his college."),),
    ),
}
# fmt: on


def _allotment(rating: str, evidence: str, level: int) -> dict:
    return {
        "Get back to my allotment": (rating, evidence, level),
        "Keep going to the craft group": (Rating.ACHIEVED, "Goes most Wednesdays.", 0),
    }


def _college(rating: str, evidence: str, level: int) -> dict:
    return {
        "Pass my first year": (rating, evidence, level),
        "Keep playing football": (Rating.ACHIEVED, "Plays most Sundays.", 0),
    }


def _agreed_on(
    person: Person, story: Story, months_ago: int, *, manager: User, today: date
) -> Plan:
    agreed_on = add_months(today, -months_ago)
    plan = _agreed(
        person,
        story,
        actor=person.allocated_worker,
        manager=manager,
        start=agreed_on + timedelta(days=7),
        on=agreed_on,
        today=today,
    )
    return _agreement_dated(plan)


def _days_ago(day: date, today: date) -> int:
    return (today - day).days


def _iris(person: Person, *, manager: User, today: date) -> None:
    """First review two days before it was due; the yearly one 20 days after; its copy a month
    after it (R8 gives three weeks)."""
    plan = _agreed_on(person, STORIES[IRIS], 17, manager=manager, today=today)
    assert plan.support_starts_on is not None
    first_on = plan.support_starts_on + timedelta(weeks=6, days=-2)
    _hold(
        plan,
        Held(
            days_ago=_days_ago(first_on, today),
            how=HowHeld.FACE_TO_FACE,
            who="Iris, Colin and the worker",
            ratings=_allotment(Rating.PARTLY, "Goes when Colin can drive her.", -1),
            copy_after_days=9,
        ),
        actor=person.allocated_worker,
        today=today,
    )
    yearly_on = add_months(first_on, 12) + timedelta(days=20)
    _hold(
        plan,
        Held(
            days_ago=_days_ago(yearly_on, today),
            how=HowHeld.TELEPHONE,
            who="Iris and the worker; Vera by e-mail",
            ratings=_allotment(Rating.ACHIEVED, "At the allotment every Saturday.", 1),
            change="Nothing: the plan is working.",
            copy_after_days=30,
        ),
        actor=person.allocated_worker,
        today=today,
    )


def _zain(person: Person, *, manager: User, today: date) -> None:
    """First review on time, agreeing the next in 6 months (R7); that one two weeks early."""
    plan = _agreed_on(person, STORIES[ZAIN], 8, manager=manager, today=today)
    assert plan.support_starts_on is not None
    first_on = plan.support_starts_on + timedelta(weeks=6, days=-1)
    _hold(
        plan,
        Held(
            days_ago=_days_ago(first_on, today),
            how=HowHeld.MEETING,
            who="Zain, Farah, his pastoral tutor and the worker",
            ratings=_college(Rating.PARTLY, "Behind in two subjects after the summer.", -1),
            change="Check again after the first term's assessments.",
            next_in_months=6,
            copy_after_days=6,
        ),
        actor=person.allocated_worker,
        today=today,
    )
    second_on = add_months(first_on, 6) - timedelta(days=14)
    _hold(
        plan,
        Held(
            days_ago=_days_ago(second_on, today),
            how=HowHeld.FACE_TO_FACE,
            who="Zain, Farah and the worker",
            ratings=_college(Rating.PARTLY, "Caught up in maths; English still behind.", 0),
            change="Nothing new: homework club carries on.",
            copy_after_days=4,
        ),
        actor=person.allocated_worker,
        today=today,
    )


def create_dashboard_history(
    *, people: list[tuple[Someone, Person]], users: dict[str, User], today: date
) -> None:
    by_number = {row.number: person for row, person in people}
    manager = users["demo-manager"]
    _iris(by_number[IRIS], manager=manager, today=today)
    _zain(by_number[ZAIN], manager=manager, today=today)
