"""Corrections keep their history: staff see on the person's record what was changed in their
details and circle, when, by whom, old and new."""

import pytest
from django.urls import reverse

from tandem import testing
from tandem.people import services
from tandem.people.models import Person

pytestmark = pytest.mark.django_db


def _correct(person: Person, actor, **values) -> Person:
    return services.person_update(person=person, actor=actor, data=values, revision=person.revision)


def test_staff_see_each_field_old_and_new_and_who_changed_it(client_for, person, worker, manager):
    person = _correct(person, worker, address="1 Mill Lane")
    _correct(person, manager, address="2 River Road", capacity=Person.Capacity.LACKS_CAPACITY)
    html = client_for(worker).get(reverse("people:detail", args=[person.pk])).text
    assert "History of changes" in html
    history = html[html.index('data-testid="history-of-changes"') :]
    # Newest first, the field by its label, a choice by its words.
    assert history.index("Morgan Manager") < history.index("Wendy Worker")
    assert "<del>1 Mill Lane</del>" in history
    assert "<ins>2 River Road</ins>" in history
    assert "Capacity for planning decisions" in history
    assert "<ins>Lacks capacity for some planning decisions</ins>" in history


def test_a_circle_member_correction_is_there_too(client_for, person, worker):
    member = testing.make_circle_member(person, name="Chris Carer", phone="01632 960 000")
    services.circle_member_update(
        member=member, actor=worker, data={"phone": "01632 960 111"}, revision=member.revision
    )
    html = client_for(worker).get(reverse("people:detail", args=[person.pk])).text
    assert "<del>01632 960 000</del>" in html
    assert "<ins>01632 960 111</ins>" in html


def test_only_staff_see_the_history(client_for, person, worker, person_user, carer_user):
    _correct(person, worker, address="1 Mill Lane")
    for reader in (person_user, carer_user):
        html = client_for(reader).get(reverse("people:detail", args=[person.pk])).text
        assert "History of changes" not in html


def test_with_no_corrections_it_says_so(client_for, person, worker):
    html = client_for(worker).get(reverse("people:detail", args=[person.pk])).text
    assert "Nothing has been changed since these details were added." in html
