"""The demo's administration: staff for demo-admin to manage (one promoted to team manager and
one who has left and can no longer sign in, both through the services, so the audit trail shows
the role change with its old and new role), and an operator for Django's admin.

demo-admin is the council's administrator, not a superuser: a superuser is for operators, and
demo-operator (in no organisation) is the demo's one."""

from tandem.accounts.models import Organisation, Role, Team, User
from tandem.administration import services
from tandem.demo.people import CHILDREN, NORTH

OPERATOR = "demo-operator"

# username: (first name, last name, role, teams, job title)
STAFF = {
    "priya.okafor": (
        "Priya",
        "Okafor",
        Role.OCCUPATIONAL_THERAPIST,
        (NORTH,),
        "Occupational therapist",
    ),
    "lee.brennan": ("Lee", "Brennan", Role.SOCIAL_WORKER, (CHILDREN,), "Senior practitioner"),
    "tom.ashdown": (
        "Tom",
        "Ashdown",
        Role.SOCIAL_WORK_ASSISTANT,
        (NORTH,),
        "Social work assistant",
    ),
}
PROMOTED = "lee.brennan"
LEFT = "tom.ashdown"


def create_administration(
    *, organisation: Organisation, teams: dict[str, Team], admin: User, password: str
) -> None:
    staff = {}
    for username, (first, last, role, team_names, job_title) in STAFF.items():
        staff[username] = services.user_create(
            organisation=organisation,
            actor=admin,
            username=username,
            data={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.org",
                "job_title": job_title,
                "role": role,
                "teams": [teams[name] for name in team_names],
            },
        )
    promoted = staff[PROMOTED]
    services.user_update(
        user=promoted,
        actor=admin,
        data={"role": Role.TEAM_MANAGER, "job_title": "Team manager"},
        revision=promoted.revision,
    )
    left = staff[LEFT]
    services.user_set_active(user=left, actor=admin, active=False, revision=left.revision)
    operator = User(
        username=OPERATOR,
        first_name="Ola",
        last_name="Operator",
        email=f"{OPERATOR}@example.org",
        is_staff=True,
        is_superuser=True,
    )
    operator.set_password(password)
    operator.full_clean()
    operator.save()
