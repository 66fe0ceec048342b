"""Every view of personal data writes exactly one audit event, of the kind that says what was
read: a record, a list of people, a document or export, the audit trail itself."""

import pytest
from django.test import Client
from django.urls import reverse

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent
from tandem.plans.tests.helpers import build_agreed_plan
from tandem.worklist.calendar.services import calendar_link_issue

pytestmark = pytest.mark.django_db

# (reader, url name, its arguments from the scene, query, the one event it writes)
VIEWS = [
    ("worker", "people:list", lambda s: [], {}, AuditAction.PEOPLE_LIST_VIEW),
    ("worker", "people:list", lambda s: [], {"q": "Priya"}, AuditAction.PEOPLE_SEARCH_VIEW),
    ("worker", "worklist:list", lambda s: [], {}, AuditAction.WORKLIST_VIEW),
    ("manager", "worklist:dashboard", lambda s: [], {}, AuditAction.DASHBOARD_VIEW),
    ("manager", "worklist:figure", lambda s: ["overdue"], {}, AuditAction.DASHBOARD_VIEW),
    # A list downloaded as a spreadsheet is a view of the list (issue 10).
    ("worker", "people:list_csv", lambda s: [], {}, AuditAction.PEOPLE_LIST_VIEW),
    ("worker", "people:list_csv", lambda s: [], {"q": "Priya"}, AuditAction.PEOPLE_SEARCH_VIEW),
    ("worker", "worklist:list_csv", lambda s: [], {}, AuditAction.WORKLIST_VIEW),
    ("manager", "worklist:figure_csv", lambda s: ["overdue"], {}, AuditAction.DASHBOARD_VIEW),
    ("manager", "worklist:figure_table_csv", lambda s: ["areas"], {}, AuditAction.DASHBOARD_VIEW),
    ("worker", "people:detail", lambda s: [s.person.pk], {}, AuditAction.PERSON_VIEW),
    ("worker", "people:change", lambda s: [s.person.pk], {}, AuditAction.PERSON_EDIT_VIEW),
    ("person", "people:home", lambda s: [], {}, AuditAction.PERSON_VIEW),
    ("worker", "plans:detail", lambda s: [s.plan.pk], {}, AuditAction.PLAN_VIEW),
    ("worker", "documents:plan", lambda s: [s.plan.pk], {}, AuditAction.DOCUMENT_VIEW),
    ("person", "documents:plan", lambda s: [s.plan.pk], {}, AuditAction.DOCUMENT_VIEW),
    ("worker", "fhir:everything", lambda s: [s.person.pk], {}, AuditAction.FHIR_EVERYTHING_VIEW),
    (
        "worker",
        "documents:issue",
        lambda s: [s.plan.pk, s.issue.number],
        {},
        AuditAction.ISSUE_VIEW,
    ),
    ("worker", "documents:compare", lambda s: [s.person.pk], {}, AuditAction.COMPARE_VIEW),
    ("manager", "audit:log", lambda s: [], {}, AuditAction.AUDIT_LOG_VIEW),
    ("person", "audit:record_access", lambda s: [s.person.pk], {}, AuditAction.OWN_ACCESS_VIEW),
    ("worker", "audit:record_access", lambda s: [s.person.pk], {}, AuditAction.OWN_ACCESS_VIEW),
]


@pytest.fixture
def scene(person, person_user, worker, manager):
    plan, issue = build_agreed_plan(person=person, actor=worker)
    return type(
        "Scene",
        (),
        {
            "person": person,
            "plan": plan,
            "issue": issue,
            "users": {"worker": worker, "manager": manager, "person": person_user},
        },
    )


@pytest.mark.parametrize(
    ("reader", "name", "args", "query", "action"),
    VIEWS,
    ids=[f"{reader}-{name}-{'-'.join(query)}" for reader, name, _a, query, _b in VIEWS],
)
def test_each_view_writes_exactly_one_event(scene, reader, name, args, query, action):
    client = testing.client_for(scene.users[reader])
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    response = client.get(reverse(name, args=args(scene)), query)
    assert response.status_code == 200
    written = list(AuditEvent.objects.filter(id__gt=before).values_list("action", "actor_id"))
    assert written == [(action, scene.users[reader].pk)]


def test_the_calendar_feed_writes_one_event(worker):
    """An export read by a calendar app with the link's secret, not a signed-in browser."""
    issued = calendar_link_issue(user=worker, revision=0)
    before = AuditEvent.objects.count()
    response = Client().get(issued.url)
    assert response.status_code == 200
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.latest("id").action == AuditAction.CALENDAR_VIEW
