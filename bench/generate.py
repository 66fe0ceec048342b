"""Synthetic data for benchmarks: councils of N people, with years of history, in bulk.

    python -m bench.generate --people 10000 [--database-url postgres://…] [--seed 1]

One organisation per 100,000 people (at least one), in teams of 300–600 people, each team with
10–25 workers and a manager; each person has a circle of support (1–4, most consenting to share),
an indicative budget, and an agreed plan of 3–8 outcomes (1–3 indicators each; for some, what each
Goal Attainment Scaling level would look like, in the person's words), 3–12 actions, 1–3 support
arrangements (costed within the budget), risks (with contingencies where harm is significant) and
needs. About a third of people have an earlier agreed version the current one replaced, with the
same parts carried over by `uid`; each agreed version has its first issued copy, with the
snapshot the application takes (bench/snapshot.py); everyone whose support began over six weeks
ago has had reviews since (at six weeks, then yearly), each rating every outcome with a GAS
level; actions have progress notes; workers have had reminders; and the audit trail has the
creations, agreements, reviews and views that made it all.

Rows are written with `bench.load.Loader` (`COPY` on PostgreSQL, one prepared `INSERT`
elsewhere) rather than through the services, which audit each change one at a time; the plans
are complete by the plan rules all the same, and the issued copies are what `plan_snapshot`
makes of them (tests/test_bench_data.py). Names are made up from syllables; identifiers say
BENCH. The same seed gives the same data (relative to today's date).
"""

import argparse
import bisect
import datetime
import os
import random
import sys
import time
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


def generate(
    *, people: int, seed: int = 1, quiet: bool = True, rebuild_indexes: bool | None = None
) -> Made:
    """Make `people` people, with everything around them, in new organisations. The indexes of
    the tables written are dropped and made again after a big load (`rebuild_indexes`, by
    default from `REBUILD_INDEXES_FROM` people, PostgreSQL only)."""
    from bench.load import REBUILD_INDEXES_FROM, Loader, Progress

    if rebuild_indexes is None:
        rebuild_indexes = people >= REBUILD_INDEXES_FROM
    rng = random.Random(seed)
    today = datetime.date.today()
    loader = Loader(rebuild_indexes=rebuild_indexes)
    tables = _Tables(loader)
    progress = Progress(people, quiet=quiet)
    made = Made()
    done = 0
    while done < people:
        size = min(PEOPLE_PER_ORGANISATION, people - done)
        council = _Council(tables, rng, today, size)
        made.organisations.append(council.organisation_id)
        for start in range(0, size, BATCH_PEOPLE):
            for n in range(start, min(size, start + BATCH_PEOPLE)):
                council.person(n)
            count = min(BATCH_PEOPLE, size - start)
            done += count
            progress.update(done, loader.flush())
    loader.finish(progress.say)
    made.people = people
    made.rows = progress.rows
    made.seconds = progress.close()
    return made


class _Tables:
    """Each table written, with the columns the generator gives, in the order it gives them."""

    def __init__(self, loader) -> None:
        from tandem.accounts.models import Organisation, Team, User
        from tandem.audit.models import AuditEvent
        from tandem.budgets.models import CostLine, IndicativeBudget
        from tandem.people.models import CircleMember, ConsentRecord, Person
        from tandem.plans import models as p
        from tandem.reminders.models import Notification
        from tandem.reviews.models import (
            ActionProgress,
            AttainmentLevel,
            OutcomeEvaluation,
            Review,
        )

        t = loader.table
        self.organisation = t(Organisation, "id", "name")
        self.team = t(Team, "id", "organisation_id", "name")
        self.user = t(
            User,
            *("id", "username", "password", "first_name", "last_name", "email"),
            *("organisation_id", "role", "job_title"),
        )
        self.user_team = t(User.teams.through, "id", "user_id", "team_id")
        self.person = t(
            Person,
            *("id", "organisation_id", "team_id", "allocated_worker_id", "given_name"),
            *("family_name", "date_of_birth", "local_identifier", "age_group", "address"),
            "created_at",
        )
        self.member = t(
            CircleMember,
            *("id", "organisation_id", "person_id", "name", "kind", "relationship"),
            *("organisation_name", "phone", "consent_to_share"),
        )
        self.consent = t(
            ConsentRecord,
            *("id", "organisation_id", "person_id", "member_id", "purpose", "given_by"),
            *("method", "given_on", "recorded_by_id", "recorded_at"),
        )
        self.budget = t(
            IndicativeBudget,
            *("id", "organisation_id", "person_id", "source", "weekly_amount"),
            *("source_details", "set_on", "completed_by_id", "completed_at"),
        )
        self.plan = t(
            p.Plan,
            *("id", "organisation_id", "person_id", "version_number", "previous_version_id"),
            *("status", "prepared_by", "coordinator_id", "created_by_id", "support_starts_on"),
            *("important_to_me", "strengths", "budget_arrangement", "direct_payment_amount"),
            *("direct_payment_frequency", "budget_use", "support_management", "who_leads"),
            *("staying_in_control", "created_at", "updated_at", "sent_for_agreement_at"),
            "agreed_at",
        )
        self.outcome = t(
            p.Outcome,
            *("id", "organisation_id", "plan_id", "uid", "position", "words", "kind"),
            *("achieve_by", "life_area"),
        )
        self.indicator = t(
            p.Indicator,
            *("id", "organisation_id", "plan_id", "uid", "outcome_id", "description", "due_on"),
        )
        self.action = t(
            p.Action,
            *("id", "organisation_id", "plan_id", "uid", "outcome_id", "description", "kind"),
            *("responsible_is_person", "responsible_member_id", "responsible_staff_id"),
            *("due_on", "funded_by"),
        )
        self.support = t(
            p.SupportArrangement,
            *("id", "organisation_id", "plan_id", "uid", "position", "description"),
            *("provider", "how_often", "funded_by"),
        )
        self.cost_line = t(
            CostLine,
            *("id", "organisation_id", "plan_id", "uid", "position", "description"),
            *("for_kind", "for_uid", "unit", "unit_cost", "own_price_reason", "quantity"),
            *("times", "period", "payer"),
        )
        self.risk = t(
            p.Risk,
            *("id", "organisation_id", "plan_id", "uid", "position", "description"),
            *("significant_harm", "how_managed", "contingency", "triggers"),
        )
        self.need = t(
            p.Need,
            *("id", "organisation_id", "plan_id", "uid", "position", "description"),
            "eligibility",
        )
        self.agreement = t(
            p.Agreement,
            *("id", "organisation_id", "plan_id", "party", "name", "method", "agreed_on"),
            *("recorded_by_id", "recorded_at"),
        )
        self.issue = t(
            p.PlanIssue,
            *("id", "organisation_id", "plan_id", "number", "issued_at", "issued_by_id"),
            *("reason", "snapshot", "recipients"),
        )
        self.level = t(
            AttainmentLevel,
            *("id", "organisation_id", "plan_id", "uid", "position", "outcome_id", "level"),
            "words",
        )
        self.review = t(
            Review,
            *("id", "organisation_id", "person_id", "plan_id", "status", "held_on", "how_held"),
            *("why_proportionate", "who_took_part", "services_meet_outcomes"),
            *("next_review_on", "created_by_id", "created_at", "finalised_by_id"),
            *("finalised_at", "copy_due_on", "copy_sent_at"),
        )
        self.evaluation = t(
            OutcomeEvaluation,
            *("id", "review_id", "outcome_uid", "outcome_words", "rating", "evidence"),
            "gas_level",
        )
        self.progress = t(
            ActionProgress,
            *("id", "organisation_id", "plan_id", "action_uid", "status", "note"),
            *("happened_on", "recorded_by_id", "recorded_at"),
        )
        self.notification = t(
            Notification,
            *("id", "organisation_id", "recipient_id", "recipient_as", "person_id", "kind"),
            *("item_key", "what", "due_on", "sent_at"),
        )
        self.audit = t(
            AuditEvent,
            *("id", "organisation_id", "actor_id", "person_id", "plan_id", "action"),
            *("summary", "at"),
        )


class _Council:
    """One organisation being generated: its teams and staff now, its people on request.

    Draws are made with `random()` and indexing rather than `randint` and `choice` (a third of
    the time), dates are day numbers turned into text once per day, and uids are 128 random bits
    written out as a uuid: all the same from the same seed."""

    def __init__(self, tables: _Tables, rng: random.Random, today: datetime.date, size: int):
        from tandem.accounts.models import Role
        from tandem.plans.models import Plan
        from tandem.reviews.models import Review

        self.prepared_by = tuple(Plan.PreparedBy.values)
        self.how_held, self.meets = tuple(Review.HowHeld.values), tuple(Review.Meets.values)
        self.t = tables
        self.rng = rng
        self.random = rng.random
        self.bits = rng.getrandbits
        self.today = today.toordinal()
        self._days: dict[int, str] = {}
        self._ats: dict[int, str] = {}
        t = tables
        org = t.organisation.new_id()
        t.organisation.rows.append((org, f"Bench Council {org}"))
        self.organisation_id = org
        self.admin = self._user(
            f"bench-admin-{org}", "Bench", "Administrator", "", Role.ADMINISTRATOR, ""
        )
        self.staff_names: dict[int, str] = {}
        # Teams of 300–600 people: (team id, first person index, its workers).
        self.teams: list[tuple[int, int, list[int]]] = []
        first = 0
        while first < size:
            team_size = rng.randint(*TEAM_SIZE)
            if size - (first + team_size) < TEAM_SIZE[0]:
                team_size = size - first  # the last team takes the remainder
            team = t.team.new_id()
            t.team.rows.append((team, org, f"Bench team {len(self.teams) + 1}"))
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

    def _user(self, username, first, last, email, role, job_title) -> int:
        user = self.t.user.new_id()
        self.t.user.rows.append(
            (user, username, PASSWORD, first, last, email, self.organisation_id, role, job_title)
        )
        return user

    def _staff(self, team: int, role: str, name: str) -> int:
        first, last = self.pick(GIVEN), self._family_name()
        user = self._user(
            f"bench-{team}-{name}",
            first,
            last,
            f"bench-{team}-{name}@example.org",
            role,
            str(role).replace("_", " ").capitalize(),
        )
        self.staff_names[user] = f"{first} {last}"
        self.t.user_team.rows.append((self.t.user_team.new_id(), user, team))
        return user

    def pick(self, seq):
        return seq[int(self.random() * len(seq))]

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def _family_name(self) -> str:
        return self.pick(FAMILY_START) + self.pick(FAMILY_END)

    def uid(self) -> str:
        h = f"{self.bits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{h[16:20]}-{h[20:]}"

    def day(self, ordinal: int) -> str:
        """A day (its number) as the database's date."""
        text = self._days.get(ordinal)
        if text is None:
            text = self._days[ordinal] = datetime.date.fromordinal(ordinal).isoformat()
        return text

    def at(self, ordinal: int) -> str:
        """Ten in the morning (UTC) of a day, as the database's timestamp."""
        text = self._ats.get(ordinal)
        if text is None:
            text = self._ats[ordinal] = f"{self.day(ordinal)} 10:00:00"
        return text

    def _team_of(self, n: int) -> tuple[int, list[int]]:
        team, _, workers = self.teams[bisect.bisect_right(self.team_starts, n) - 1]
        return team, workers

    def person(self, n: int) -> None:
        """One person and everything about them: circle, budget, plan versions, history."""
        from tandem.audit.models import AuditAction

        t, org = self.t, self.organisation_id
        team, workers = self._team_of(n)
        worker = self.pick(workers)
        allocated = worker if self.random() < 0.9 else None
        child = self.random() < 0.05
        started = self.today - self.between(30, 6 * 365)  # when their support began
        given, family = self.pick(GIVEN), self._family_name()
        born = self.today - (
            self.between(2 * 365, 17 * 365) if child else self.between(19 * 365, 95 * 365)
        )
        person = t.person.new_id()
        about = _About(
            person, f"{given} {family}", given, self.day(born), f"BENCH-{org}-{n:07d}", child
        )
        t.person.rows.append(
            (
                person,
                org,
                team,
                allocated,
                given,
                family,
                about.born,
                about.identifier,
                "child" if child else "adult",
                f"{self.between(1, 200)} Example Street, Benchtown",
                self.at(started - 30),
            )
        )
        about.members = self._circle(person, worker, started)
        self._audit(AuditAction.PERSON_CREATE, worker, person, None, started, "Added a person")
        reviews_on = self._review_dates(started)
        versions = self._plans(about, worker, started, reviews_on)
        reviews = self._reviews(person, worker, versions, reviews_on)
        self._issues(about, versions, reviews)
        current = versions[-1]
        self._progress(current, worker)
        self._reminders(person, allocated, current, reviews_on)
        for days in sorted(self.rng.sample(range(1, 200), 2), reverse=True):
            self._audit(AuditAction.PERSON_VIEW, worker, person, None, self.today - days, "Viewed")
        self._audit(AuditAction.PLAN_VIEW, worker, person, current.id, self.today - 3, "Viewed")

    def _circle(self, person: int, worker: int, started: int) -> list[tuple[int, str, str, bool]]:
        """1–4 members, the first a carer or family member; most consent to share the plan,
        with the consent recorded as the consent services record it."""
        t, org = self.t, self.organisation_id
        members = []
        for m in range(self.between(1, 4)):
            kind = self.pick(MEMBER_KINDS[:2] if m == 0 else MEMBER_KINDS)
            consent = self.random() < 0.85
            member = t.member.new_id()
            name = f"{self.pick(GIVEN)} {self._family_name()}"
            t.member.rows.append(
                (
                    member,
                    org,
                    person,
                    name,
                    kind,
                    RELATIONSHIPS.get(kind, ""),
                    self.pick(PROVIDERS) if kind == "provider" else "",
                    "01632 960000",
                    consent,
                )
            )
            if consent:
                t.consent.rows.append(
                    (
                        t.consent.new_id(),
                        org,
                        person,
                        member,
                        "share_plan",
                        "person",
                        "in_person",
                        self.day(started),
                        worker,
                        self.at(started),
                    )
                )
            members.append((member, name, kind, consent))
        return members

    def _review_dates(self, started: int) -> list[int]:
        """R1: the first review six weeks after support starts, then yearly, up to today."""
        dates = []
        held = started + 42
        while held < self.today:
            dates.append(held)
            held += 365 + self.between(-20, 20)
        return dates[-5:]

    def _plans(self, about: "_About", worker, started, reviews_on) -> list["_Version"]:
        """The agreed plan, and for about a third of people (with a review behind them) the
        earlier agreed version it replaced, with the same parts (by uid) and one more outcome."""
        design = _Design.draw(self, [m[0] for m in about.members])
        about.budget = self._budget(about, worker, design, started)
        budget = about.budget
        versions: list[_Version] = []
        if len(reviews_on) >= 2 and self.random() < 0.35:
            earlier = _Design(design.outcomes[:-1] or design.outcomes, design)
            versions.append(
                self._version(about, worker, earlier, 1, None, started, "superseded", budget)
            )
        agreed_on = reviews_on[-1] if versions else started
        versions.append(
            self._version(
                about,
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

    def _budget(self, about: "_About", worker: int, design: "_Design", started: int) -> Decimal:
        """P8: an indicative budget the costed support fits within."""
        weekly = sum(line[2] for line in design.cost_lines)
        amount = max(Decimal(150), (Decimal(weekly) * Decimal("1.15")).quantize(Decimal(1)))
        amount = amount.quantize(Decimal("0.01"))  # pounds and pence, as the column keeps it
        t = self.t
        about.budget_id, about.budget_set_on = t.budget.new_id(), self.day(started)
        t.budget.rows.append(
            (
                about.budget_id,
                self.organisation_id,
                about.id,
                "outside",
                str(amount),
                "Bench data",
                self.day(started),
                worker,
                self.at(started),
            )
        )
        return amount

    def _version(
        self, about, worker, design, number, previous, agreed_on, status, budget, due_from=None
    ) -> "_Version":
        """One version with all its parts. Its deadlines count from `due_from` (the current
        version's from today, so most are ahead and a few overdue, as on a caseload kept up to
        date; an earlier version's from when it was agreed)."""
        from tandem.audit.models import AuditAction

        t, org, day = self.t, self.organisation_id, self.day
        due_from = due_from or agreed_on
        created = agreed_on - 14
        direct = design.direct_payment
        plan = t.plan.new_id()
        prepared_by = self.pick(self.prepared_by)
        t.plan.rows.append(
            (
                plan,
                org,
                about.id,
                number,
                previous,
                status,
                prepared_by,
                worker,
                worker,
                day(agreed_on),
                *PLAN_WORDS[:2],
                "direct_payment" if direct else "council_managed",
                str(budget) if direct else None,
                "four_weekly" if direct else "",
                *PLAN_WORDS[2:],
                self.at(created),
                self.at(agreed_on),
                self.at(agreed_on - 2),
                self.at(agreed_on),
            )
        )
        version = _Version(plan, agreed_on, [], [], [], [], [])
        version.number, version.status, version.coordinator = number, status, worker
        version.prepared_by, version.direct_payment = prepared_by, direct
        version.agreed_on_text = day(agreed_on)
        outcomes, indicators, actions = t.outcome.rows, t.indicator.rows, t.action.rows
        for position, (
            uid,
            words,
            area,
            achieve_in,
            its_indicators,
            its_actions,
            levels,
        ) in enumerate(design.outcomes):
            outcome = t.outcome.new_id()
            kind = "maintain" if "not" in words or "stay" in words else "change"
            achieve_by = day(due_from + achieve_in)
            outcomes.append((outcome, org, plan, uid, position, words, kind, achieve_by, area))
            version.outcomes.append((outcome, uid, words, kind, achieve_by, area, [], []))
            for level, (l_uid, level_words) in enumerate(zip(levels, GAS_WORDS, strict=False), -2):
                described = t.level.new_id()
                t.level.rows.append(
                    (described, org, plan, l_uid, level + 2, outcome, level, level_words)
                )
                version.outcomes[-1][7].append((described, l_uid, level, level_words))
            for i_uid, due_in in its_indicators:
                indicator = t.indicator.new_id()
                due_on = day(due_from + due_in)
                indicators.append((indicator, org, plan, i_uid, outcome, INDICATOR, due_on))
                version.outcomes[-1][6].append((indicator, i_uid, due_on))
            for a_uid, kind, funded_by, who, member, due_in in its_actions:
                action = t.action.new_id()
                due_on = day(due_from + due_in)
                actions.append(
                    (
                        action,
                        org,
                        plan,
                        a_uid,
                        outcome,
                        ACTION,
                        kind,
                        who == "person",
                        member if who == "member" else None,
                        worker if who == "staff" else None,
                        due_on,
                        funded_by,
                    )
                )
                version.actions.append(
                    (action, a_uid, kind, funded_by, who, member, due_on, outcome)
                )
        for position, (uid, provider) in enumerate(design.supports):
            support = t.support.new_id()
            t.support.rows.append(
                (
                    support,
                    org,
                    plan,
                    uid,
                    position,
                    SUPPORT,
                    provider,
                    "Every day",
                    "personal_budget",
                )
            )
            version.supports.append((support, uid, provider))
        payer = "direct_payment" if direct else "council_managed"
        for position, (for_kind, for_uid, weekly, uid) in enumerate(design.cost_lines):
            line = t.cost_line.new_id()
            t.cost_line.rows.append(
                (
                    line,
                    org,
                    plan,
                    uid,
                    position,
                    "Help at home" if for_kind == "support" else "Paid help",
                    for_kind,
                    for_uid,
                    "hour",
                    "24.50",
                    "Bench data",
                    f"{weekly // 49 * 2}.00",  # hours a week at £24.50
                    1,
                    "week",
                    payer,
                )
            )
            version.cost_lines.append((line, uid, for_kind, for_uid, weekly))
        for position, (uid, significant) in enumerate(design.risks):
            risk = t.risk.new_id()
            t.risk.rows.append(
                (
                    risk,
                    org,
                    plan,
                    uid,
                    position,
                    "Falls at home",
                    significant,
                    "An alarm pendant and a check each morning",
                    CONTINGENCY if significant else "",
                    TRIGGERS if significant else "",
                )
            )
            version.risks.append((risk, uid, significant))
        for position, uid in enumerate(design.needs):
            need = t.need.new_id()
            t.need.rows.append(
                (need, org, plan, uid, position, "Help with personal care", "eligible")
            )
            version.needs.append((need, uid))
        for party, name in AGREEING:
            t.agreement.rows.append(
                (
                    t.agreement.new_id(),
                    org,
                    plan,
                    party,
                    name,
                    "in_person",
                    day(agreed_on),
                    worker,
                    self.at(agreed_on),
                )
            )
        self._audit(AuditAction.PLAN_CREATE, worker, about.id, plan, created, "Started a plan")
        self._audit(
            AuditAction.AGREE,
            worker,
            about.id,
            plan,
            agreed_on,
            "Recorded agreement and issued copy 1",
        )
        return version

    def _reviews(self, person, worker, versions, reviews_on) -> list["_ReviewDone"]:
        """A final review on each date, of the version then in force, rating every outcome with
        a GAS level that mostly improves over the years."""
        from tandem.audit.models import AuditAction

        t, org = self.t, self.organisation_id
        level = {o[1]: self.between(-2, 0) for v in versions for o in v.outcomes}
        reviews: list[_ReviewDone] = []
        evaluations = t.evaluation.rows
        for held in reviews_on:
            version = [v for v in versions if v.agreed_on <= held][-1]
            review = t.review.new_id()
            done = _ReviewDone(
                review,
                version.number,
                self.day(held),
                self.pick(self.how_held),
                self.pick(self.meets),
                self.day(held + 365),
            )
            t.review.rows.append(
                (
                    review,
                    org,
                    person,
                    version.id,
                    "final",
                    done.held_on,
                    done.how_held,
                    "Nothing much has changed",
                    "The person, their carer and their worker",
                    done.meets,
                    done.next_review_on,
                    worker,
                    self.at(held),
                    worker,
                    self.at(held),
                    self.day(held + 21),
                    self.at(held + self.between(1, 20)),
                )
            )
            for _, uid, words, *_ in version.outcomes:
                level[uid] = max(-2, min(2, level[uid] + self.pick(GAS_STEPS)))
                done.ratings.append((uid, words, RATINGS[level[uid] + 2], level[uid]))
                evaluations.append(
                    (
                        t.evaluation.new_id(),
                        review,
                        uid,
                        words,
                        RATINGS[level[uid] + 2],
                        "What the indicators showed",
                        level[uid],
                    )
                )
            self._audit(AuditAction.REVIEW_FINALISE, worker, person, version.id, held, "Final")
            reviews.append(done)
        return reviews

    def _issues(self, about: "_About", versions, reviews: list["_ReviewDone"]) -> None:
        """A1: each version's first copy, issued as it was agreed, with the snapshot the
        application would have taken (bench/snapshot.py) and who it went to."""
        from bench.snapshot import plan_snapshot, recipients

        t = self.t.issue
        for version in versions:
            earlier = [r for r in reviews if r.version_number < version.number]
            snapshot = plan_snapshot(
                self, about, version, version.number, about.budget, earlier[-1] if earlier else None
            )
            t.rows.append(
                (
                    t.new_id(),
                    self.organisation_id,
                    version.id,
                    1,
                    self.at(version.agreed_on),
                    version.coordinator,
                    "Plan agreed",
                    snapshot,
                    recipients(self, about, version.coordinator),
                )
            )

    def _progress(self, version: "_Version", worker: int) -> None:
        """0–3 progress notes on each action of the current plan since it was agreed."""
        t, org = self.t, self.organisation_id
        span = max(1, self.today - version.agreed_on)
        rows = t.progress.rows
        for _, uid, *_ in version.actions:
            for k in range(self.between(0, 3)):
                happened = version.agreed_on + self.between(0, span)
                rows.append(
                    (
                        t.progress.new_id(),
                        org,
                        version.id,
                        uid,
                        PROGRESS_STATUSES[min(k + 1, 3)],
                        "Going well this month",
                        self.day(happened),
                        worker,
                        self.at(happened),
                    )
                )

    def _reminders(self, person, allocated, version, reviews_on) -> None:
        """The allocated worker was reminded of the last reviews as they came due."""
        if allocated is None:
            return
        t = self.t
        for held in reviews_on[-3:-1]:
            t.notification.rows.append(
                (
                    t.notification.new_id(),
                    self.organisation_id,
                    allocated,
                    "worker",
                    person,
                    "review",
                    f"review:{version.id}:{self.day(held)}",
                    "Review the plan",
                    self.day(held),
                    self.at(held - 28),
                )
            )

    def _audit(self, action, actor, person, plan, day: int, summary) -> None:
        t = self.t.audit
        t.rows.append(
            (t.new_id(), self.organisation_id, actor, person, plan, action, summary, self.at(day))
        )


MEMBER_KINDS = ("carer", "family", "friend", "provider", "advocate")
RELATIONSHIPS = {"carer": "Daughter", "family": "Brother"}
PLAN_WORDS = (
    "My home, my garden and seeing my friends",  # important to me
    "I am good with people and I know what I like",  # strengths
    "Help at home and getting out",  # budget use
    "My daughter helps me manage it",  # support management
    "I lead it, with my daughter; we check it every month",  # who leads
    "I can ask for changes at any time",  # staying in control
)
INDICATOR = "Something we can see and count"
ACTION = "Something that needs to happen"
SUPPORT = "Help at home, mornings and evenings"
CONTINGENCY = "Call my daughter, then the out-of-hours team"
TRIGGERS = "Two falls in a week"
AGREEING = (("person", "The person"), ("worker", "Their worker"))
GAS_STEPS = (-1, 0, 1, 1)
GAS_WORDS = (  # what each level from -2 to +2 would look like, in the person's words
    "I have not been out at all",
    "I get out now and then, with help",
    "I get to the club most Tuesdays",
    "I get to the club every Tuesday",
    "I get to the club and help run it",
)
RATINGS = ("not_achieved", "partly", "partly", "achieved", "achieved")
PROGRESS_STATUSES = ("not_started", "under_way", "under_way", "done")


@dataclass
class _About:
    """The person, as their plan's issued copies name them."""

    id: int
    name: str
    known_as: str
    born: str
    identifier: str
    child: bool
    members: list[tuple[int, str, str, bool]] = field(default_factory=list)
    budget: Decimal = Decimal(0)
    budget_id: int = 0
    budget_set_on: str = ""


@dataclass
class _Version:
    id: int
    agreed_on: int
    # (id, uid, words, kind, achieve_by, life area, [(indicator id, uid, due on)],
    #  [(attainment level id, uid, level, words)])
    outcomes: list[tuple]
    # (id, uid, kind, funded by, who is responsible, member, due on, outcome id)
    actions: list[tuple]
    supports: list[tuple]  # (id, uid, provider)
    cost_lines: list[tuple]  # (id, uid, for kind, for uid, weekly £)
    risks: list[tuple]  # (id, uid, significant harm)
    needs: list[tuple] = field(default_factory=list)  # (id, uid)
    number: int = 1
    status: str = ""
    coordinator: int = 0
    prepared_by: str = ""
    direct_payment: bool = False
    agreed_on_text: str = ""


@dataclass
class _ReviewDone:
    """A final review as the next version's issued copy tells of it."""

    id: int
    version_number: int
    held_on: str
    how_held: str
    meets: str
    next_review_on: str
    ratings: list[tuple] = field(default_factory=list)  # (outcome uid, words, rating, level)


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
        c, uid, between = council, council.uid, council.between
        count = between(3, 8)
        action_count = max(count, between(3, 12))
        per_outcome = [1] * count
        for _ in range(action_count - count):
            per_outcome[int(c.random() * count)] += 1
        outcomes = []
        cost_lines = []
        for n in range(count):
            words, area = c.pick(OUTCOMES)
            indicators = [(uid(), between(45, 400)) for _ in range(between(1, 3))]
            actions = []
            for _ in range(per_outcome[n]):
                kind, funded_by, who = c.pick(ACTION_KINDS)
                a_uid = uid()
                actions.append((a_uid, kind, funded_by, who, c.pick(members), between(-20, 300)))
                if funded_by == "personal_budget":
                    cost_lines.append(("action", a_uid, between(2, 6) * 49, uid()))
            # Goal Attainment Scaling in the person's words for some outcomes: -2 to +2.
            levels = [uid() for _ in GAS_WORDS] if c.random() < 0.4 else []
            outcomes.append((uid(), words, area, between(180, 540), indicators, actions, levels))
        design = cls(outcomes)
        design.supports = [(uid(), c.pick(PROVIDERS)) for _ in range(between(1, 3))]
        design.cost_lines = cost_lines + [
            ("support", s_uid, between(2, 8) * 49, uid()) for s_uid, _ in design.supports
        ]
        design.risks = [(uid(), c.random() < 0.3) for _ in range(between(1, 3))]
        design.needs = [uid() for _ in range(between(1, 3))]
        design.direct_payment = c.random() < 0.2
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
    parser.add_argument(
        "--keep-indexes",
        action="store_true",
        help="keep the indexes up to date while loading (default: below 10,000 people)",
    )
    args = parser.parse_args()
    setup_django(args.database_url)
    if args.migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    started = time.perf_counter()
    made = generate(
        people=args.people,
        seed=args.seed,
        quiet=False,
        rebuild_indexes=False if args.keep_indexes else None,
    )
    sys.stdout.write(
        f"{made.people:,} people ({made.rows:,} rows) in {len(made.organisations)} "
        f"organisation(s), in {time.perf_counter() - started:.1f} s\n"
    )


if __name__ == "__main__":
    main()
