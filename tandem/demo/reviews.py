"""The plan being carried out and reviewed (issue 7): demo data for every point of the review
cycle, so the review pages have something to show without anyone typing.

Built after the plans and budgets, through the review and plan services wherever they exist, so
the demo obeys the same rules as a worker would (R1–R11). Who shows what:

- **Margaret Thistlewood**: her first review is due within four weeks, and nobody has asked her
  yet whom she wants there (the consultation is due, R3). The pendant alarm in her plan is
  slipping: it was due weeks ago and is still not fitted.
- **Edwin Larchwood**: his first review is coming up and he has been consulted (R3–R5): his own
  answers, whom he wants there, and the providers invited – with why the night-check service is
  not. Progress on his actions (one done, two under way), two contacts, and the levels of his
  swimming outcome described in his own words (Goal Attainment Scaling).
- **Norman Drystone**: agreed fourteen months ago and never reviewed: overdue (R1, R2).
- **Callum Birchfield**: a contingency in his plan was triggered a few days ago: an urgent
  review (R10).
- **Leon Fairbairn**: review held and finalised, the copy not sent yet – due in a few days (R8).
- **Winston Applebury**: review held four weeks ago, the copy still not sent: late (R8).
- **Sunita Ravenscroft**: her review started a new plan: a draft version 2 that keeps her
  outcomes' uids and adds the new outcome agreed at the review.
- **Agnes Wickerby**: three years of reviews, a plan version agreed after each of the first three,
  every outcome given a Goal Attainment Scaling level each time: her T-score rises from about 32
  to about 68, and every copy was sent.

The services date what they record today and refuse a next review date in the past, so a review
held long ago is recorded through them and then moved to its real dates by `_backdate`, the one
place here that writes dates directly. The consultation, provider invitations, contacts, new
outcomes and attainment levels are written with the ORM: their services are still being built.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from tandem.accounts.models import User
from tandem.demo.people import Someone
from tandem.demo.plans import (
    Builder,
    Do,
    Risk,
    Story,
    Want,
    _agreed,
    _at,
    _started,
    agreement_parties,
)
from tandem.people.models import Person
from tandem.plans.models import Action, Outcome, Plan
from tandem.plans.services import (
    plan_item_update,
    plan_record_agreement,
    plan_send_for_agreement,
)
from tandem.reviews.models import (
    ActionProgress,
    AttainmentLevel,
    Contact,
    OutcomeEvaluation,
    Review,
    ReviewTrigger,
)
from tandem.reviews.schedule import add_months
from tandem.reviews.services import (
    evaluation_save,
    progress_record,
    review_finalise,
    review_outcomes,
    review_send_copy,
    review_start,
    review_update,
    trigger_record,
)
from tandem.reviews.services.consultation import Invitation, consultation_save
from tandem.reviews.services.contacts import contact_record
from tandem.reviews.services.outcomes import review_outcome_add

NAT, OWN, COMM = "natural", "own", "community"
Rating = OutcomeEvaluation.Rating
HowHeld = Review.HowHeld

# Their plans are written here, not by build_plan: the plans their reviews need.
# fmt: off
STORIES = {
    25: Story(
        prepared_by="worker_one_to_one",
        important="My garden, the church coffee morning, and Roy's Sunday visits.",
        strengths="Forty years a school cook. Knows every plant in her garden by name.",
        outcomes=(
            Want("Walk to the shops on my own again", "ascot:control", 12,
                 "Walks to the corner shop and back on her own, twice a week",
                 (Do("Walking practice with the physio's exercise sheet", "self", "person",
                     "Every morning", OWN),)),
            Want("See my friends at the church coffee morning every week", "ascot:social", 12,
                 "At the coffee morning three weeks out of four",
                 (Do("Lift to the coffee morning and back", "natural", "Ivy Goosefoot",
                     "Every Thursday", NAT),)),
            Want("Cook a proper meal for myself", "ascot:food_drink", 12,
                 "Cooks a hot meal at least four days a week",
                 (Do("Help with the big shop and the heavy pans", "natural", "Roy Wickerby",
                     "Every Sunday", NAT),)),
        ),
        risks=(Risk("Falls outside on uneven pavements", "Walks with her stick, in daylight, "
                    "with her mobile", True, "Roy is called; an urgent review if she falls "
                    "outside", "Any fall outside"),),
        needs=(("Getting out and about safely", "not_eligible"),),
        budget=("none", ""),
        not_applicable=(("support", "No arranged services: Agnes's support is her son, her "
                         "friends and the church."),),
    ),
    26: Story(
        prepared_by="person_with_circle",
        important="The men's shed, my sister Shirley, and keeping my flat the way I like it.",
        strengths="A retired engineer who can mend anything with a motor.",
        outcomes=(
            Want("Get to the men's shed twice a week", "ascot:occupation", 12,
                 "At the shed twice a week for three months",
                 (Do("A lift to the shed", "natural", "Ray Tinderbox", "Every Monday and Thursday",
                     NAT),)),
            Want("Keep my flat clean and tidy myself", "ascot:accommodation", 12,
                 "Flat kept the way Norman likes it, with Shirley's help once a month",
                 (Do("Help with the heavy cleaning", "natural", "Shirley Drystone",
                     "Once a month", NAT),), kind="maintain"),
        ),
        risks=(Risk("Getting low in the winter when he goes out less", "Knows his early signs; "
                    "Shirley rings on Sundays", True, "Shirley calls the worker, who arranges "
                    "an urgent review", "Missing the shed two weeks running"),),
        needs=(("Keeping active and in touch with people", "not_eligible"),),
        budget=("none", ""),
        not_applicable=(("support", "No arranged services: Norman's support is his sister, his "
                         "friend and the men's shed."),),
    ),
}
# fmt: on


@dataclass(frozen=True)
class Held:
    """One review: when, how, what each outcome reached (by the start of its words), what must
    change, and whether it started a new plan."""

    days_ago: int
    how: str
    who: str
    ratings: dict[str, tuple[str, str, int | None]]  # words start: (rating, evidence, level)
    change: str = ""
    new_plan: bool = False
    next_in_months: int = 12
    copy_after_days: int | None = None  # sent this many days after it was held; None: not sent


# Agnes's three years: a review at about 36, 24 and 12 months ago and a recent one. Her levels
# rise from −4 in all to +4, so her T-score goes 31.7, 45.4, 54.6, 68.3.
WALK, FRIENDS, COOK = "Walk to the shops", "See my friends", "Cook a proper meal"
# fmt: off
AGNES_REVIEWS = (
    Held(days_ago=1096, how=HowHeld.FACE_TO_FACE, who="Agnes, Roy and the worker",
         ratings={WALK: (Rating.PARTLY, "Walks to the end of the road with her stick, not yet "
                         "to the shops.", -1),
                  FRIENDS: (Rating.NOT_ACHIEVED, "Missed most coffee mornings while Ivy was in "
                            "hospital.", -2),
                  COOK: (Rating.PARTLY, "Cooks twice a week; ready meals the rest.", -1)},
         change="A lift to the coffee morning that does not depend on Ivy alone; more walking "
         "practice with the physio.", new_plan=True, copy_after_days=12),
    Held(days_ago=731, how=HowHeld.MEETING, who="Agnes, Roy, Ivy and the worker",
         ratings={WALK: (Rating.ACHIEVED, "Walks to the corner shop twice a week.", 0),
                  FRIENDS: (Rating.PARTLY, "At the coffee morning two weeks out of four.", -1),
                  COOK: (Rating.ACHIEVED, "Cooks a hot meal four days a week.", 0)},
         change="Agnes wants to see her friends more than once a week: the outcome now takes in "
         "the lunch club too.", new_plan=True, copy_after_days=14),
    Held(days_ago=366, how=HowHeld.FACE_TO_FACE, who="Agnes and the worker",
         ratings={WALK: (Rating.ACHIEVED, "Walks to the shops and the library on her own.", 0),
                  FRIENDS: (Rating.ACHIEVED, "Coffee morning every week and the lunch club most "
                            "Tuesdays.", 0),
                  COOK: (Rating.ACHIEVED, "Cooks every day and has Roy round for Sunday dinner.",
                         1)},
         change="Less help from Roy with the shopping: Agnes does the small shop herself.",
         new_plan=True, copy_after_days=10),
    Held(days_ago=35, how=HowHeld.TELEPHONE, who="Agnes and the worker; Roy by e-mail",
         ratings={WALK: (Rating.ACHIEVED, "Walks into town and back, and helps at the library "
                         "on Fridays.", 1),
                  FRIENDS: (Rating.ACHIEVED, "Runs the coffee morning's raffle now.", 1),
                  COOK: (Rating.ACHIEVED, "Cooks for the church harvest supper.", 2)},
         change="Nothing: the plan is working.", next_in_months=11, copy_after_days=12),
)
# fmt: on

# Agnes's walking outcome, each level in her own words (written when it was set).
AGNES_LEVELS = {
    -2: "I can't get past my front gate without someone with me.",
    -1: "I get to the end of the road and back with my stick.",
    0: "I walk to the corner shop and back on my own, twice a week.",
    1: "I walk to the shops and the library whenever I like.",
    2: "I walk into town and back, and help out at the library.",
}
EDWIN_LEVELS = {
    -2: "I haven't been in the pool at all.",
    -1: "I get in the pool now and then, when Maureen can take me.",
    0: "I swim with Tess every Tuesday.",
    1: "I swim every Tuesday and do two lengths on my own.",
    2: "I swim every week and have joined the stroke club's swimming group.",
}


def _backdate(obj, **fields) -> None:
    """The ONE place the demo writes review-cycle dates directly. The services record everything
    as of today – an agreement, a finalised review, a copy sent, a consultation – and refuse a
    next review date that has passed; a review held three years ago is recorded through them and
    then given its real dates here. `fields` are model fields and their past values."""
    type(obj).objects.filter(pk=obj.pk).update(**fields)


def _agreement_dated(plan: Plan) -> Plan:
    """Date the plan's sending and agreement on the day its parties agreed, as if recorded then
    (the plan services record them today, and the schedule reads the day it was agreed)."""
    agreed_on = max(a.agreed_on for a in plan.agreements.all())
    sent = _at(agreed_on - timedelta(days=1), 16)
    _backdate(plan, sent_for_agreement_at=sent, agreed_at=_at(agreed_on, 12))
    return Plan.objects.get(pk=plan.pk)


def _rated(ratings: dict, words: str) -> tuple[str, str, int | None]:
    return next(value for start, value in ratings.items() if words.startswith(start))


def _hold(plan: Plan, held: Held, *, actor: User, today: date):
    """A review of the agreed plan in force, held `held.days_ago`, through the review services:
    started, answered, every outcome rated, finalised and (if `copy_after_days`) its copy sent.
    Gives back the finalised result (its new plan version, if it started one)."""
    held_on = today - timedelta(days=held.days_ago)
    next_review_on = add_months(held_on, held.next_in_months)
    review = review_start(plan=plan, actor=actor)
    data = {
        "held_on": held_on,
        "how_held": held.how,
        "why_proportionate": "Proportionate to how settled things are and to what the person "
        "asked for in the consultation.",
        "who_took_part": held.who,
        "services_meet_outcomes": Review.Meets.YES if not held.new_plan else Review.Meets.PARTLY,
        "what_must_change": held.change,
        "new_plan_needed": held.new_plan,
        # The service only takes a next review in the future; a past one is dated below.
        "next_review_on": max(next_review_on, today + timedelta(days=1)),
    }
    review = review_update(review=review, data=data, revision=review.revision, actor=actor)
    for outcome in review_outcomes(review):
        rating, evidence, level = _rated(held.ratings, outcome.words)
        evaluation_save(
            review=review,
            outcome_uid=outcome.uid,
            rating=rating,
            evidence=evidence,
            gas_level=level,
            actor=actor,
        )
    finalised = review_finalise(review=review, actor=actor)
    dates = {
        "created_at": _at(held_on, 9),
        "finalised_at": _at(held_on + timedelta(days=2), 15),
        "next_review_on": next_review_on,
    }
    if held.copy_after_days is not None:
        review_send_copy(review=finalised.review, actor=actor)
        dates["copy_sent_at"] = _at(held_on + timedelta(days=held.copy_after_days), 11)
    _backdate(finalised.review, **dates)
    return finalised


def _levels(outcome: Outcome, words: dict[int, str]) -> None:
    """The outcome's Goal Attainment Scaling levels in the person's words – the same parts
    (uids) in each version, as a new version copies them – unless the version has them already."""
    if outcome.attainment_levels.exists():
        return
    earlier = {
        a.level: a.uid
        for a in AttainmentLevel.objects.filter(
            plan__person_id=outcome.plan.person_id, outcome__uid=outcome.uid
        )
    }
    for level, text in words.items():
        part = AttainmentLevel(
            organisation_id=outcome.organisation_id,
            plan_id=outcome.plan_id,
            outcome=outcome,
            level=level,
            words=text,
            position=level + 2,
        )
        if level in earlier:
            part.uid = earlier[level]
        part.full_clean()
        part.save()


def _agree_next(new_plan: Plan, *, held_on: date, actor: User, reword: tuple[str, str] | None):
    """The new version a review started: written the week after it, its outcome dates moved on,
    agreed three weeks after it."""
    start = held_on + timedelta(days=28)
    by = add_months(held_on, 18)
    builder = Builder(new_plan, actor=actor, start=start, priced_on=held_on)
    for outcome in builder.plan.outcomes.all():
        data: dict = {"achieve_by": by}
        if reword and outcome.words.startswith(reword[0]):
            data["words"] = reword[1]
        plan_item_update(item=outcome, data=data, revision=outcome.revision, actor=actor)
        for indicator in outcome.indicators.all():
            plan_item_update(
                item=indicator, data={"due_on": by}, revision=indicator.revision, actor=actor
            )
    builder.section("about", {"support_starts_on": start})
    plan = _started(builder.plan, held_on + timedelta(days=7))
    plan = plan_send_for_agreement(plan=plan, actor=actor)
    on = held_on + timedelta(days=21)
    parties = agreement_parties(plan.person, actor, on=on, how="in_person")
    plan_record_agreement(plan=plan, parties=parties, actor=actor)
    return _agreement_dated(Plan.objects.get(pk=plan.pk))


def _three_years(person: Person, *, manager: User, today: date) -> None:
    """Agnes: agreed three years and two months ago, reviewed four times since."""
    actor = person.allocated_worker
    agreed_on = add_months(today, -38)
    plan = _agreed(
        person,
        STORIES[25],
        actor=actor,
        manager=manager,
        start=agreed_on + timedelta(days=7),
        on=agreed_on,
        today=today,
    )
    plan = _agreement_dated(plan)
    rewords = {
        1: ("See my friends", "See my friends every week, at the coffee morning and the lunch club")
    }
    for number, held in enumerate(AGNES_REVIEWS):
        _levels(plan.outcomes.get(words__startswith=WALK), AGNES_LEVELS)
        finalised = _hold(plan, held, actor=actor, today=today)
        if finalised.new_plan is not None:
            held_on = today - timedelta(days=held.days_ago)
            plan = _agree_next(
                finalised.new_plan, held_on=held_on, actor=actor, reword=rewords.get(number)
            )


def _overdue(person: Person, *, manager: User, today: date) -> None:
    """Norman: agreed fourteen months ago, never reviewed."""
    agreed_on = today - timedelta(days=425)
    plan = _agreed(
        person,
        STORIES[26],
        actor=person.allocated_worker,
        manager=manager,
        start=agreed_on + timedelta(days=7),
        on=agreed_on,
        today=today,
    )
    _agreement_dated(plan)


def _in_force(person: Person) -> Plan:
    return _agreement_dated(person.plans.get(status=Plan.Status.AGREED))


def _action(plan: Plan, words: str) -> Action:
    return plan.actions.get(description__startswith=words)


def _progress(plan: Plan, entries, *, actor: User, today: date) -> None:
    """(action words, status, days ago, note) recorded through the progress service."""
    for words, status, days_ago, note in entries:
        progress_record(
            plan=plan,
            action=_action(plan, words),
            status=status,
            happened_on=today - timedelta(days=days_ago),
            note=note,
            actor=actor,
        )


Status = ActionProgress.Status

# Progress, contacts and the consultation, as tables: kept as written.
# fmt: off
# (action words, status, days ago, what happened)
MARGARET_PROGRESS = (
    ("Fit a pendant alarm", Status.UNDER_WAY, 40,
     "Telecare team asked to fit it; they have a waiting list."),
    ("Lift to the lunch club", Status.UNDER_WAY, 5,
     "Peter took her on Wednesday: she stayed for the quiz."),
)
EDWIN_PROGRESS = (
    ("Help with a shower", Status.UNDER_WAY, 14,
     "Brightside's calls started on time; Edwin says 8 o'clock is too early on Sundays."),
    ("Tess comes swimming", Status.UNDER_WAY, 7, "Two Tuesdays at the pool so far."),
    ("Fit a bed sensor", Status.DONE, 4, "Fitted and tested with the telecare team."),
)
LEON_PROGRESS = (
    ("Visit the bike project", Status.DONE, 80, "Signed up; Wednesday mornings."),
    ("Meet his care coordinator", Status.UNDER_WAY, 21, "Seen every fortnight."),
)
# (with whom, how, days ago, what was said or agreed)
EDWIN_CONTACTS = (
    ("Maureen Larchwood", Contact.How.TELEPHONE, 12,
     "Maureen rang: the Sunday call comes too early. Asked Brightside whether it can move to "
     "9 o'clock."),
    ("Tess Marlowe", Contact.How.VISIT, 5,
     "Visited Edwin with Tess after swimming. He is tired but pleased; he wants to try a length "
     "on his own."),
)
EDWIN_CONSULTATION = {
    "who_to_invite": "Maureen, Tess, and Kit from Brightside. Clive from the stroke club if he "
    "can come.",
    "how_held": HowHeld.FACE_TO_FACE,
    "how_held_notes": "At home, in the morning, when I talk best. Give me time to find my words.",
    "what_is_working": "Swimming with Tess. The bed sensor: Maureen sleeps better.",
    "what_is_not_working": "The Sunday morning call is too early.",
    "what_to_change": "I want to get to the stroke club on Thursdays without Maureen driving me.",
}
# (provider as the plan names them, circle member's name or None, invited?, why not)
EDWIN_PROVIDERS = (
    ("Kit Larkspur", "Kit Larkspur", True, ""),
    ("Tess Marlowe", "Tess Marlowe", True, ""),
    ("Sampletown Community Health (demo)", None, False,
     "The night checks are going well and Edwin does not want to change them; their nurse will "
     "send a note instead."),
)
# fmt: on


def _consultation_due(person: Person, *, today: date) -> None:
    """Margaret: her first review is close and she has not been consulted; the alarm is late."""
    plan = _in_force(person)
    _progress(plan, MARGARET_PROGRESS, actor=person.allocated_worker, today=today)


def _consulted(person: Person, *, today: date) -> None:
    """Edwin: his first review is coming up. He has been consulted, his actions are moving, and
    his swimming outcome has its levels in his own words."""
    plan = _in_force(person)
    worker = person.allocated_worker
    _progress(plan, EDWIN_PROGRESS, actor=worker, today=today)
    _levels(plan.outcomes.get(words__startswith="Swim at the leisure centre"), EDWIN_LEVELS)
    members = {m.name: m for m in person.circle.all()}
    for with_whom, how, days_ago, note in EDWIN_CONTACTS:
        contact_record(
            person=person,
            plan=plan,
            circle_member=members[with_whom],
            how=how,
            happened_on=today - timedelta(days=days_ago),
            note=note,
            actor=worker,
        )
    consultation = consultation_save(
        person=person,
        data=EDWIN_CONSULTATION,
        invitations=[
            Invitation(name, invited, why_not)
            for name, _member, invited, why_not in EDWIN_PROVIDERS
        ],
        revision=0,
        actor=worker,
    )
    _backdate(consultation, created_at=_at(today - timedelta(days=3), 14))


def _urgent(person: Person, *, today: date) -> None:
    """Callum: a contingency in his plan happened three days ago (R10)."""
    plan = _in_force(person)
    trigger_record(
        person=person,
        plan=plan,
        kind=ReviewTrigger.Kind.CONTINGENCY,
        details="Callum got separated from Jamal at Saturday's match and a steward found him an "
        "hour later, upset. Linda wants to look again at how he gets to the football.",
        happened_on=today - timedelta(days=3),
        actor=person.allocated_worker,
    )


# fmt: off
LEON = Held(days_ago=18, how=HowHeld.FACE_TO_FACE, who="Leon, Ollie and the worker, at the café",
            ratings={"Not go back": (Rating.ACHIEVED, "No admissions; sees his coordinator "
                                     "every fortnight.", 0),
                     "Play in a band": (Rating.PARTLY, "Plays at the open mic; no band yet.", -1),
                     "Get a volunteer": (Rating.ACHIEVED, "Volunteers at the bike project on "
                                         "Wednesday mornings.", 1)},
            next_in_months=6)
WINSTON = Held(days_ago=28, how=HowHeld.MEETING, who="Winston, Lorna, Jo from Brightside and the "
               "worker",
               ratings={"I want to keep playing bowls": (Rating.ACHIEVED, "Bowls every Thursday "
                                                         "with Des.", 1),
                        "I want Lorna": (Rating.PARTLY, "The sitting service is booked, but only "
                                         "every other week.", -1),
                        "Get washed": (Rating.ACHIEVED, "Calls at a time that suits him; no "
                                       "rushing.", 0)},
               next_in_months=6)
SUNITA = Held(days_ago=10, how=HowHeld.FACE_TO_FACE, who="Sunita, Dev, Harriet and the worker",
              ratings={"I want to choose": (Rating.ACHIEVED, "Employs Harriet on hours she set.",
                                            1),
                       "Swim every week": (Rating.PARTLY, "Swims most weeks; the pool changed "
                                           "its times.", 0)},
              change="Sunita wants to get to the library on her own: a new outcome, with "
              "Harriet's time moving from the pool to travel training.",
              new_plan=True, next_in_months=6, copy_after_days=3)
# fmt: on


def _held(person: Person, held: Held, *, today: date):
    """A review of the plan in force, through the services."""
    return _hold(_in_force(person), held, actor=person.allocated_worker, today=today)


def _new_plan(person: Person, *, today: date) -> None:
    """Sunita: the review agreed a new outcome and started a new plan (a draft version 2, which
    the finalise gives the new outcome)."""
    plan = _in_force(person)
    review = review_start(plan=plan, actor=person.allocated_worker)
    review_outcome_add(
        review=review,
        words="Get the bus to the library on my own",
        kind=Outcome.Kind.CHANGE,
        achieve_by=today + timedelta(days=180),
        life_area="ascot:control",
        actor=person.allocated_worker,
    )
    finalised = _hold(plan, SUNITA, actor=person.allocated_worker, today=today)
    assert finalised.new_plan is not None


def _leon_progress(person: Person, *, today: date) -> None:
    """Leon: his volunteering done, his appointments under way (then his review is held)."""
    _progress(_in_force(person), LEON_PROGRESS, actor=person.allocated_worker, today=today)


def create_reviews(*, people: list[tuple[Someone, Person]], users: dict[str, User], today: date):
    """Every point of the review cycle, on the people named in the module docstring."""
    by_number = {row.number: person for row, person in people}
    manager = users["demo-manager"]
    _three_years(by_number[25], manager=manager, today=today)
    _overdue(by_number[26], manager=manager, today=today)
    _consultation_due(by_number[2], today=today)
    _consulted(by_number[21], today=today)
    _urgent(by_number[23], today=today)
    _leon_progress(by_number[14], today=today)
    _held(by_number[14], LEON, today=today)
    _held(by_number[3], WINSTON, today=today)
    _new_plan(by_number[13], today=today)
