"""The benchmark's generated data must be real data: plans complete by the rules, parts carried
across versions by uid, reviews that rate every outcome, staff who see their caseloads, and ids
that the application can go on from, so what the benchmark times is what a worker would see."""

import pytest
from django.db import connection

from bench.generate import generate
from tandem.accounts.access import visible_people
from tandem.accounts.models import Role, Team, User
from tandem.audit.models import AuditEvent
from tandem.people.models import CircleMember, ConsentRecord, Person
from tandem.plans import rules
from tandem.plans.models import Outcome, Plan, PlanIssue
from tandem.plans.services.agreement import issue_recipients
from tandem.plans.snapshot import load_plan_parts, plan_snapshot
from tandem.reminders.models import Notification
from tandem.reviews.history import progress_for
from tandem.reviews.models import ActionProgress, AttainmentLevel, OutcomeEvaluation, Review
from tandem.testing import make_person

PEOPLE = 30


@pytest.fixture
def made(db):
    return generate(people=PEOPLE, seed=3)


def test_it_makes_every_current_plan_complete_by_the_plan_rules(made):
    plans = Plan.objects.filter(status=Plan.Status.AGREED).select_related("person")
    assert plans.count() == PEOPLE
    for plan in plans:
        snapshot = plan_snapshot(load_plan_parts(plan))
        assert 3 <= len(snapshot["outcomes"]) <= 8
        assert 3 <= len(snapshot["actions"]) <= 12
        assert rules.readiness_problems(snapshot) == [], plan.pk


def test_it_issues_each_agreed_version_with_the_snapshot_the_application_takes(made):
    """A1/A4: every agreed version (the one in force and those it replaced) has its first copy,
    holding exactly what `plan_snapshot` makes of the plan's rows, and sent to whom the
    application sends it: so issued copies, comparisons and the document read real copies."""
    plans = Plan.objects.select_related("person", "coordinator").order_by("pk")
    issues = {i.plan_id: i for i in PlanIssue.objects.all()}
    assert set(issues) == {plan.pk for plan in plans}
    assert any(plan.previous_version_id for plan in plans)
    for plan in plans:
        issue = issues[plan.pk]
        assert (issue.number, issue.issued_by_id, issue.issued_at) == (
            1,
            plan.coordinator_id,
            plan.agreed_at,
        )
        assert issue.snapshot == plan_snapshot(load_plan_parts(plan)), plan.pk
        assert issue.recipients == issue_recipients(plan)
        assert rules.readiness_problems(issue.snapshot) == []


def test_it_gives_a_share_of_people_an_earlier_version_with_the_same_parts(made):
    later = Plan.objects.filter(previous_version__isnull=False).select_related("previous_version")
    assert later.exists()
    for plan in later:
        earlier = plan.previous_version
        assert earlier.status == Plan.Status.SUPERSEDED
        assert (earlier.version_number, plan.version_number) == (1, 2)
        before = set(Outcome.objects.filter(plan=earlier).values_list("uid", flat=True))
        after = set(Outcome.objects.filter(plan=plan).values_list("uid", flat=True))
        assert before and before <= after


def test_it_gives_reviews_rating_every_outcome_with_a_gas_level(made):
    reviewed = Person.objects.filter(reviews__status=Review.Status.FINAL).distinct()
    assert reviewed.count() > PEOPLE // 2
    for review in Review.objects.filter(status=Review.Status.FINAL).select_related("plan"):
        outcomes = set(Outcome.objects.filter(plan=review.plan).values_list("uid", flat=True))
        rated = {e.outcome_uid: e.gas_level for e in review.evaluations.all()}
        assert set(rated) == outcomes
        assert all(-2 <= level <= 2 for level in rated.values())
    person = reviewed.first()
    assert len(progress_for(person).scored) == person.reviews.count()
    assert ActionProgress.objects.exists()
    assert OutcomeEvaluation.objects.exists()


def test_it_describes_the_gas_levels_of_some_outcomes_in_the_persons_words(made):
    """An outcome rated by GAS has, for some people, what each level from −2 to +2 would look
    like (AttainmentLevel), the same descriptions (by uid) in each version."""
    described = Outcome.objects.filter(attainment_levels__isnull=False).distinct()
    assert 0 < described.count() < Outcome.objects.count()
    for outcome in described:
        levels = list(outcome.attainment_levels.order_by("level"))
        assert [d.level for d in levels] == [-2, -1, 0, 1, 2]
        assert all(d.words for d in levels)
    for plan in Plan.objects.filter(previous_version__isnull=False):
        earlier = set(
            AttainmentLevel.objects.filter(plan=plan.previous_version).values_list("uid", flat=True)
        )
        assert earlier <= set(
            AttainmentLevel.objects.filter(plan=plan).values_list("uid", flat=True)
        )


def test_it_puts_people_in_teams_with_workers_and_a_manager_who_see_them(made):
    team = Team.objects.get()  # 30 people: one team (teams are 300–600 people)
    staff = User.objects.filter(teams=team)
    assert staff.filter(role=Role.TEAM_MANAGER).count() == 1
    workers = staff.exclude(role=Role.TEAM_MANAGER)
    assert 10 <= workers.count() <= 25
    for worker in workers.filter(caseload__isnull=False).distinct():
        assert visible_people(worker).count() == PEOPLE
    assert Person.objects.filter(allocated_worker__in=workers).count() >= PEOPLE * 0.7


def test_it_gives_circles_of_support_with_consent_recorded(made):
    for person in Person.objects.all():
        assert 1 <= person.circle.count() <= 4
    consenting = CircleMember.objects.filter(consent_to_share=True)
    assert consenting.exists()
    assert ConsentRecord.objects.filter(member__in=consenting).count() == consenting.count()


def test_it_writes_audit_rows_and_past_reminders_with_their_dates(made):
    assert AuditEvent.objects.filter(action="person.create").count() == PEOPLE
    assert AuditEvent.objects.order_by("at").first().at.year < made_year()
    assert Notification.objects.exists()


def test_it_leaves_ids_for_the_application_to_carry_on_from(made):
    """Ids were given by the generator: the next one the database gives is past them."""
    org = made.organisations[0]
    team = Team.objects.get(organisation=org)
    person = make_person(team.organisation, team)
    assert person.pk > max(Person.objects.exclude(pk=person.pk).values_list("pk", flat=True))


def test_it_makes_the_same_people_from_the_same_seed(db):
    first = generate(people=5, seed=11)
    second = generate(people=5, seed=11)
    names = [
        list(
            Person.objects.filter(organisation=org)
            .order_by("pk")
            .values_list("given_name", "family_name", "date_of_birth")
        )
        for org in (*first.organisations, *second.organisations)
    ]
    assert names[0] == names[1]


def made_year() -> int:
    import datetime

    return datetime.date.today().year


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are dropped on PostgreSQL")
def test_it_makes_again_every_index_it_drops_for_a_big_load(db):
    """A big load drops the secondary indexes of the tables it writes and makes them again
    from their own definitions: none is lost, and the constraints' indexes are never dropped."""
    from bench.load import Loader

    def indexes() -> set[tuple[str, str]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
                [Outcome._meta.db_table],
            )
            return set(cursor.fetchall())

    before = indexes()
    loader = Loader()
    loader.rebuild_indexes = True
    loader.table(Outcome, "id", "uid")
    during = indexes()
    assert during < before
    assert {name for name, _ in during} >= {"plans_outcome_pkey", "plans_outcome_uid"}
    loader.finish()
    assert indexes() == before
