"""The safeguarding form sent twice (a double click, a browser retrying) is one concern.

Five at once against a real server: tests/test_simultaneous_submits.py."""

import re
import uuid

from django.urls import reverse

from tandem import testing
from tandem.people.models import SafeguardingReferral


def url(person):
    return reverse("people:safeguarding", args=[person.pk])


def post(**overrides):
    return {"concern": "Bruises on her arms", "immediate_risk": "yes", **overrides}


def keys_in(html: str) -> list[str]:
    return re.findall(r'<input type="hidden" name="submission_key" value="([0-9a-f-]{36})"', html)


def test_each_form_shown_carries_a_new_key(client_for, worker, person):
    client = client_for(worker)
    first, second = keys_in(client.get(url(person)).text), keys_in(client.get(url(person)).text)
    assert len(first) == len(second) == 1
    assert first != second


def test_the_same_form_sent_twice_raises_one_concern(
    client_for, worker, manager, person, mailoutbox
):
    client = client_for(worker)
    data = post(submission_key=str(uuid.uuid4()))
    first, second = client.post(url(person), data), client.post(url(person), data)

    referral = SafeguardingReferral.objects.get()
    sent = reverse("people:safeguarding_sent", args=[person.pk, referral.pk])
    assert (first["Location"], second["Location"]) == (sent, sent)
    testing.run_queued_tasks()
    assert len(mailoutbox) == 1


def test_a_form_kept_after_a_refusal_keeps_its_key(client_for, worker, person):
    key = str(uuid.uuid4())
    refused = client_for(worker).post(url(person), post(submission_key=key, immediate_risk=""))
    assert keys_in(refused.text) == [key]


def test_a_form_without_a_key_or_with_a_broken_one_still_goes(client_for, worker, person):
    client = client_for(worker)
    assert client.post(url(person), post()).status_code == 302
    assert client.post(url(person), post(submission_key="not-a-key")).status_code == 302
    assert SafeguardingReferral.objects.filter(submission_key=None).count() == 2
