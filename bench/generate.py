"""Synthetic data for benchmarks: councils of N people, with years of history, in bulk.

    python -m bench.generate --people 10000 [--database-url postgres://…] [--seed 1]

One organisation per 100,000 people (at least one), in teams of 300–600 people, each team with
10–25 workers and a manager; each person has a circle of support (1–4, most consenting to share),
an indicative budget, and an agreed plan of 3–8 outcomes (1–3 indicators each), 3–12 actions, 1–3
support arrangements (costed within the budget), risks (with contingencies where harm is
significant) and needs. About a third of people have an earlier agreed version the current one
replaced, with the same parts carried over by `uid`; everyone whose support began over six weeks
ago has had reviews since (at six weeks, then yearly), each rating every outcome with a Goal
Attainment Scaling level; actions have progress notes; workers have had reminders; and the audit
trail has the creations, agreements, reviews and views that made it all.

Rows are written with `bench.load.Loader` (`COPY` on PostgreSQL, `bulk_create` elsewhere) rather
than through the services, which audit each change one at a time; the plans are complete by the
plan rules all the same (tests/test_bench_data.py). Names are made up from syllables; identifiers
say BENCH. The same seed gives the same data (relative to today's date).
"""

import argparse
import bisect
import datetime
import os
import random
import sys
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PEOPLE_PER_ORGANISATION = 100_000
TEAM_SIZE = (300, 600)
WORKERS_PER_TEAM = (10, 25)
BATCH_PEOPLE = 1000  # people generated, then written, at a time
PASSWORD = "!bench-no-password"  # unusable: the harness makes sessions directly

GIVEN = (
    "Ada Alys Bryn Cai Carys Dafydd Dilys Efa Elis Ffion Gethin Gwen Huw Iola Idris Jac Lowri "
    "Mabli Macsen Nia Owain Rhian Seren Tomos Wyn Ynyr Amara Bram Corin Delphine Ezra Farah Ilse "
    "Juno Kit Lark Milo Nell Orla Pip Quill Rosa Sol Tamsin Uma Vale Wren Xan Yara Zeb"
).split()
FAMILY_START = (
    "Ash Bram Cold Dun Elm Fen Glen Hal Iver Kel Lin Marsh Nor Oak Pen Quarn Rook Sel Thorn Ulls "
    "Vel Wick Yarn Brack Clove Drum Fal Gorse Holt Kest"
).split()
FAMILY_END = "by cott dale field ford gate ham hurst ley mere more ton well wick worth".split()
PROVIDERS = ("Bench Care at Home", "Riverside Support", "Hilltop Day Services", "Oakwood Care")
OUTCOMES = (
    ("I want to stay living in my own home", "ascot:accommodation"),
    ("I want to get out to the club on Tuesdays", "ascot:social"),
    ("I want to cook a meal for myself", "ascot:food"),
    ("I want to feel safe at night", "ascot:safety"),
    ("I want to choose when I get up and go to bed", "ascot:control"),
    ("I want to keep in touch with my grandchildren", "ascot:social"),
    ("I want to find some voluntary work", "ascot:occupation"),
    ("I do not want to go back into hospital", "ascot:safety"),
    ("I want to wash and dress the way I like", "ascot:cleanliness"),
)
ACTION_KINDS = (
    # kind, how it is resourced, who is responsible
    ("self", "own", "person"),
    ("natural", "natural", "member"),
    ("community", "community", "member"),
    ("equipment", "other_organisation", "staff"),
    ("paid", "personal_budget", "staff"),
)


@dataclass
class Made:
    """What was generated, for the harness and the tests to find their way in."""

    organisations: list[int] = field(default_factory=list)
    people: int = 0
    rows: int = 0
    seconds: float = 0.0


def generate(*, people: int, seed: int = 1, quiet: bool = True) -> Made:
    """Make `people` people, with everything around them, in new organisations."""
    from bench.load import Loader, Progress

    rng = random.Random(seed)
    today = datetime.date.today()
    loader = Loader()
    progress = Progress(people, quiet=quiet)
    made = Made()
    done = 0
    while done < people:
        size = min(PEOPLE_PER_ORGANISATION, people - done)
        council = _Council(loader, rng, today, size)
        made.organisations.append(council.organisation_id)
        for start in range(0, size, BATCH_PEOPLE):
            for n in range(start, min(size, start + BATCH_PEOPLE)):
                council.person(n)
            count = min(BATCH_PEOPLE, size - start)
            done += count
            progress.update(done, loader.flush())
    loader.finish()
    made.people = people
    made.rows = progress.rows
    made.seconds = progress.close()
    return made


class _Council:
    """One organisation being generated: its teams and staff now, its people on request."""

    def __init__(self, loader, rng: random.Random, today: datetime.date, size: int) -> None:
        from tandem.accounts.models import Organisation, Role, Team, User

        self.loader = loader
        self.rng = rng
        self.today = today
        self.now = datetime.datetime.combine(today, datetime.time(9), datetime.UTC)
        add = loader.add
        org = loader.new_id(Organisation)
        add(Organisation, id=org, name=f"Bench Council {org}")
        self.organisation_id = org
        self.admin = add(
            User,
            username=f"bench-admin-{org}",
            password=PASSWORD,
            first_name="Bench",
            last_name="Administrator",
            organisation_id=org,
            role=Role.ADMINISTRATOR,
        )
        # Teams of 300–600 people: (team id, first person index, its workers).
        self.teams: list[tuple[int, int, list[int]]] = []
        first = 0
        while first < size:
            team_size = rng.randint(*TEAM_SIZE)
            if size - (first + team_size) < TEAM_SIZE[0]:
                team_size = size - first  # the last team takes the remainder
            team = add(Team, organisation_id=org, name=f"Bench team {len(self.teams) + 1}")
            workers = []
            for w in range(rng.randint(*WORKERS_PER_TEAM)):
                role = (
                    Role.SOCIAL_WORKER,
                    Role.SOCIAL_WORKER,
                    Role.SOCIAL_WORKER,
                    Role.SOCIAL_WORK_ASSISTANT,
                    Role.OCCUPATIONAL_THERAPIST,
                )[w % 5]
                workers.append(self._staff(team, role, f"w{w + 1}"))
            self._staff(team, Role.TEAM_MANAGER, "manager")
            self.teams.append((team, first, workers))
            first += team_size
        self.team_starts = [first for _, first, _ in self.teams]

    def _staff(self, team: int, role: str, name: str) -> int:
        from tandem.accounts.models import User

        user = self.loader.add(
            User,
            username=f"bench-{team}-{name}",
            password=PASSWORD,
            first_name=self.rng.choice(GIVEN),
            last_name=self._family_name(),
            email=f"bench-{team}-{name}@example.org",
            organisation_id=self.organisation_id,
            role=role,
            job_title=str(role).replace("_", " ").capitalize(),
        )
        self.loader.add(User.teams.through, user_id=user, team_id=team)
        return user

    def _family_name(self) -> str:
        return self.rng.choice(FAMILY_START) + self.rng.choice(FAMILY_END)

    def _uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _days_ago(self, days: int) -> datetime.date:
        return self.today - datetime.timedelta(days=days)

    def _at(self, day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(10), datetime.UTC)

    def _team_of(self, n: int) -> tuple[int, list[int]]:
        team, _, workers = self.teams[bisect.bisect_right(self.team_starts, n) - 1]
        return team, workers

    def person(self, n: int) -> None:
        """One person and everything about them: circle, budget, plan versions, history."""
        from tandem.audit.models import AuditAction
        from tandem.people.models import Person

        rng, add = self.rng, self.loader.add
        team, workers = self._team_of(n)
        worker = rng.choice(workers)
        allocated = worker if rng.random() < 0.9 else None
        child = rng.random() < 0.05
        started = self._days_ago(rng.randint(30, 6 * 365))  # when their support began
        person = add(
            Person,
            organisation_id=self.organisation_id,
            team_id=team,
            allocated_worker_id=allocated,
            given_name=rng.choice(GIVEN),
            family_name=self._family_name(),
            date_of_birth=self._days_ago(
                rng.randint(2 * 365, 17 * 365) if child else rng.randint(19 * 365, 95 * 365)
            ),
            local_identifier=f"BENCH-{self.organisation_id}-{n:07d}",
            age_group=Person.AgeGroup.CHILD if child else Person.AgeGroup.ADULT,
            address=f"{rng.randint(1, 200)} Example Street, Benchtown",
            created_at=self._at(started - datetime.timedelta(days=30)),
        )
        members = self._circle(person, worker, started)
        self._audit(AuditAction.PERSON_CREATE, worker, person, None, started, "Added a person")
        reviews_on = self._review_dates(started)
        versions = self._plans(person, worker, members, started, reviews_on)
        self._reviews(person, worker, versions, reviews_on)
        current = versions[-1]
        self._progress(current, worker)
        self._reminders(person, allocated, current, reviews_on)
        for days in sorted(rng.sample(range(1, 200), 2), reverse=True):
            self._audit(
                AuditAction.PERSON_VIEW, worker, person, None, self._days_ago(days), "Viewed"
            )
        self._audit(AuditAction.PLAN_VIEW, worker, person, current.id, self._days_ago(3), "Viewed")

    def _circle(self, person: int, worker: int, started: datetime.date) -> list[int]:
        """1–4 members, the first a carer or family member; most consent to share the plan,
        with the consent recorded as the consent services record it."""
        from tandem.people.models import CircleMember, ConsentRecord

        rng, add = self.rng, self.loader.add
        kinds = ["carer", "family", "friend", "provider", "advocate"]
        members = []
        for m in range(rng.randint(1, 4)):
            kind = rng.choice(kinds[:2]) if m == 0 else rng.choice(kinds)
            consent = rng.random() < 0.85
            member = add(
                CircleMember,
                organisation_id=self.organisation_id,
                person_id=person,
                name=f"{rng.choice(GIVEN)} {self._family_name()}",
                kind=kind,
                relationship={"carer": "Daughter", "family": "Brother"}.get(kind, ""),
                organisation_name=rng.choice(PROVIDERS) if kind == "provider" else "",
                phone="01632 960000",
                consent_to_share=consent,
            )
            if consent:
                add(
                    ConsentRecord,
                    organisation_id=self.organisation_id,
                    person_id=person,
                    member_id=member,
                    purpose="share_plan",
                    given_by="person",
                    method="in_person",
                    given_on=started,
                    recorded_by_id=worker,
                    recorded_at=self._at(started),
                )
            members.append(member)
        return members

    def _review_dates(self, started: datetime.date) -> list[datetime.date]:
        """R1: the first review six weeks after support starts, then yearly, up to today."""
        dates = []
        held = started + datetime.timedelta(weeks=6)
        while held < self.today:
            dates.append(held)
            held += datetime.timedelta(days=365 + self.rng.randint(-20, 20))
        return dates[-5:]

    def _plans(self, person, worker, members, started, reviews_on) -> list["_Version"]:
        """The agreed plan, and for about a third of people (with a review behind them) the
        earlier agreed version it replaced, with the same parts (by uid) and one more outcome."""
        rng = self.rng
        design = _Design.draw(self, members)
        budget = self._budget(person, worker, design, started)
        versions = []
        if len(reviews_on) >= 2 and rng.random() < 0.35:
            earlier = _Design(design.outcomes[:-1] or design.outcomes, design)
            versions.append(
                self._version(person, worker, earlier, 1, None, started, "superseded", budget)
            )
        agreed_on = reviews_on[-1] if versions else started
        versions.append(
            self._version(
                person,
                worker,
                design,
                len(versions) + 1,
                versions[0].id if versions else None,
                agreed_on,
                "agreed",
                budget,
                due_from=self.today,
            )
        )
        return versions

    def _budget(self, person, worker, design, started) -> Decimal:
        """P8: an indicative budget the costed support fits within."""
        from tandem.budgets.models import IndicativeBudget

        weekly = sum((line[2] for line in design.cost_lines), Decimal(0))
        amount = max(Decimal(150), (weekly * Decimal("1.15")).quantize(Decimal(1)))
        self.loader.add(
            IndicativeBudget,
            organisation_id=self.organisation_id,
            person_id=person,
            source=IndicativeBudget.Source.OUTSIDE,
            weekly_amount=amount,
            source_details="Bench data",
            set_on=started,
            completed_by_id=worker,
            completed_at=self._at(started),
        )
        return amount

    def _version(
        self, person, worker, design, number, previous, agreed_on, status, budget, due_from=None
    ):
        """One version with all its parts. Its deadlines count from `due_from` (the current
        version's from today, so most are ahead and a few overdue, as on a caseload kept up to
        date; an earlier version's from when it was agreed)."""
        from tandem.audit.models import AuditAction
        from tandem.budgets.models import CostLine
        from tandem.plans import models as p

        rng, add, org = self.rng, self.loader.add, self.organisation_id
        due_from = due_from or agreed_on
        created = agreed_on - datetime.timedelta(days=14)
        direct = design.direct_payment
        plan = add(
            p.Plan,
            organisation_id=org,
            person_id=person,
            version_number=number,
            previous_version_id=previous,
            status=status,
            prepared_by=rng.choice(p.Plan.PreparedBy.values),
            coordinator_id=worker,
            created_by_id=worker,
            support_starts_on=agreed_on,
            important_to_me="My home, my garden and seeing my friends",
            strengths="I am good with people and I know what I like",
            budget_arrangement="direct_payment" if direct else "council_managed",
            direct_payment_amount=budget if direct else None,
            direct_payment_frequency="four_weekly" if direct else "",
            budget_use="Help at home and getting out",
            support_management="My daughter helps me manage it",
            who_leads="I lead it, with my daughter; we check it every month",
            staying_in_control="I can ask for changes at any time",
            created_at=self._at(created),
            updated_at=self._at(agreed_on),
            sent_for_agreement_at=self._at(agreed_on - datetime.timedelta(days=2)),
            agreed_at=self._at(agreed_on),
        )
        version = _Version(plan, agreed_on, [])
        for position, (uid, words, area, achieve_in, indicators, actions) in enumerate(
            design.outcomes
        ):
            outcome = add(
                p.Outcome,
                organisation_id=org,
                plan_id=plan,
                uid=uid,
                position=position,
                words=words,
                kind="maintain" if "not" in words or "stay" in words else "change",
                achieve_by=due_from + datetime.timedelta(days=achieve_in),
                life_area=area,
            )
            version.outcomes.append((uid, words))
            for i_uid, due_in in indicators:
                add(
                    p.Indicator,
                    organisation_id=org,
                    plan_id=plan,
                    uid=i_uid,
                    outcome_id=outcome,
                    description="Something we can see and count",
                    due_on=due_from + datetime.timedelta(days=due_in),
                )
            for a_uid, kind, funded_by, who, member, due_in in actions:
                version.actions.append(a_uid)
                add(
                    p.Action,
                    organisation_id=org,
                    plan_id=plan,
                    uid=a_uid,
                    outcome_id=outcome,
                    description="Something that needs to happen",
                    kind=kind,
                    responsible_is_person=who == "person",
                    responsible_member_id=member if who == "member" else None,
                    responsible_staff_id=worker if who == "staff" else None,
                    due_on=due_from + datetime.timedelta(days=due_in),
                    funded_by=funded_by,
                )
        for position, (uid, provider) in enumerate(design.supports):
            add(
                p.SupportArrangement,
                organisation_id=org,
                plan_id=plan,
                uid=uid,
                position=position,
                description="Help at home, mornings and evenings",
                provider=provider,
                how_often="Every day",
                funded_by="personal_budget",
            )
        for position, (for_kind, for_uid, weekly, uid) in enumerate(design.cost_lines):
            add(
                CostLine,
                organisation_id=org,
                plan_id=plan,
                uid=uid,
                position=position,
                description="Help at home" if for_kind == "support" else "Paid help",
                for_kind=for_kind,
                for_uid=for_uid,
                unit="hour",
                unit_cost=Decimal("24.50"),
                own_price_reason="Bench data",
                quantity=weekly / Decimal("24.50"),
                times=1,
                period="week",
                payer="direct_payment" if direct else "council_managed",
            )
        for position, (uid, significant) in enumerate(design.risks):
            add(
                p.Risk,
                organisation_id=org,
                plan_id=plan,
                uid=uid,
                position=position,
                description="Falls at home",
                significant_harm=significant,
                how_managed="An alarm pendant and a check each morning",
                contingency="Call my daughter, then the out-of-hours team" if significant else "",
                triggers="Two falls in a week" if significant else "",
            )
        for position, uid in enumerate(design.needs):
            add(
                p.Need,
                organisation_id=org,
                plan_id=plan,
                uid=uid,
                position=position,
                description="Help with personal care",
                eligibility="eligible",
            )
        for party, name in (("person", "The person"), ("worker", "Their worker")):
            add(
                p.Agreement,
                organisation_id=org,
                plan_id=plan,
                party=party,
                name=name,
                method="in_person",
                agreed_on=agreed_on,
                recorded_by_id=worker,
                recorded_at=self._at(agreed_on),
            )
        self._audit(AuditAction.PLAN_CREATE, worker, person, plan, created, "Started a plan")
        self._audit(AuditAction.AGREE, worker, person, plan, agreed_on, "Recorded agreement")
        return version

    def _reviews(self, person, worker, versions, reviews_on) -> None:
        """A final review on each date, of the version then in force, rating every outcome with
        a GAS level that mostly improves over the years."""
        from tandem.audit.models import AuditAction
        from tandem.reviews.models import OutcomeEvaluation, Review

        rng, add = self.rng, self.loader.add
        level = {uid: rng.randint(-2, 0) for v in versions for uid, _ in v.outcomes}
        for held in reviews_on:
            version = [v for v in versions if v.agreed_on <= held][-1]
            review = add(
                Review,
                organisation_id=self.organisation_id,
                person_id=person,
                plan_id=version.id,
                status="final",
                held_on=held,
                how_held=rng.choice(Review.HowHeld.values),
                why_proportionate="Nothing much has changed",
                who_took_part="The person, their carer and their worker",
                services_meet_outcomes=rng.choice(Review.Meets.values),
                next_review_on=held + datetime.timedelta(days=365),
                created_by_id=worker,
                created_at=self._at(held),
                finalised_by_id=worker,
                finalised_at=self._at(held),
                copy_due_on=held + datetime.timedelta(weeks=3),
                copy_sent_at=self._at(held + datetime.timedelta(days=rng.randint(1, 20))),
            )
            for uid, words in version.outcomes:
                level[uid] = max(-2, min(2, level[uid] + rng.choice((-1, 0, 1, 1))))
                add(
                    OutcomeEvaluation,
                    review_id=review,
                    outcome_uid=uid,
                    outcome_words=words,
                    rating=("not_achieved", "partly", "partly", "achieved", "achieved")[
                        level[uid] + 2
                    ],
                    evidence="What the indicators showed",
                    gas_level=level[uid],
                )
            self._audit(AuditAction.REVIEW_FINALISE, worker, person, version.id, held, "Final")

    def _progress(self, version: "_Version", worker: int) -> None:
        """0–3 progress notes on each action of the current plan since it was agreed."""
        from tandem.reviews.models import ActionProgress

        rng = self.rng
        span = max(1, (self.today - version.agreed_on).days)
        statuses = ("not_started", "under_way", "under_way", "done")
        for uid in version.actions:
            for k in range(rng.randint(0, 3)):
                happened = version.agreed_on + datetime.timedelta(days=rng.randint(0, span))
                self.loader.add(
                    ActionProgress,
                    organisation_id=self.organisation_id,
                    plan_id=version.id,
                    action_uid=uid,
                    status=statuses[min(k + 1, 3)],
                    note="Going well this month",
                    happened_on=happened,
                    recorded_by_id=worker,
                    recorded_at=self._at(happened),
                )

    def _reminders(self, person, allocated, version, reviews_on) -> None:
        """The allocated worker was reminded of the last reviews as they came due."""
        from tandem.reminders.models import Notification

        if allocated is None:
            return
        for held in reviews_on[-3:-1]:
            self.loader.add(
                Notification,
                organisation_id=self.organisation_id,
                recipient_id=allocated,
                recipient_as="worker",
                person_id=person,
                kind="review",
                item_key=f"review:{version.id}:{held.isoformat()}",
                what="Review the plan",
                due_on=held,
                sent_at=self._at(held - datetime.timedelta(days=28)),
            )

    def _audit(self, action, actor, person, plan, day, summary) -> None:
        from tandem.audit.models import AuditEvent

        self.loader.add(
            AuditEvent,
            organisation_id=self.organisation_id,
            actor_id=actor,
            person_id=person,
            plan_id=plan,
            action=action,
            summary=summary,
            at=self._at(day),
        )


@dataclass
class _Version:
    id: int
    agreed_on: datetime.date
    outcomes: list[tuple[uuid.UUID, str]]
    actions: list[uuid.UUID] = field(default_factory=list)


class _Design:
    """The parts of one person's plan, by uid, shared by its versions."""

    def __init__(self, outcomes, other: "_Design | None" = None) -> None:
        self.outcomes = outcomes
        if other is not None:
            self.supports, self.risks, self.needs = other.supports, other.risks, other.needs
            self.direct_payment = other.direct_payment
            kept = {a[0] for o in outcomes for a in o[5]}
            self.cost_lines = [c for c in other.cost_lines if c[0] == "support" or c[1] in kept]

    @classmethod
    def draw(cls, council: _Council, members: list[int]) -> "_Design":
        rng, uid = council.rng, council._uid
        count = rng.randint(3, 8)
        action_count = max(count, rng.randint(3, 12))
        per_outcome = [1] * count
        for _ in range(action_count - count):
            per_outcome[rng.randrange(count)] += 1
        outcomes = []
        cost_lines = []
        for n in range(count):
            words, area = rng.choice(OUTCOMES)
            indicators = [(uid(), rng.randint(45, 400)) for _ in range(rng.randint(1, 3))]
            actions = []
            for _ in range(per_outcome[n]):
                kind, funded_by, who = rng.choice(ACTION_KINDS)
                a_uid = uid()
                actions.append(
                    (a_uid, kind, funded_by, who, rng.choice(members), rng.randint(-20, 300))
                )
                if funded_by == "personal_budget":
                    cost_lines.append(("action", a_uid, Decimal(rng.randint(2, 6) * 49), uid()))
            outcomes.append((uid(), words, area, rng.randint(180, 540), indicators, actions))
        design = cls(outcomes)
        design.supports = [(uid(), rng.choice(PROVIDERS)) for _ in range(rng.randint(1, 3))]
        design.cost_lines = cost_lines + [
            ("support", s_uid, Decimal(rng.randint(2, 8) * 49), uid())
            for s_uid, _ in design.supports
        ]
        design.risks = [(uid(), rng.random() < 0.3) for _ in range(rng.randint(1, 3))]
        design.needs = [uid() for _ in range(rng.randint(1, 3))]
        design.direct_payment = rng.random() < 0.2
        return design


def setup_django(database_url: str | None = None) -> None:
    """Django, for a command run from a shell, on `database_url` if given."""
    sys.path.insert(0, str(ROOT))
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-key")
    os.environ.setdefault(
        "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", help="default: $DATABASE_URL, else the SQLite file")
    parser.add_argument("--migrate", action="store_true", help="migrate the database first")
    args = parser.parse_args()
    setup_django(args.database_url)
    if args.migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    started = time.perf_counter()
    made = generate(people=args.people, seed=args.seed, quiet=False)
    sys.stdout.write(
        f"{made.people:,} people ({made.rows:,} rows) in {len(made.organisations)} "
        f"organisation(s), in {time.perf_counter() - started:.1f} s\n"
    )


if __name__ == "__main__":
    main()
