"""Who has looked at Denis's record (demo-person): several staff, his daughter and his provider,
each read through the same fetch-authorise-audit call the pages use, from made-up addresses in
the documentation range (192.0.2.0/24), so his "Who has looked at my record" page and the demo
manager's audit log have something to show. Everything here is invented."""

from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_record, request_address
from tandem.people.access import person_get_for_user
from tandem.people.models import Person

DENIS = "DEMO-0001"
# (demo username, the page they read, the address they read it from)
READS = (
    ("demo-worker", "detail", "192.0.2.10"),
    ("demo-manager", "detail", "192.0.2.11"),
    ("demo-carer", "home_person", "192.0.2.40"),
    ("demo-worker", "change", "192.0.2.10"),
)


def create_record_access(*, users: dict[str, User]) -> int:
    """Reads of Denis's record and plan by staff, his carer and his provider; returns how
    many."""
    denis = Person.objects.get(
        local_identifier=DENIS, organisation=users["demo-worker"].organisation
    )
    count = 0
    for username, page, address in READS:
        token = request_address.set(address)
        try:
            person_get_for_user(user=users[username], pk=denis.pk, purpose=page)
        finally:
            request_address.reset(token)
        count += 1
    plan = denis.plans.order_by("-version_number").first()
    if plan is not None:
        token = request_address.set("192.0.2.77")
        try:
            audit_record(
                actor=users["demo-provider"],
                action=AuditAction.PLAN_VIEW,
                summary=_("Viewed the plan"),
                plan=plan,
            )
        finally:
            request_address.reset(token)
        count += 1
    return count
