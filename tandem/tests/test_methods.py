"""Reading a record is audited whatever the method that reads it: HEAD, or a POST refused for bad
input that shows the record again. (That every page answers 405 to a method it does not support,
auditing nothing, is in the access matrix: tandem/tests/test_access_matrix.py.)"""

import pytest
from django.urls import reverse

from tandem import testing
from tandem.audit.models import AuditAction, AuditEvent


@pytest.fixture
def urls(person, worker):
    draft = testing.make_plan(person, worker)
    return {
        "plans:detail": reverse("plans:detail", args=[draft.pk]),
        "plans:item_add": reverse("plans:item_add", args=[draft.pk, "outcome"]),
    }


def test_it_audits_a_plan_read_by_head(client_for, worker, urls):
    client_for(worker).head(urls["plans:detail"])
    assert AuditEvent.objects.filter(action=AuditAction.PLAN_VIEW, actor=worker).count() == 1


def test_it_audits_a_plan_read_by_a_refused_form(client_for, worker, urls):
    """A POST that is refused shows the plan's section again: that is a read of the record."""
    response = client_for(worker).post(urls["plans:item_add"], {"words": ""})
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.PLAN_VIEW, actor=worker)
    assert event.detail == {"page": "item_add"}


def test_it_audits_a_person_read_by_a_refused_form(client_for, worker, person):
    """A change page refused for bad input shows the whole record again: a read, audited."""
    response = client_for(worker).post(reverse("people:change", args=[person.pk]), {})
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.PERSON_EDIT_VIEW, actor=worker)
    assert (event.person, event.detail) == (person, {"page": "change"})


@pytest.mark.parametrize(
    ("name", "action"),
    [
        ("worklist:list_csv", AuditAction.WORKLIST_VIEW),
        ("people:list_csv", AuditAction.PEOPLE_LIST_VIEW),
        ("worklist:figure_csv", AuditAction.DASHBOARD_VIEW),
        ("worklist:figure_table_csv", AuditAction.DASHBOARD_VIEW),
    ],
)
def test_it_audits_a_spreadsheet_download_asked_for_by_head(
    client_for, manager, person, name, action
):
    """A list downloaded as a spreadsheet is a view of the list, audited however it is asked
    for: HEAD answers with the same headers as GET, so it is recorded the same."""
    kwargs = {"slug": "overdue"} if name.startswith("worklist:figure") else {}
    response = client_for(manager).head(reverse(name, kwargs=kwargs))
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    event = AuditEvent.objects.get(action=action, actor=manager)
    assert event.detail["format"] == "csv"
