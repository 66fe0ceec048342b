"""The demo people and their circles of support, as a table.

Everything is invented: storybook surnames, DEMO- identifiers, Example Street addresses, phone
numbers from Ofcom's drama range (07700 900000–900999) and e-mail addresses at example.org.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from tandem.accounts.models import Organisation, Team, User
from tandem.people.models import CircleMember, Person
from tandem.people.services import circle_member_add, person_create, person_update

NORTH = "Adults North"
CHILDREN = "Children and Families"

BRIGHTSIDE = "Brightside Home Care (demo)"
ADVOCACY = "Sampletown Advocacy Service (demo)"

Kind = CircleMember.Kind


@dataclass(frozen=True)
class Member:
    kind: str
    name: str
    relationship: str = ""
    organisation_name: str = ""
    consent: bool = True
    consent_notes: str = ""
    login: str = ""  # the demo username signed in as this member


@dataclass(frozen=True)
class Someone:
    number: int
    given: str
    family: str
    age: int
    circle: tuple[Member, ...]
    plan: str = ""  # the stage their plan has reached (plans.STAGES); empty: no plan yet
    since: int = 60  # for agreed plans: how many days ago the plan in force was agreed
    team: str = NORTH
    worker: str | None = "demo-worker"
    preferred: str = ""
    language: str = "English"
    communication: str = ""
    formats: tuple[str, ...] = ("standard",)
    capacity: str = Person.Capacity.NOT_ASSESSED
    capacity_notes: str = ""
    login: str = ""

    @property
    def identifier(self) -> str:
        return f"DEMO-{self.number:04d}"


def jo() -> Member:
    """The demo provider's sign-in: Brightside's coordinator for three of the people."""
    return Member(Kind.PROVIDER, "Jo Fieldfare", "Coordinator", BRIGHTSIDE, login="demo-provider")


def kit() -> Member:
    """Brightside's coordinator for the others, who has no sign-in."""
    return Member(Kind.PROVIDER, "Kit Larkspur", "Coordinator", BRIGHTSIDE)


# A table: kept as written, one person to a few lines.
# fmt: off
PEOPLE = (
    Someone(1, "Denis", "Hollowbrook", 78, preferred="Den", plan="own", login="demo-person",
            communication="Hard of hearing: face Den and speak clearly. Hearing aid in left ear.",
            formats=("large_print",),
            circle=(Member(Kind.CARER, "Carol Hollowbrook", "Daughter", login="demo-carer"), jo(),
                    Member(Kind.FRIEND, "Stan Marigold", "Neighbour and allotment friend",
                           consent=False, consent_notes="Den would rather tell Stan himself."))),
    Someone(2, "Margaret", "Thistlewood", 84, plan="agreed", since=45, login="demo-review-due",
            circle=(Member(Kind.FAMILY, "Peter Thistlewood", "Son"), jo(),
                    Member(Kind.AGENCY, "Sampletown District Nurses", "Community nursing",
                           "Sampletown Health Board (demo)"))),
    Someone(3, "Winston", "Applebury", 67, plan="disagreed", since=90,
            circle=(Member(Kind.CARER, "Lorna Applebury", "Wife"), jo(),
                    Member(Kind.FRIEND, "Des Cobblestone", "Friend from the bowls club"))),
    Someone(4, "Priya", "Lanternfield", 45, plan="disagreed", since=30,
            communication="Multiple sclerosis: tires easily; short meetings, mornings are best.",
            circle=(Member(Kind.FAMILY, "Anil Lanternfield", "Brother"),
                    Member(Kind.AGENCY, "Sampletown Wheelchair Service", "Equipment",
                           "Sampletown Health Board (demo)"))),
    Someone(5, "Harold", "Quillby", 71, plan="superseded",
            circle=(Member(Kind.CARER, "June Quillby", "Wife"),
                    Member(Kind.PROVIDER, "Bev Honeysett", "Day centre manager",
                           "Meadowview Day Centre (demo)"))),
    Someone(6, "Gwenllian", "Afonlas", 59, preferred="Gwen", plan="new_version", since=200,
            language="Welsh",
            communication="First language Welsh: offer a Welsh-speaking worker and Welsh copies.",
            circle=(Member(Kind.FAMILY, "Rhodri Afonlas", "Husband"),
                    Member(Kind.FRIEND, "Mair Glasfryn", "Friend from chapel", consent=False,
                           consent_notes="Gwen has not asked for Mair to see the plan."))),
    Someone(7, "Doris", "Pennywhistle", 90, plan="ended", since=240,
            circle=(Member(Kind.FAMILY, "Graham Pennywhistle", "Son"), kit())),
    Someone(8, "Kwame", "Brightwater", 33, plan="ready", language="British Sign Language",
            communication="Deaf; uses BSL. Book a BSL interpreter for every meeting and call.",
            circle=(Member(Kind.FRIEND, "Femi Oduya-Sample", "Friend"),
                    Member(Kind.AGENCY, "Sampletown Deaf Centre (demo)", "Community group",
                           "Sampletown Deaf Centre (demo)"))),
    Someone(9, "Ellen", "Marchbank", 52, plan="draft", formats=("easy_read",),
            communication="Aphasia after a stroke: short sentences, pictures, time to answer.",
            circle=(Member(Kind.CARER, "Mick Marchbank", "Husband"),
                    Member(Kind.FAMILY, "Kerry Marchbank", "Daughter", consent=False,
                           consent_notes="Ellen wants to decide later."))),
    Someone(10, "Tomasz", "Wrenfield", 38, plan="draft", language="Polish",
            communication="Prefers Polish for anything important; an interpreter is booked.",
            circle=(Member(Kind.FAMILY, "Ania Wrenfield", "Sister"),
                    Member(Kind.AGENCY, "Sampletown Recovery Service (demo)", "Drug and alcohol",
                           "Sampletown Recovery Service (demo)"))),
    Someone(11, "Rosie", "Cloverdale", 26, plan="draft", formats=("easy_read",),
            communication="Learning disability: easy read, and Rosie's mum helps her read letters.",
            circle=(Member(Kind.CARER, "Pat Cloverdale", "Mum"),
                    Member(Kind.FRIEND, "Lily Buttercombe", "Best friend"))),
    Someone(12, "Arthur", "Mossgrove", 81, plan="agreed", since=20,
            capacity=Person.Capacity.LACKS_CAPACITY,
            capacity_notes="Assessed by the demo worker: Arthur has dementia and cannot weigh up "
            "care options. Decisions are made in his best interest with his advocate.",
            circle=(Member(Kind.ADVOCATE, "Nadia Fairweather", "Independent advocate", ADVOCACY),
                    Member(Kind.FAMILY, "Sheila Mossgrove", "Niece"), kit())),
    Someone(13, "Sunita", "Ravenscroft", 64, plan="agreed", since=75,
            formats=("audio", "braille"),
            communication="Blind since birth: reads braille; send audio summaries as well.",
            circle=(Member(Kind.FAMILY, "Dev Ravenscroft", "Son"),
                    Member(Kind.PROVIDER, "Harriet Lowmoor", "Personal assistant (employed by "
                           "Sunita)"),
                    Member(Kind.AGENCY, "Sampletown Sight Loss Group (demo)", "Peer support",
                           "Sampletown Sight Loss Group (demo)"))),
    Someone(14, "Leon", "Fairbairn", 29, plan="agreed", since=120,
            communication="Anxious on the phone: text first, then call.",
            circle=(Member(Kind.FRIEND, "Ollie Saltmarsh", "Friend"),
                    Member(Kind.AGENCY, "Sampletown Mental Health Team (demo)", "Care coordinator",
                           "Sampletown Health Board (demo)"))),
    Someone(15, "Iris", "Nettlefold", 70,
            circle=(Member(Kind.FAMILY, "Colin Nettlefold", "Husband"),
                    Member(Kind.FRIEND, "Vera Pinecroft", "Neighbour"))),
    Someone(16, "Felix", "Dunmorrow", 55, worker=None,
            circle=(Member(Kind.FAMILY, "Hannah Dunmorrow", "Daughter"),
                    Member(Kind.AGENCY, "Sampletown Housing Options (demo)", "Housing officer",
                           "Sampletown Council Housing (demo)"))),
    Someone(17, "Maisie", "Puddleford", 12, plan="agreed", since=35, team=CHILDREN,
            worker="demo-manager",
            circle=(Member(Kind.CARER, "Dawn Puddleford", "Mum"),
                    Member(Kind.AGENCY, "Sampletown Primary School (demo)", "Class teacher",
                           "Sampletown Primary School (demo)"),
                    Member(Kind.FAMILY, "Elsie Puddleford", "Grandmother"))),
    Someone(18, "Oscar", "Bramblecombe", 15, plan="draft", team=CHILDREN,
            worker="demo-manager",
            communication="Autistic: tell Oscar what will happen in advance; quiet room, no "
            "surprises. He likes things written down.",
            circle=(Member(Kind.CARER, "Sam Bramblecombe", "Dad"),
                    Member(Kind.AGENCY, "Sampletown High School (demo)", "Special needs "
                           "coordinator", "Sampletown High School (demo)"))),
    Someone(19, "Ruby", "Tumbleton", 9, plan="ready", team=CHILDREN, worker="demo-manager",
            formats=("easy_read",),
            circle=(Member(Kind.CARER, "Kim Tumbleton", "Foster carer"),
                    Member(Kind.FAMILY, "Liam Tumbleton", "Brother (lives elsewhere)",
                           consent=False, consent_notes="Contact arrangements are still being "
                           "agreed."),
                    Member(Kind.AGENCY, "Sampletown Family Time Centre (demo)", "Family time",
                           "Sampletown Children's Services (demo)"))),
    Someone(20, "Zain", "Oakhollow", 16, team=CHILDREN, worker="demo-manager", language="Urdu",
            communication="Speaks English at school; his parents prefer Urdu.",
            circle=(Member(Kind.FAMILY, "Farah Oakhollow", "Mum"),
                    Member(Kind.AGENCY, "Sampletown College (demo)", "Pastoral tutor",
                           "Sampletown College (demo)"))),
    # Paying for the plan: costed every way, over budget and waiting, options compared, lapsed.
    Someone(21, "Edwin", "Larchwood", 68, plan="agreed", since=25,
            communication="Aphasia after a stroke: speaks slowly; give him time to find words.",
            circle=(Member(Kind.CARER, "Maureen Larchwood", "Wife"),
                    Member(Kind.PROVIDER, "Tess Marlowe", "Personal assistant (employed by "
                           "Edwin)"), kit(),
                    Member(Kind.FRIEND, "Clive Ashdown", "Friend from the stroke club"))),
    Someone(22, "Yusuf", "Harrowgate", 47, plan="asked",
            communication="Brain injury: memory problems. Write things down and send a reminder "
            "the day before.",
            circle=(Member(Kind.CARER, "Amira Harrowgate", "Wife"),
                    Member(Kind.PROVIDER, "Priti Vale", "Centre coordinator",
                           "Sampletown Brain Injury Centre (demo)"), kit())),
    Someone(23, "Callum", "Birchfield", 24, plan="agreed", since=15, formats=("easy_read",),
            communication="Learning disability: easy read, and give Callum time to answer.",
            circle=(Member(Kind.CARER, "Linda Birchfield", "Mum"),
                    Member(Kind.FRIEND, "Jamal Fernsby", "Best mate"),
                    Member(Kind.PROVIDER, "Ellis Thornbury", "Personal assistant (employed by "
                           "Callum)"))),
    Someone(24, "Percy", "Gladwell", 80, plan="asked", formats=("large_print",),
            communication="Macular degeneration: large print, and read letters to him.",
            circle=(Member(Kind.FAMILY, "Joan Gladwell", "Daughter"), kit(),
                    Member(Kind.PROVIDER, "Bev Honeysett", "Day centre manager",
                           "Meadowview Day Centre (demo)"))),
    # Reviewing the plan: their plans and reviews are built by reviews.py, not build_plan.
    Someone(25, "Agnes", "Wickerby", 76, login="demo-reviewed",
            communication="Arthritis in her hands: she would rather talk than fill in forms.",
            circle=(Member(Kind.FAMILY, "Roy Wickerby", "Son"),
                    Member(Kind.FRIEND, "Ivy Goosefoot", "Friend from the church coffee morning"))),
    Someone(26, "Norman", "Drystone", 63,
            communication="Uses a hearing loop; ring his landline, not his mobile.",
            circle=(Member(Kind.FAMILY, "Shirley Drystone", "Sister"),
                    Member(Kind.FRIEND, "Ray Tinderbox", "Friend from the men's shed"))),
)
# fmt: on

STREETS = ("Example Street", "Sample Road", "Placeholder Avenue", "Demo Close", "Test Lane")


def _born(age: int, number: int, today: date) -> date:
    return today - timedelta(days=age * 365 + 40 + number * 11)


def _email(name: str) -> str:
    local = "".join(c for c in name.lower().replace(" ", ".") if c.isalnum() or c == ".")
    return f"{local}@example.org"


def create_people(
    *, organisation: Organisation, teams: dict[str, Team], users: dict[str, User], today: date
) -> list[tuple[Someone, Person]]:
    """Through the people services, so each person and circle member is validated and audited.
    Sign-ins are linked directly, as an administrator links them."""
    people = []
    phone = iter(range(900100, 901000))
    for row in PEOPLE:
        worker = users[row.worker] if row.worker else None
        actor = worker or users["demo-manager"]
        data = {
            "given_name": row.given,
            "family_name": row.family,
            "preferred_name": row.preferred,
            "date_of_birth": _born(row.age, row.number, today),
            "local_identifier": row.identifier,
            "address": f"{row.number} {STREETS[row.number % len(STREETS)]}, Sampletown",
            "communication_needs": row.communication,
            "preferred_formats": list(row.formats),
            "language": row.language,
            "age_group": Person.AgeGroup.CHILD if row.age < 18 else Person.AgeGroup.ADULT,
            "team": teams[row.team],
            "allocated_worker": worker,
            "capacity": row.capacity,
            "capacity_notes": row.capacity_notes,
        }
        person = person_create(organisation=organisation, actor=actor, data=data)
        for member in row.circle:
            data = {
                "name": member.name,
                "kind": member.kind,
                "relationship": member.relationship,
                "organisation_name": member.organisation_name,
                "phone": f"07700 {next(phone)}",
                "email": _email(member.name),
                "consent_to_share": member.consent,
                "consent_notes": member.consent_notes,
            }
            circle_member = circle_member_add(person=person, actor=actor, data=data)
            if member.login:
                circle_member.user = users[member.login]
                circle_member.save(update_fields=["user"])
            if member.kind == Kind.ADVOCATE:
                person = person_update(
                    person=person,
                    actor=actor,
                    data={"advocate": circle_member},
                    revision=person.revision,
                )
        if row.login:
            person.user = users[row.login]
            person.save(update_fields=["user"])
        people.append((row, person))
    return people
