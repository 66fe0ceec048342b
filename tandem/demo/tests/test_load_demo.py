from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from tandem.accounts.access import visible_people
from tandem.accounts.models import Organisation, Role, Team, User
from tandem.audit.models import AuditAction, AuditEvent
from tandem.demo.data import DEMO_PASSWORD, LOGINS, ORGANISATION, load_demo
from tandem.documents.compare import CHANGED, compare_snapshots
from tandem.people.models import CircleMember, Person, SafeguardingReferral
from tandem.plans import rules
from tandem.plans.models import Action, Agreement, Disagreement, Outcome, Plan, PlanIssue
from tandem.plans.snapshot import load_plan_parts, plan_snapshot

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MODELS = (
    Organisation,
    Team,
    User,
    Person,
    CircleMember,
    Plan,
    Outcome,
    PlanIssue,
    SafeguardingReferral,
    AuditEvent,
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_it_does_not_duplicate_when_loaded_twice(db):
    load_demo()
    before = counts()

    out = StringIO()
    call_command("load_demo", "--demo-site", stdout=out)

    assert counts() == before
    assert "already loaded" in out.getvalue()


def test_it_refuses_to_load_without_debug_unless_told_it_is_a_demo_site(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--demo-site"):
        call_command("load_demo", stdout=StringIO())
    assert not Organisation.objects.exists()


@pytest.mark.usefixtures("db")
class TestDemoContent:
    @pytest.fixture(autouse=True, scope="class")
    @classmethod
    def demo(cls, django_db_setup, django_db_blocker):
        """Loaded once, into the empty test database, for the whole class (loading takes a few
        seconds), and rolled back afterwards."""
        with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
            with transaction.atomic():
                assert not Organisation.objects.exists()
                cls.output = StringIO()
                load_demo(stdout=cls.output)
                yield
                transaction.set_rollback(True)

    def test_it_loads_one_council_with_two_teams_and_twenty_people(self):
        organisation = Organisation.objects.get()
        assert organisation.name == ORGANISATION
        assert set(organisation.teams.values_list("name", flat=True)) == {
            "Adults North",
            "Children and Families",
        }
        assert Person.objects.filter(organisation=organisation).count() == 20
        assert "20 people" in self.output.getvalue()

    def test_it_has_plans_in_every_state(self):
        assert set(Plan.objects.values_list("status", flat=True)) == set(Plan.Status.values)

    def test_it_signs_in_every_demo_login_with_the_demo_password(self):
        for username in LOGINS:
            user = authenticate(username=username, password=DEMO_PASSWORD)
            assert user is not None, username
            assert user.organisation.name == ORGANISATION
            assert user.get_full_name()

    def test_it_makes_the_demo_admin_a_superuser(self):
        admin = User.objects.get(username="demo-admin")
        assert admin.is_staff and admin.is_superuser and admin.role == Role.ADMINISTRATOR

    def test_it_shows_the_demo_person_only_their_own_record(self):
        user = User.objects.get(username="demo-person")
        assert list(visible_people(user)) == [user.person_record]
        assert user.person_record.allocated_worker.username == "demo-worker"

    def test_it_shows_the_demo_carer_the_person_they_care_for(self):
        person = User.objects.get(username="demo-person").person_record
        carer = User.objects.get(username="demo-carer")
        assert list(visible_people(carer)) == [person]

    def test_it_shows_the_demo_provider_the_people_they_support(self):
        person = User.objects.get(username="demo-person").person_record
        seen = visible_people(User.objects.get(username="demo-provider"))
        assert 2 <= seen.count() <= 3
        assert person in seen

    def test_it_gives_the_demo_worker_most_people_and_the_manager_everyone(self):
        assert Person.objects.filter(allocated_worker__username="demo-worker").count() >= 12
        assert visible_people(User.objects.get(username="demo-manager")).count() == 20

    def test_it_leaves_the_demo_persons_plan_a_draft_they_can_write(self):
        person = User.objects.get(username="demo-person").person_record
        plan = person.plans.get()
        assert plan.status == Plan.Status.DRAFT and plan.version_number == 1
        assert AuditEvent.objects.filter(plan=plan, actor=person.user).exists()

    def test_it_agrees_complete_plans_with_no_readiness_problems(self):
        agreed = Plan.objects.filter(status=Plan.Status.AGREED).select_related("person")
        assert agreed.count() >= 5
        for plan in agreed:
            assert rules.readiness_problems(plan_snapshot(load_plan_parts(plan))) == [], plan
            assert plan.issues.filter(number=1).exists()

    def test_it_reissues_a_plan_when_a_provider_disagrees_after_agreement(self):
        after = Disagreement.objects.filter(after_agreement=True).select_related("issue")
        assert after.exists()
        assert all(d.issue.number == 2 for d in after)
        decided = after.exclude(renegotiation="").get()
        assert decided.decided_by == decided.plan.coordinator
        assert decided.recorded_by.username == "demo-provider"

    def test_it_has_a_disagreement_about_one_action_raised_before_it_was_recorded(self):
        about_action = Disagreement.objects.get(part_kind="action")
        action = Action.objects.get(plan=about_action.plan, uid=about_action.part_uid)
        assert about_action.section == "actions"
        assert about_action.raised_on < about_action.recorded_at.date()
        assert about_action.raised_on >= about_action.plan.created_at.date()
        entry = plan_snapshot(load_plan_parts(about_action.plan))["disagreements"][0]
        assert entry["part_about"] == f"About the action “{action.description}”"

    def test_it_has_a_decision_to_renegotiate_with_a_new_version_still_to_start(self):
        needed = Disagreement.objects.get(renegotiation=Disagreement.Renegotiation.NEEDED)
        assert needed.renegotiation_reason
        assert needed.plan.status == Plan.Status.AGREED
        assert not Plan.objects.filter(previous_version=needed.plan).exists()
        assert needed.plan.coordinator.username == "demo-worker"

    def test_it_dates_every_plan_version_before_it_was_agreed(self):
        for plan in Plan.objects.exclude(agreed_at=None).prefetch_related("agreements"):
            for agreement in plan.agreements.all():
                assert plan.created_at.date() <= agreement.agreed_on, plan

    def test_it_supersedes_version_one_with_an_agreed_version_two(self):
        old = Plan.objects.get(status=Plan.Status.SUPERSEDED)
        assert old.next_version.status == Plan.Status.AGREED

    def test_it_starts_a_new_draft_from_an_agreed_plan(self):
        assert Plan.objects.filter(
            status=Plan.Status.DRAFT, previous_version__status=Plan.Status.AGREED
        ).exists()

    def test_it_rewords_an_outcome_in_a_new_version_that_keeps_its_uid(self):
        draft = Plan.objects.get(
            status=Plan.Status.DRAFT, previous_version__status=Plan.Status.AGREED
        )
        old = draft.previous_version.outcomes.get(words__startswith="Keep on top of")
        new = draft.outcomes.get(uid=old.uid)
        assert new.words == "Keep my home clean without the pain"
        changes = compare_snapshots(
            plan_snapshot(load_plan_parts(draft.previous_version)),
            plan_snapshot(load_plan_parts(draft)),
        )
        outcomes = next(c for c in changes if c.key == "outcomes")
        assert (CHANGED, new.words) in [(i.change, i.title) for i in outcomes.items]

    def test_it_agrees_in_best_interest_for_the_person_who_lacks_capacity(self):
        person = Person.objects.get(capacity=Person.Capacity.LACKS_CAPACITY)
        assert person.advocate.kind == CircleMember.Kind.ADVOCATE
        agreement = Agreement.objects.get(plan__person=person, party="representative")
        assert agreement.best_interest and agreement.member == person.advocate

    def test_it_uses_only_synthetic_contact_details(self):
        for member in CircleMember.objects.all():
            assert member.email.endswith("@example.org")
            assert 900000 <= int(member.phone.removeprefix("07700 ")) <= 900999
        assert not Person.objects.exclude(local_identifier__startswith="DEMO-").exists()
        assert not User.objects.exclude(email__endswith="@example.org").exists()

    def test_it_tags_outcomes_with_areas_of_life_for_adults_and_children(self):
        for outcome in Outcome.objects.select_related("plan__person"):
            prefix = "wb:" if outcome.plan.person.age_group == Person.AgeGroup.CHILD else "ascot:"
            assert outcome.life_area.startswith(prefix), outcome

    def test_it_has_a_concern_acknowledged_and_one_awaiting_acknowledgement(self):
        manager = User.objects.get(username="demo-manager")
        referrals = SafeguardingReferral.objects.all()
        assert referrals.count() == 2
        done = referrals.get(acknowledged_at__isnull=False)
        assert done.acknowledged_by == manager and done.action_taken
        assert done.raised_at < done.acknowledged_at
        assert done.raised_by.username == "demo-provider"
        waiting = referrals.get(acknowledged_at__isnull=True)
        assert waiting.acknowledged_by is None and not waiting.action_taken
        for referral in referrals:
            assert list(referral.alerted.all()) == [manager]
            assert referral.person in visible_people(User.objects.get(username="demo-worker"))
        assert AuditEvent.objects.filter(action=AuditAction.SAFEGUARDING_ACKNOWLEDGE).count() == 1
