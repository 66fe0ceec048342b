import re
from datetime import timedelta
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from tandem import testing
from tandem.accounts.access import visible_people
from tandem.accounts.models import Organisation, Role, Team, User
from tandem.audit.models import AuditAction, AuditEvent
from tandem.audit.selectors import audit_log_for, record_access
from tandem.budgets.models import (
    BudgetDecision,
    CostLine,
    FinancialAssessment,
    IndicativeBudget,
    RasScheme,
    Resource,
    Service,
    TradeOff,
)
from tandem.demo.calendar import DEMO_CALENDAR_TOKEN
from tandem.demo.data import DEMO_PASSWORD, LOGINS, ORGANISATION, load_demo
from tandem.documents.compare import CHANGED, compare_snapshots
from tandem.documents.render import forms_for, plan_copy_source, render_copy
from tandem.people.models import CircleMember, Person, SafeguardingReferral
from tandem.plans import rules
from tandem.plans.models import Action, Agreement, Disagreement, Outcome, Plan, PlanIssue
from tandem.plans.snapshot import load_plan_parts, plan_snapshot
from tandem.reminders import sweep
from tandem.reminders.models import Notification, ReminderPreference
from tandem.reviews.history import events_for, progress_for
from tandem.reviews.models import (
    ActionProgress,
    AttainmentLevel,
    Consultation,
    Contact,
    Review,
    ReviewTrigger,
)
from tandem.reviews.progress import action_rows
from tandem.reviews.rules import copy_state
from tandem.reviews.schedule import ReasonCode, is_overdue
from tandem.reviews.selectors import next_review_for
from tandem.testing import sign_in
from tandem.worklist import dashboard, figures
from tandem.worklist import selectors as dashboard_selectors
from tandem.worklist.models import CalendarFeed

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
    RasScheme,
    Service,
    IndicativeBudget,
    FinancialAssessment,
    CostLine,
    BudgetDecision,
    Review,
    ReviewTrigger,
    ActionProgress,
    Consultation,
    Contact,
    CalendarFeed,
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


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

    def test_it_does_not_duplicate_when_loaded_twice(self):
        """Loading it again (the demo class's one load being the first) changes nothing."""
        before = counts()

        out = StringIO()
        call_command("load_demo", "--demo-site", stdout=out)

        assert counts() == before
        assert "already loaded" in out.getvalue()

    def test_the_demo_health_partner_reads_the_api_with_the_published_token(self):
        """Issue 10: the README's demo token lists the adults team's people, as a social worker
        of that team would see them, and the administrator sees the account and its token."""
        from tandem.demo.api import DEMO_API_TOKEN

        client = Client(HTTP_AUTHORIZATION=f"Bearer {DEMO_API_TOKEN}")
        people = client.get("/api/v1/people/", {"name": "Margaret"}).json()["results"]
        assert [p["given_name"] for p in people] == ["Margaret"]
        assert client.get("/api/v1/worklist/").status_code == 200
        assert DEMO_API_TOKEN in self.output.getvalue()
        admin = testing.client_for(User.objects.get(username="demo-admin"))
        page = admin.get(reverse("administration:service_accounts")).text
        assert "Demo health partner" in page

    def test_it_loads_one_council_with_two_teams_and_twenty_six_people(self):
        organisation = Organisation.objects.get()
        assert organisation.name == ORGANISATION
        assert set(organisation.teams.values_list("name", flat=True)) == {
            "Adults North",
            "Children and Families",
        }
        # 26 in the stories, and two closed records (demo/records.py).
        assert Person.objects.filter(organisation=organisation).count() == 28
        assert "26 people" in self.output.getvalue()

    def test_it_has_plans_in_every_state(self):
        assert set(Plan.objects.values_list("status", flat=True)) == set(Plan.Status.values)

    def test_it_signs_in_every_demo_login_with_the_demo_password(self):
        for username in LOGINS:
            # The lockout checks every sign-in against the request it came in.
            request = RequestFactory().post("/sign-in/")
            user = authenticate(request, username=username, password=DEMO_PASSWORD)
            assert user is not None, username
            assert user.organisation.name == ORGANISATION
            assert user.get_full_name()

    def test_demo_staff_pass_the_second_factor_with_the_published_key(self):
        """README: sign in as demo-worker, then give the code `manage.py demo_code` prints."""
        from django_otp.plugins.otp_totp.models import TOTPDevice

        out = StringIO()
        call_command("demo_code", "demo-worker", stdout=out, stderr=StringIO())
        client = Client()
        client.post(reverse("login"), {"username": "demo-worker", "password": DEMO_PASSWORD})
        response = client.post(reverse("signin:second_factor"), {"code": out.getvalue().strip()})
        assert response.status_code == 302
        assert client.get(reverse("worklist:list")).status_code == 200
        staff = {"demo-worker", "demo-manager", "demo-admin"}
        with_key = set(TOTPDevice.objects.values_list("user__username", flat=True))
        assert staff <= with_key and not with_key & {"demo-person", "demo-carer", "demo-provider"}
        with pytest.raises(CommandError, match="not a demo member of staff"):
            call_command("demo_code", "demo-person", stdout=StringIO())
        assert "demo_code demo-worker" in self.output.getvalue()

    def test_it_keeps_superusers_for_the_operator_not_the_councils_administrator(self):
        admin = User.objects.get(username="demo-admin")
        assert admin.role == Role.ADMINISTRATOR
        assert not (admin.is_staff or admin.is_superuser)
        request = RequestFactory().post("/sign-in/")
        operator = authenticate(request, username="demo-operator", password=DEMO_PASSWORD)
        assert operator is not None and operator.is_superuser
        assert operator.organisation is None

    def test_the_demo_admin_has_staff_and_teams_to_manage_and_a_role_change_audited(self):
        admin = User.objects.get(username="demo-admin")
        organisation = admin.organisation
        assert organisation.teams.count() == 2
        staff = organisation.users.exclude(role__in=[Role.PERSON, Role.CARER, Role.PROVIDER])
        assert staff.count() >= 6
        assert staff.filter(is_active=False).exists()  # someone who has left
        promoted = AuditEvent.objects.get(
            action=AuditAction.USER_UPDATE, actor=admin, detail__changes__has_key="role"
        )
        assert promoted.detail["changes"]["role"] == [Role.SOCIAL_WORKER, Role.TEAM_MANAGER]
        users = sign_in(Client(), admin).get(reverse("administration:users")).content.decode()
        assert "Lee Brennan" in users and "Stopped" in users

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

    def test_it_shows_the_demo_person_who_has_looked_at_their_record(self):
        """Issue 9: several staff, his carer and his provider, from where; never safeguarding."""
        user = User.objects.get(username="demo-person")
        events = list(record_access(user.person_record, reader=user))
        readers = {e.actor.username for e in events if e.action.endswith(".view")}
        assert {"demo-worker", "demo-manager", "demo-carer", "demo-provider"} <= readers
        assert all(e.ip_address for e in events if e.actor.username == "demo-provider")
        assert not [e for e in events if e.action.startswith("safeguarding.")]

    def test_it_gives_the_demo_managers_audit_log_content(self):
        manager = User.objects.get(username="demo-manager")
        denis = User.objects.get(username="demo-person").person_record
        log = audit_log_for(manager)
        assert log.filter(
            person=denis, actor__username="demo-worker", ip_address__isnull=False
        ).exists()

    def test_it_gives_the_demo_worker_most_people_and_the_manager_everyone(self):
        assert Person.objects.filter(allocated_worker__username="demo-worker").count() >= 12
        assert visible_people(User.objects.get(username="demo-manager")).count() == 28

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
        old = Plan.objects.get(status=Plan.Status.SUPERSEDED, person__given_name="Harold")
        assert old.next_version.status == Plan.Status.AGREED

    def test_it_starts_a_new_draft_from_an_agreed_plan(self):
        assert Plan.objects.filter(
            status=Plan.Status.DRAFT, previous_version__status=Plan.Status.AGREED
        ).exists()

    def test_it_rewords_an_outcome_in_a_new_version_that_keeps_its_uid(self):
        draft = Plan.objects.get(
            status=Plan.Status.DRAFT,
            previous_version__status=Plan.Status.AGREED,
            person__given_name="Gwenllian",
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
        # The anonymised record (demo/records.py) has none left to check.
        kept = Person.objects.filter(anonymised_at__isnull=True)
        for member in CircleMember.objects.filter(person__in=kept):
            assert member.email.endswith("@example.org")
            assert 900000 <= int(member.phone.removeprefix("07700 ")) <= 900999
        assert not kept.exclude(local_identifier__startswith="DEMO-").exists()
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

    # --- Paying for the plan (P5, P7, P8) ---------------------------------------------------

    def costing(self, plan: Plan) -> dict:
        return plan_snapshot(load_plan_parts(plan))["costing"]

    def test_it_has_a_published_scheme_with_an_earlier_version_and_a_catalogue(self):
        in_use = RasScheme.objects.get(status=RasScheme.Status.PUBLISHED)
        assert in_use.version == 2 and in_use.published_at
        assert in_use.price_per_point == Decimal("2.40")
        assert (in_use.minimum_weekly, in_use.maximum_weekly) == (Decimal("0"), Decimal("900"))
        questions = list(in_use.questions.prefetch_related("answers"))
        assert len(questions) == 5
        assert all(3 <= len(q.answers.all()) <= 4 for q in questions)
        assert [(a.label, a.weekly_amount) for a in in_use.adjustments.all()] == [
            ("Has a carer who provides substantial support", Decimal("-40.00"))
        ]
        retired = RasScheme.objects.get(status=RasScheme.Status.RETIRED)
        assert retired.version == 1 and retired.published_at < in_use.published_at
        assert retired.results.exists()  # an old result stays explainable by its version

        services = Service.objects.prefetch_related("rates")
        assert services.count() >= 8
        assert services.filter(active=False).count() == 1
        changed = [s for s in services if len(s.rates.all()) > 1]
        assert len(changed) >= 2
        # A plan costed before a price rise keeps the older rate.
        home_care = Service.objects.get(name="Home care")
        older, current = sorted(r.unit_cost for r in home_care.rates.all())
        assert CostLine.objects.filter(service=home_care, unit_cost=older).exists()
        assert CostLine.objects.filter(service=home_care, unit_cost=current).exists()

    def test_it_works_out_indicative_budgets_with_the_scheme_or_records_the_councils(self):
        for budget in IndicativeBudget.objects.filter(source=IndicativeBudget.Source.RAS):
            assert budget.points == sum(answer["points"] for answer in budget.answers)
            adjustments = sum(Decimal(a["weekly_amount"]) for a in budget.adjustments)
            assert budget.calculated_amount == budget.points * budget.price_per_point + adjustments
            assert budget.weekly_amount == budget.calculated_amount  # no limit applied
            assert budget.scheme_version == budget.scheme.version
        outside = IndicativeBudget.objects.filter(source=IndicativeBudget.Source.OUTSIDE)
        assert outside.count() >= 2 and all(b.source_details for b in outside)
        assessments = FinancialAssessment.objects.all()
        done = assessments.filter(status=FinancialAssessment.Status.DONE)
        assert done.filter(weekly_contribution__gt=0).count() >= 3
        assert assessments.filter(status=FinancialAssessment.Status.NOT_DONE).count() == 1
        assert AuditEvent.objects.filter(action=AuditAction.INDICATIVE_BUDGET).count() == (
            IndicativeBudget.objects.count()
        )

    def test_it_costs_every_action_and_support_paid_with_money_in_plans_ready_or_agreed(self):
        plans = Plan.objects.filter(status__in=[Plan.Status.READY, Plan.Status.AGREED])
        for plan in plans:
            costed = set(CostLine.objects.filter(plan=plan).values_list("for_uid", flat=True))
            for part in [*plan.actions.all(), *plan.supportarrangements.all()]:
                if part.funded_by in {"personal_budget", "social_work"}:
                    assert part.uid in costed, (plan, part)
        payers = set(CostLine.objects.values_list("payer", flat=True))
        assert payers == {
            "council_managed",
            "direct_payment",
            "own_money",
            "other_funding",
        }
        assert not CostLine.objects.filter(payer="other_funding", funding_stream="").exists()
        assert Resource.objects.filter(kind="funding", weekly_value__gt=0).exists()
        assert {"skills", "family", "transport", "community"} <= set(
            Resource.objects.values_list("kind", flat=True)
        )

    def test_it_has_a_manager_approve_every_plan_over_budget_or_using_social_work(self):
        manager = User.objects.get(username="demo-manager")
        needing = 0
        for plan in Plan.objects.filter(status__in=[Plan.Status.READY, Plan.Status.AGREED]):
            decision = self.costing(plan)["decision"]
            if not decision["needed"]:
                continue
            needing += 1
            assert decision["in_force"], plan
            approved = plan.budget_decisions.get()
            assert approved.decided_by == manager and approved.decision_reason
            assert approved.requested_at < approved.decided_at
            assert approved.decided_at < (plan.sent_for_agreement_at or plan.agreed_at)
        assert needing >= 5
        over = BudgetDecision.objects.filter(over_budget=True, status="approved")
        assert over.filter(plan__status=Plan.Status.AGREED).exists()

    def test_it_has_a_costed_plan_within_budget_with_a_direct_payment_part(self):
        person = Person.objects.get(given_name="Edwin")
        plan = person.plans.get()
        assert plan.status == Plan.Status.AGREED
        assert (plan.budget_arrangement, plan.direct_payment_frequency) == ("mixed", "four_weekly")
        costing = self.costing(plan)
        figures = costing["figures"]
        assert not figures["over_budget"] and Decimal(figures["difference_weekly"]) > 0
        assert set(figures["by_payer"]) == {
            "council_managed",
            "direct_payment",
            "own_money",
            "other_funding",
        }
        assert figures["direct_payment_per_payment"] == "210.00"  # £52.50 a week × 4
        assert Decimal(figures["budget_one_off"]) > 0
        assert costing["indicative"]["source"] == "ras"
        assert costing["financial_assessment"]["weekly_contribution"] == "27.60"
        assert not costing["decision"]["needed"]
        assert plan.resources.filter(kind="funding", weekly_value=Decimal("210.00")).exists()

    def test_it_has_a_plan_over_budget_waiting_for_a_managers_decision(self):
        person = Person.objects.get(given_name="Yusuf")
        plan = person.plans.get()
        assert plan.status == Plan.Status.DRAFT
        waiting = BudgetDecision.objects.get(status=BudgetDecision.Status.WAITING)
        assert waiting.plan == plan and waiting.over_budget and not waiting.decided_by
        assert waiting.requested_by.username == "demo-worker" and waiting.reason
        assert waiting.budget_weekly > waiting.indicative_weekly
        snapshot = plan_snapshot(load_plan_parts(plan))
        # Everything else is done: the manager's decision is all it waits for.
        problems = rules.readiness_problems(snapshot)
        assert [(p.rule, p.section) for p in problems] == [("P8", "costs")]
        assert "has not decided yet" in problems[0].message
        manager = User.objects.get(username="demo-manager")
        assert manager.teams.filter(pk=person.team_id).exists()
        assert person.financial_assessments.get().status == FinancialAssessment.Status.NOT_DONE

    def test_it_has_an_approval_that_lapsed_when_a_cost_was_added(self):
        plan = Person.objects.get(given_name="Percy").plans.get()
        decision = self.costing(plan)["decision"]
        assert decision["lapsed"] and not decision["in_force"]
        assert decision["latest"]["status"] == "approved"
        problems = rules.readiness_problems(plan_snapshot(load_plan_parts(plan)))
        assert [p.rule for p in problems] == ["P8"]
        assert "Ask for a new decision" in problems[0].message

    def test_it_has_a_trade_off_with_the_cheaper_option_chosen(self):
        trade_off = TradeOff.objects.select_related("outcome", "plan").get()
        assert trade_off.question.startswith("Getting to the football")
        options = sorted(trade_off.options.all(), key=lambda o: o.weekly_cost)
        assert [o.weekly_cost for o in options] == [Decimal("12.50"), Decimal("68.00")]
        assert trade_off.chosen_uid == options[0].uid and trade_off.why_chosen
        plan = trade_off.plan
        assert plan.status == Plan.Status.AGREED
        action = trade_off.outcome.actions.get(description=options[0].description)
        assert action.funded_by == "personal_budget" and action.responsible_member
        line = CostLine.objects.get(plan=plan, for_uid=action.uid)
        entry = next(c for c in plan_snapshot(load_plan_parts(plan))["costs"] if c["id"] == line.pk)
        assert entry["weekly"] == "12.50" and line.payer == "direct_payment"
        assert AuditEvent.objects.filter(plan=plan, action=AuditAction.OPTION_CHOOSE).exists()

    # --- Carrying out the plan and reviewing it (issue 7, R1–R11) ---------------------------

    def person(self, given_name: str) -> Person:
        return Person.objects.get(given_name=given_name)

    def in_force(self, given_name: str) -> Plan:
        return Plan.objects.get(person__given_name=given_name, status=Plan.Status.AGREED)

    def test_it_has_a_review_whose_consultation_is_due_and_not_yet_asked(self):
        today = timezone.localdate()
        plan = self.in_force("Margaret")
        due = next_review_for(plan, today=today)
        assert due.consultation_on <= today < due.due_on <= today + timedelta(weeks=4)
        assert not Consultation.objects.filter(person=plan.person).exists()
        assert not Review.objects.filter(person=plan.person).exists()

    def test_it_has_a_review_overdue_for_a_plan_agreed_over_a_year_ago(self):
        today = timezone.localdate()
        plan = self.in_force("Norman")
        assert plan.agreed_at.date() < today - timedelta(days=365)
        assert not Review.objects.filter(person=plan.person).exists()
        assert is_overdue(next_review_for(plan, today=today).due_on, today)

    def test_it_has_an_urgent_review_from_a_contingency_triggered_a_few_days_ago(self):
        today = timezone.localdate()
        plan = self.in_force("Callum")
        trigger = ReviewTrigger.objects.get(person=plan.person)
        assert trigger.kind == ReviewTrigger.Kind.CONTINGENCY and trigger.is_urgent
        assert today - timedelta(days=7) <= trigger.happened_on < today
        reasons = next_review_for(plan, today=today).reasons
        assert reasons[0].code == ReasonCode.URGENT
        assert AuditEvent.objects.filter(action=AuditAction.REVIEW_TRIGGER, plan=plan).exists()

    def test_it_has_a_final_review_whose_copy_is_due_in_a_few_days(self):
        today = timezone.localdate()
        review = Review.objects.get(person__given_name="Leon")
        assert review.is_final and review.copy_sent_at is None
        assert today < review.copy_due_on <= today + timedelta(days=7)
        assert not copy_state(review, today).late

    def test_it_has_a_final_review_whose_copy_is_late(self):
        today = timezone.localdate()
        review = Review.objects.get(person__given_name="Winston")
        assert review.is_final and review.copy_sent_at is None
        assert review.held_on == today - timedelta(weeks=4)
        assert copy_state(review, today).late

    def test_it_has_a_review_that_started_a_new_plan_with_a_new_outcome(self):
        review = Review.objects.get(person__given_name="Sunita")
        assert review.is_final and review.new_plan_needed and review.copy_sent_at
        draft = Plan.objects.get(previous_version=review.plan)
        assert draft.status == Plan.Status.DRAFT and draft.version_number == 2
        reviewed = set(review.plan.outcomes.values_list("uid", flat=True))
        drafted = set(draft.outcomes.values_list("uid", flat=True))
        assert reviewed < drafted
        new = review.new_outcomes.get()
        assert new.outcome_uid in drafted - reviewed
        assert draft.outcomes.get(uid=new.outcome_uid).words == new.words

    def test_it_has_three_years_of_reviews_with_a_rising_t_score(self):
        today = timezone.localdate()
        person = self.person("Agnes")
        reviews = list(person.reviews.order_by("held_on").select_related("plan"))
        assert [r.plan.version_number for r in reviews] == [1, 2, 3, 4]
        assert all(r.is_final for r in reviews)
        assert reviews[0].held_on <= today - timedelta(days=3 * 365)
        assert reviews[-1].held_on >= today - timedelta(weeks=8)
        for review in reviews:
            # Agreed before it was held; recorded, and its copy sent, within three weeks.
            assert review.plan.agreed_at.date() <= review.held_on, review
            assert review.copy_due_on == review.held_on + timedelta(weeks=3)
            assert review.held_on < review.copy_sent_at.date() <= review.copy_due_on
            assert review.next_review_on > review.held_on
            assert review.created_at.date() == review.held_on
        for earlier, later in zip(reviews, reviews[1:], strict=False):
            # Each version agreed between the review that started it and the next review.
            assert earlier.held_on < later.plan.agreed_at.date() < later.held_on
        progress = progress_for(person)
        scores = [row.score for row in progress.scored]
        assert len(scores) == 4 and scores == sorted(set(scores))
        reworded = [
            h for h in progress.outcomes if len({e.evaluation.outcome_words for e in h.entries}) > 1
        ]
        assert len(reworded) == 1 and len(reworded[0].entries) == 4
        next_due = next_review_for(person.plans.get(status=Plan.Status.AGREED), today=today)
        assert not is_overdue(next_due.due_on, today)

    def test_it_shows_the_three_years_on_the_progress_page(self, client):
        person = self.person("Agnes")
        sign_in(client, User.objects.get(username="demo-worker"))
        response = client.get(reverse("reviews:history", args=[person.pk]))
        assert response.status_code == 200
        page = response.content.decode()
        assert "31.7" in page and "68.3" in page
        assert "<svg" in page

    def home_page(self, username: str) -> str:
        """The demo's person logins land on their home page and see their own story there."""
        client = sign_in(Client(), User.objects.get(username=username))
        response = client.get(reverse("home"), follow=True)
        assert response.redirect_chain == [(reverse("people:home"), 302)]
        assert response.status_code == 200
        html = response.text
        assert '<h1 class="govuk-heading-l">Your plan</h1>' in html
        assert not re.search(r"\([RPA]\d+", html)
        return html

    def test_den_carries_on_writing_his_plan(self):
        html = self.home_page("demo-person")
        assert "Denis Hollowbrook" in html
        assert "Carry on writing the plan" in html

    def test_margaret_is_asked_to_get_ready_for_her_review(self):
        html = self.home_page("demo-review-due")
        assert "Margaret Thistlewood" in html
        assert "Get ready for your review" in html
        assert "Why then:" in html

    def test_agnes_sees_her_last_review_and_progress(self):
        html = self.home_page("demo-reviewed")
        assert "Agnes Wickerby" in html
        assert "Read the record of the last review" in html
        assert "See progress over time" in html
        assert "Your actions" in html

    def test_carol_sees_dens_home_page_as_his_carer(self):
        client = sign_in(Client(), User.objects.get(username="demo-carer"))
        html = client.get(reverse("people:home")).text
        assert "Den’s plan" in html
        assert "Carry on writing the plan" in html

    def test_it_lets_a_newcomer_see_reviews_as_the_person(self, client):
        """Margaret's login is asked to get ready for her review; Agnes's shows her progress."""
        margaret = User.objects.get(username="demo-review-due")
        assert margaret.person_record == self.person("Margaret")
        sign_in(client, margaret)
        page = client.get(reverse("people:detail", args=[margaret.person_record.pk])).text
        assert "Get ready for your review" in page
        agnes = User.objects.get(username="demo-reviewed")
        sign_in(client, agnes)
        page = client.get(reverse("people:detail", args=[agnes.person_record.pk])).text
        assert "See progress over time" in page
        assert "<svg" in client.get(reverse("reviews:history", args=[self.person("Agnes").pk])).text

    def test_it_describes_outcome_levels_in_the_persons_own_words(self):
        for given_name, words in (("Agnes", "Walk to the shops"), ("Edwin", "Swim at")):
            outcome = Outcome.objects.get(plan=self.in_force(given_name), words__startswith=words)
            levels = list(outcome.attainment_levels.order_by("level"))
            assert [a.level for a in levels] == [-2, -1, 0, 1, 2]
            assert all(a.words.startswith("I ") for a in levels)
        # The same level keeps its uid in every version, as a copy would.
        uids = AttainmentLevel.objects.filter(plan__person__given_name="Agnes", level=0)
        assert uids.count() == 4 and len(set(uids.values_list("uid", flat=True))) == 1

    def test_it_has_progress_done_under_way_and_slipping(self):
        today = timezone.localdate()
        statuses = set(ActionProgress.objects.values_list("status", flat=True))
        assert {ActionProgress.Status.DONE, ActionProgress.Status.UNDER_WAY} <= statuses
        slipping = [row for row in action_rows(self.in_force("Margaret"), today) if row.slipping]
        assert [row.action.description for row in slipping] == [
            "Fit a pendant alarm and a key safe"
        ]
        assert slipping[0].latest.status == ActionProgress.Status.UNDER_WAY
        assert not [row for row in action_rows(self.in_force("Edwin"), today) if row.slipping]
        assert AuditEvent.objects.filter(action=AuditAction.ACTION_PROGRESS).count() == (
            ActionProgress.objects.count()
        )

    def test_it_has_a_consultation_with_the_persons_answers_and_providers_invited(self):
        today = timezone.localdate()
        plan = self.in_force("Edwin")
        consultation = Consultation.objects.get(person=plan.person)
        assert consultation.plan == plan and consultation.with_person
        assert consultation.what_is_working and consultation.what_to_change
        due = next_review_for(plan, today=today)
        assert consultation.review_due_on == due.due_on > today
        assert due.consultation_on <= consultation.created_at.date() <= today
        invitations = list(consultation.providers.all())
        assert len(invitations) == 3
        not_invited = [i for i in invitations if i.invited is False]
        assert len(not_invited) == 1 and not_invited[0].reason_not_invited
        contacts = Contact.objects.filter(person=plan.person)
        assert contacts.count() == 2
        assert all(c.circle_member and c.happened_on < today for c in contacts)

    def test_it_records_every_review_through_the_services(self):
        finals = Review.objects.filter(status=Review.Status.FINAL)
        assert finals.count() == 11
        assert not Review.objects.filter(status=Review.Status.DRAFT).exists()
        finalised = AuditEvent.objects.filter(action=AuditAction.REVIEW_FINALISE)
        assert finalised.count() == finals.count()
        assert "Reviews: 11" in self.output.getvalue()

    # --- The demo worker's calendar feed (issue 8) -------------------------------------------

    def test_it_gives_the_demo_worker_a_calendar_feed_at_the_published_address(self):
        path = reverse("worklist:calendar_feed", args=[DEMO_CALENDAR_TOKEN])
        assert path in self.output.getvalue()
        feed = CalendarFeed.objects.get(user__username="demo-worker")
        assert DEMO_CALENDAR_TOKEN not in str(CalendarFeed.objects.values().get())
        response = Client().get(path)
        assert response.status_code == 200
        summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).events]
        # Overdue, urgent and coming up: reviews, consultations and copies due on the caseload.
        assert len(summaries) >= 8
        assert any(s.startswith("Review of the plan") for s in summaries)
        assert any(s.startswith("Send the person a copy") for s in summaries)
        # No names by default: Margaret's review is there by her local identifier only.
        margaret = self.person("Margaret")
        assert any(margaret.local_identifier in s for s in summaries)
        assert not any("Thistlewood" in s for s in summaries)
        assert not feed.include_names

    def test_the_team_manager_sees_a_dashboard_with_every_figure_counted(self, client):
        """Issue 8: both sides of the review figures (Iris and Zain, tandem/demo/dashboard.py),
        a late copy (Winston), overdue work escalated, and a list behind each number."""
        manager = User.objects.get(username="demo-manager")
        teams = dashboard_selectors.manager_teams(manager)
        scope = dashboard.Scope(
            teams=teams,
            people=list(dashboard_selectors.team_people(teams)),
            today=timezone.localdate(),
        )
        found = {f.kind.slug: {r.key: r for r in f.rows} for f in figures.figures_for(scope)}
        for slug in ("first-reviews", "yearly-reviews"):
            assert found[slug]["on_time"].count >= 1 and found[slug]["late"].count >= 1, slug
        assert found["copies"]["sent_late"].count >= 1
        assert found["copies"]["not_sent"].count >= 1
        assert found["indicators"]["with"].count >= 10
        assert found["plans"]["agreed"].count >= 10 and found["plans"]["agreement"].count >= 1
        assert sum(r.count for r in found["decisions"].values()) >= 1
        worker = User.objects.get(username="demo-worker")
        assert found["overdue"][str(worker.pk)].escalated >= 1
        assert len(found["areas"]) >= 8
        sign_in(client, manager)
        page = client.get(reverse("worklist:dashboard")).content.decode()
        assert "None to count yet" not in page and "escalated to you" in page
        listed = client.get(reverse("worklist:figure", args=["yearly-reviews"]) + "?status=late")
        assert "Iris Nettlefold" in listed.content.decode()

    def test_the_worklist_people_and_dashboard_offer_their_lists_as_spreadsheets(self):
        """Issue 10: each list's "Download as a spreadsheet (CSV)" link, and its file holding
        every row (the demo worker's worklist runs to more than one page)."""
        from tandem.ui.tests.csv_files import read_csv
        from tandem.worklist.due import worklist_for

        worker = User.objects.get(username="demo-worker")
        client = sign_in(Client(), worker)
        everything = worklist_for(worker, timezone.localdate())
        assert f'href="{reverse("worklist:list_csv")}"' in client.get(reverse("worklist:list")).text
        assert len(read_csv(client.get(reverse("worklist:list_csv")))) == 1 + len(everything)
        assert f'href="{reverse("people:list_csv")}"' in client.get(reverse("people:list")).text
        people = read_csv(client.get(reverse("people:list_csv")))
        assert len(people) == 1 + visible_people(worker).count()

        manager = sign_in(Client(), User.objects.get(username="demo-manager"))
        page = manager.get(reverse("worklist:dashboard")).text
        for kind in figures.FIGURES:
            assert f'href="{reverse("worklist:figure_table_csv", args=[kind.slug])}"' in page
        late = "?status=late"
        listed = manager.get(reverse("worklist:figure", args=["yearly-reviews"]) + late).text
        download = reverse("worklist:figure_csv", args=["yearly-reviews"]) + late
        assert f'href="{download}"' in listed
        assert "Iris Nettlefold" in {row[0] for row in read_csv(manager.get(download))}

    # --- The worklist (issue 8) ------------------------------------------------------------

    def worklist(self, username: str) -> tuple[list, str]:
        from tandem.worklist.due import worklist_for

        user = User.objects.get(username=username)
        client = sign_in(Client(), user)
        response = client.get(reverse("home"), follow=True)
        assert response.redirect_chain == [(reverse("worklist:list"), 302)]
        return worklist_for(user, timezone.localdate()), response.text

    def test_the_demo_worker_signs_in_to_a_worklist_of_every_kind_of_work(self):
        today = timezone.localdate()
        entries, html = self.worklist("demo-worker")
        assert {e.item.kind for e in entries} >= {
            "review",
            "consultation",
            "action",
            "indicator",
            "review_copy",
            "agreement",
            "disagreement",
            "budget_changes",
            "safeguarding_raised",
        }
        assert any(e.item.urgent for e in entries)
        overdue = [e for e in entries if e.item.is_overdue(today)]
        assert any(e.item.days_overdue(today) > 14 for e in overdue)  # past escalation
        assert "Overdue by" in html and "Escalated to your manager" in html
        assert "Urgent" in html and "things due" in html
        changes = next(e for e in entries if e.item.kind == "budget_changes")
        draft = changes.person.plans.get(status=Plan.Status.DRAFT)
        assert changes.person.given_name == "Gwenllian"
        assert changes.item.url == reverse("plans:section", args=[draft.pk, "costs"])
        assert draft.budget_decisions.get().status == BudgetDecision.Status.CHANGES

    def test_the_demo_manager_has_decisions_and_escalated_work(self):
        entries, html = self.worklist("demo-manager")
        kinds = {e.item.kind for e in entries}
        assert {"budget_decision", "safeguarding"} <= kinds
        assert any(e.escalated for e in entries) and "Escalated to you" in html

    def test_it_has_reminder_settings_and_reminders_already_sent(self):
        worker = User.objects.get(username="demo-worker")
        margaret = User.objects.get(username="demo-review-due")
        assert worker.reminder_preference.daily_digest
        assert margaret.reminder_preference.email_reminders
        others = ["demo-person", "demo-carer", "demo-manager"]
        assert not ReminderPreference.objects.filter(user__username__in=others).exists()
        person = margaret.person_record
        sent = {(n.recipient.username, n.kind) for n in Notification.objects.filter(person=person)}
        # At least her review and its consultation (other apps' sources may add their items).
        assert sent >= {
            ("demo-worker", "consultation"),
            ("demo-worker", "review"),
            ("demo-review-due", "consultation"),
            ("demo-review-due", "review"),
            ("demo-manager", "consultation"),  # overdue long enough to be escalated
        }
        overdue = Person.objects.get(local_identifier="DEMO-0026")
        assert Notification.objects.filter(person=overdue, recipient__username="demo-manager")
        # On the progress page for staff, and nothing left to send about these people today.
        texts = [event.text for event in events_for(person)]
        assert "Reminder sent to the person about: Review of the plan" in " ".join(texts)
        reminded = Notification.objects.values("person_id").distinct()
        people = list(sweep.people_queryset().filter(pk__in=reminded))
        assert sweep.plan(people, timezone.localdate()) == []

    def test_it_has_a_closed_record_and_an_anonymised_one(self):
        from tandem.demo.records import ANONYMISED_IDENTIFIER, CLOSED_IDENTIFIER
        from tandem.records import export
        from tandem.records.anonymise import due_for_anonymising

        closed = Person.objects.get(local_identifier=CLOSED_IDENTIFIER)
        today = timezone.localdate()
        assert closed.closed_on and closed.anonymised_at is None
        assert closed not in due_for_anonymising(today)  # closed recently: kept for now
        entries, _html = self.worklist("demo-worker")
        assert closed.pk not in {entry.person.pk for entry in entries}
        anonymised = Person.objects.get(anonymised_at__isnull=False)
        assert anonymised.local_identifier == f"ANON-{anonymised.pk}"
        assert (
            ANONYMISED_IDENTIFIER not in export.as_json(export.gather(anonymised)).decode()[:2000]
        )
        worker = User.objects.get(username="demo-worker")
        page = sign_in(Client(), worker).get(reverse("people:detail", args=[closed.pk])).text
        assert "Record closed" in page and "Reopen the record" in page

    def test_it_has_copies_in_every_state_and_an_easy_read_copy_with_its_audio(self):
        """Issue 10: Margaret (demo-review-due) downloads her easy read copy and hears its audio;
        her son's copies went by email and by post; one waits to be posted; one failed."""
        from tandem.copies.models import Copy
        from tandem.copies.services import reproduce
        from tandem.demo.copies import MARGARET

        margaret = Person.objects.get(local_identifier=MARGARET)
        copies = {(c.recipient_name, c.form): c for c in Copy.objects.filter(person=margaret)}
        assert {c.status for c in copies.values()} == {
            Copy.Status.READY,
            Copy.Status.EMAILED,
            Copy.Status.TO_POST,
            Copy.Status.POSTED,
            Copy.Status.FAILED,
        }
        easy_read = copies[(margaret.full_name, "easy_read")]
        audio = copies[(margaret.full_name, "audio")]
        assert bytes(easy_read.content.data).startswith(b"%PDF")
        assert audio.media_type == "audio/mpeg" and audio.size > 0
        assert reproduce(easy_read).same
        client = sign_in(Client(), User.objects.get(username="demo-review-due"))
        home = client.get(reverse("people:home")).text
        assert "Your copies" in home and "<audio controls" in home
        assert client.get(reverse("copies:download", args=[easy_read.pk])).status_code == 200
        assert "Copies: 6 of Margaret" in self.output.getvalue()

    def test_everything_held_about_each_demo_person_can_be_exported(self):
        from tandem.records import export

        for person in Person.objects.all():
            document = export.as_json(export.gather(person)).decode()
            assert f'"person_id": {person.pk}' in document
        small = Person.objects.get(local_identifier="DEMO-0027")
        assert export.as_archive(export.gather(small)).startswith(b"PK")

    def test_it_shows_who_may_see_what(self):
        """Issue 9: a consent history, an appointed advocate, an emergency access for the demo
        manager to review, and a sharing review due after a safeguarding concern."""
        from tandem.people.models import BreakGlassAccess, ConsentRecord

        stan = CircleMember.objects.get(name="Stan Marigold")
        (record,) = stan.consents.all()
        assert record.given_on < record.withdrawn_on and not stan.consent_to_share
        assert ConsentRecord.objects.filter(purpose="consult_at_reviews").exists()

        nadia = CircleMember.objects.get(name="Nadia Fairweather")
        assert nadia.appointed_as == CircleMember.Appointment.ADVOCATE
        assert nadia.person.capacity == Person.Capacity.LACKS_CAPACITY

        grant = BreakGlassAccess.objects.get()
        assert grant.expires_at > timezone.now() and grant.reviewed_at is None
        entries, html = self.worklist("demo-manager")
        assert "break_glass" in {e.item.kind for e in entries}
        assert "Review emergency access to the record by Lee Turner" in html

        worker_entries, _html = self.worklist("demo-worker")
        due = {e.person.local_identifier for e in worker_entries if e.item.kind == "sharing_review"}
        assert due == {"DEMO-0010"}  # reviewed already after Margaret's concern

    def test_it_shows_the_demo_provider_only_brightsides_part_of_a_plan(self):
        """Issue 9: Jo (demo-provider) sees Brightside's part of Margaret's and Winston's plans;
        the district nurses' dressings, the risks, needs and budget are not shown to her."""
        jo = testing.client_for(User.objects.get(username="demo-provider"))
        margaret, winston = self.in_force("Margaret"), self.in_force("Winston")

        text = jo.get(reverse("documents:plan", args=[margaret.pk])).text
        assert "the parts of Margaret’s plan that concern Brightside Home Care (demo)" in text
        assert "Morning care: washing, dressing and breakfast" in text
        assert "Stay living in my own flat" in text  # shared with everyone supporting her
        for hidden in ("Dressings for her leg ulcer", "Falls at night", "pendant alarm", "£"):
            assert hidden not in text
        text = jo.get(reverse("plans:detail", args=[winston.pk])).text
        assert "Sitting service so Lorna can go out" in text
        assert "We cannot staff the 7:30am call on Sundays" in text
        for hidden in ("Lift to the bowls club and back", "Lorna becomes exhausted", "£"):
            assert hidden not in text
        # The coordinator still sees both providers' arrangements.
        text = (
            testing.client_for(margaret.coordinator)
            .get(reverse("documents:plan", args=[margaret.pk]))
            .text
        )
        assert "Dressings for her leg ulcer" in text and "Morning care: washing" in text

    def test_its_fullest_plan_fits_an_easy_read_copy_and_its_people_get_the_forms_they_need(self):
        """Issue 10: the agreed plan with the most in it, as its last copy was sent, fits in 24
        pages of easy read; Sunita (blind, reads braille) is sent audio and the standard copy
        her braille is made from, Callum (learning disability) easy read."""
        issues = PlanIssue.objects.select_related("plan").order_by("plan", "-number")
        latest = {issue.plan_id: issue for issue in reversed(list(issues))}.values()
        fullest = max(
            latest,
            key=lambda i: len(i.snapshot.get("outcomes", [])) + len(i.snapshot.get("actions", [])),
        )
        copy = render_copy(plan_copy_source(fullest), Person.Format.EASY_READ)
        assert 0 < PdfReader(BytesIO(copy.content)).get_num_pages() <= 24
        people = {
            p.given_name: p for p in Person.objects.filter(given_name__in=["Sunita", "Callum"])
        }
        assert forms_for(people["Sunita"]) == ["standard", "audio"]
        assert forms_for(people["Callum"]) == ["easy_read"]

    def test_it_exports_every_demo_persons_record_as_valid_fhir_r4(self):
        """Issue 10: every person's $everything, as their worker reads it, is valid R4 (the
        structure by fhir.resources, codes by R4's value sets, references and invariants), and
        Agnes's three years of reviews arrive as GAS scores on her goals."""
        from fhir.resources.R4B.bundle import Bundle

        from tandem.interop.fhir.codes import code_problems
        from tandem.interop.fhir.everything import Reader, current_plan, everything
        from tandem.interop.fhir.tests.helpers import invariant_problems, resources_of
        from tandem.plans.provider_part import WHOLE

        reader = Reader(view=WHOLE, whole_record=True, sees_consents=True)
        bundles = {}
        for person in Person.objects.filter(anonymised_at__isnull=True).select_related(
            "organisation", "allocated_worker"
        ):
            bundle = everything(
                person=person,
                reader=reader,
                plan=current_plan(person),
                base_url="http://demo/fhir/r4/",
                self_url="http://demo/fhir/r4/Patient/$everything",
                now=timezone.now(),
            )
            Bundle.model_validate(bundle)
            assert code_problems(bundle) == [] and invariant_problems(bundle) == [], person
            bundles[person.given_name] = bundle
        scores = [
            o for o in resources_of(bundles["Agnes"], "Observation") if "gas-score" in o["id"]
        ]
        assert len(scores) == 4
        (care_plan,) = resources_of(bundles["Denis"], "CarePlan")
        assert care_plan["status"] == "draft"  # Den is still writing it
