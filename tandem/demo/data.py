"""Synthetic demonstration data: one council, two teams, eight logins, twenty-six people, their
plans and their reviews (every point of the review cycle, reviews.py), two safeguarding concerns
(one acknowledged by the manager, one awaiting acknowledgement), the council's money: its
Resource Allocation System, its list of services and unit costs, and each person's indicative
budget and financial assessment, and reminder settings with reminders already sent
(reminders.py).

`load_demo()` builds it all in one transaction. It is idempotent by refusing: if the demo council
or any demo login already exists it says so and changes nothing, so it never touches rows that
are not its own. To start again, delete the database (or the demo rows) and load it once more.

Every demo login has the password DEMO_PASSWORD. Never load this into a live system.
"""

from collections import Counter
from datetime import date
from typing import TextIO

from django.db import transaction

from tandem.accounts.models import Organisation, Role, Team, User
from tandem.demo.administration import OPERATOR, STAFF, create_administration
from tandem.demo.api import create_api_access
from tandem.demo.auditlog import create_record_access
from tandem.demo.budgets import (
    create_catalogue,
    create_scheme_v1,
    publish_scheme_v2,
    record_earlier_results,
    record_money,
)
from tandem.demo.calendar import create_calendar_feed
from tandem.demo.copies import create_copies
from tandem.demo.dashboard import create_dashboard_history
from tandem.demo.people import CHILDREN, NORTH, Someone, create_people
from tandem.demo.plans import build_plan
from tandem.demo.records import create_records
from tandem.demo.relations import create_relations
from tandem.demo.reminders import create_reminders
from tandem.demo.reviews import create_reviews
from tandem.demo.safeguarding import create_concerns
from tandem.demo.signin import DEMO_TOTP_KEY, create_demo_authenticators
from tandem.demo.stories import MONEY, STORIES
from tandem.demo.worklist import create_worklist
from tandem.people.models import Person
from tandem.plans.models import Plan
from tandem.reviews.models import Review

ORGANISATION = "Tandem Demo Council"
DEMO_PASSWORD = "tandem-demo"

# username: (first name, last name, role, teams, job title)
LOGINS = {
    "demo-worker": ("Sam", "Kestrelton", Role.SOCIAL_WORKER, (NORTH,), "Social worker"),
    "demo-manager": ("Morgan", "Hazelmere", Role.TEAM_MANAGER, (NORTH, CHILDREN), "Team manager"),
    "demo-admin": ("Robin", "Ledgerwood", Role.ADMINISTRATOR, (), "Systems administrator"),
    "demo-person": ("Denis", "Hollowbrook", Role.PERSON, (), ""),
    # The person's side of reviewing: getting ready for one, and years of them.
    "demo-review-due": ("Margaret", "Thistlewood", Role.PERSON, (), ""),
    "demo-reviewed": ("Agnes", "Wickerby", Role.PERSON, (), ""),
    "demo-carer": ("Carol", "Hollowbrook", Role.CARER, (), ""),
    "demo-provider": ("Jo", "Fieldfare", Role.PROVIDER, (), "Care coordinator, Brightside"),
}


def _say(stdout: TextIO | None, message: str) -> None:
    if stdout is not None:
        stdout.write(message + "\n")


def _create_logins(organisation: Organisation, teams: dict[str, Team]) -> dict[str, User]:
    users = {}
    for username, (first, last, role, team_names, job_title) in LOGINS.items():
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.org",
            organisation=organisation,
            role=role,
            job_title=job_title,
        )
        user.set_password(DEMO_PASSWORD)
        user.full_clean()
        user.save()
        user.teams.set([teams[name] for name in team_names])
        users[username] = user
    return users


def _create_money(
    *,
    organisation: Organisation,
    users: dict[str, User],
    people: list[tuple[Someone, Person]],
    today: date,
) -> None:
    """The council's scheme and list of services, and each person's budgets and assessment,
    before the plans that work within them: version 1 of the scheme and the results worked out
    with it, then version 2, in use, and everyone's current figures."""
    admin, manager = users["demo-admin"], users["demo-manager"]
    create_catalogue(organisation=organisation, admin=admin, today=today)
    given = [
        (person, MONEY[row.number], person.allocated_worker or manager)
        for row, person in people
        if row.number in MONEY
    ]
    first = create_scheme_v1(organisation=organisation, admin=admin, today=today)
    for person, money, worker in given:
        record_earlier_results(person=person, money=money, scheme=first, actor=worker, today=today)
    scheme = publish_scheme_v2(organisation=organisation, admin=admin, today=today, replacing=first)
    for person, money, worker in given:
        record_money(person=person, money=money, scheme=scheme, actor=worker, today=today)


def already_loaded() -> bool:
    return (
        Organisation.objects.filter(name=ORGANISATION).exists()
        or User.objects.filter(username__in=[*LOGINS, *STAFF, OPERATOR]).exists()
    )


def load_demo(*, stdout: TextIO | None = None) -> None:
    if already_loaded():
        _say(stdout, f"The demo data is already loaded ({ORGANISATION}); nothing changed.")
        return
    today = date.today()
    with transaction.atomic():
        organisation = Organisation(
            name=ORGANISATION, adult_outcome_framework=Organisation.AdultFramework.ASCOT
        )
        organisation.full_clean()
        organisation.save()
        teams = {
            name: Team.objects.create(organisation=organisation, name=name)
            for name in (NORTH, CHILDREN)
        }
        users = _create_logins(organisation, teams)
        create_administration(
            organisation=organisation,
            teams=teams,
            admin=users["demo-admin"],
            password=DEMO_PASSWORD,
        )
        people = create_people(organisation=organisation, teams=teams, users=users, today=today)
        _create_money(organisation=organisation, users=users, people=people, today=today)
        for row, person in people:
            if row.plan:
                story, manager = STORIES[row.number], users["demo-manager"]
                build_plan(person, row.plan, story, since=row.since, today=today, manager=manager)
        create_reviews(people=people, users=users, today=today)
        copies = create_copies(users=users)
        create_dashboard_history(people=people, users=users, today=today)
        create_concerns(users=users)
        create_relations(users=users, today=today)
        calendar = create_calendar_feed(worker=users["demo-worker"])
        create_worklist(users=users, today=today)
        reminded = create_reminders(people=people, users=users, today=today)
        create_record_access(users=users)
        closed = create_records(
            organisation=organisation, team=teams[NORTH], users=users, today=today
        )
        create_demo_authenticators(organisation=organisation)
        api_token = create_api_access(
            organisation=organisation, teams=teams, admin=users["demo-admin"]
        )
    states = Counter(
        Plan.objects.filter(organisation=organisation).values_list("status", flat=True)
    )
    _say(stdout, f"Loaded {ORGANISATION}: {len(people)} people, teams {NORTH} and {CHILDREN}.")
    reviews = Review.objects.filter(organisation=organisation).count()
    _say(stdout, "Plans: " + ", ".join(f"{states[s]} {s.label.lower()}" for s in Plan.Status))
    _say(stdout, f"Reviews: {reviews}, with every point of the review cycle (see README.md).")
    _say(stdout, f"Closed records: {len(closed)}, one of them anonymised (see README.md).")
    _say(
        stdout,
        f"Copies: {len(copies)} of Margaret Thistlewood's plan, in every state; sign in as "
        "demo-review-due to download her easy read copy and listen to its audio.",
    )
    _say(
        stdout,
        f"Reminders: {reminded} recorded as sent yesterday; `send_reminders` sends the rest.",
    )
    _say(stdout, f"Sign in as any of {', '.join(LOGINS)} with the password {DEMO_PASSWORD}.")
    _say(stdout, f"{OPERATOR} (same password) is for Django's admin, mounted with DJANGO_ADMIN=1.")
    _say(
        stdout,
        "Staff (demo-worker, demo-manager, demo-admin) then give a code: add the key "
        f"{DEMO_TOTP_KEY} to an authenticator app, or run `.venv/bin/python manage.py demo_code "
        "demo-worker` for the current one.",
    )
    _say(stdout, f"demo-worker's calendar feed (synthetic data, demo only): {calendar}")
    _say(
        stdout,
        f"The API (docs/api.md) as the Demo health partner: curl -H 'Authorization: Bearer "
        f"{api_token}' http://127.0.0.1:8000/api/v1/people/",
    )
