"""GAS levels described in the person's words when an outcome is set: a plan part registered by
reviews, so it is on the outcome's page, in the snapshot, the version copy, the comparison and
the document without `plans` knowing about it."""

import pytest
from django.urls import reverse

from tandem import testing
from tandem.plans.models import Plan
from tandem.plans.services import plan_start_new_version
from tandem.plans.tests.helpers import add_item, snapshot_of
from tandem.reviews.models import AttainmentLevel
from tandem.reviews.tests.between_helpers import agreed_plan
from tandem.reviews.tests.levels_helpers import describe_levels

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    organisation = testing.make_organisation()
    team = testing.make_team(organisation)
    worker = testing.make_worker(organisation, team)
    person = testing.make_person(organisation, team)
    return person, worker


@pytest.fixture
def draft(setting):
    person, worker = setting
    plan = testing.make_plan(person, worker)
    outcome = add_item(plan, "outcome", worker)
    return plan, outcome, worker


def add_url(plan, outcome) -> str:
    return reverse("plans:item_add", args=[plan.pk, "attainment_level"]) + f"?outcome={outcome.pk}"


def outcome_page(client, plan, outcome) -> str:
    return client.get(reverse("plans:item", args=[plan.pk, "outcome", outcome.pk])).content.decode()


def test_it_describes_a_level_in_the_persons_words_from_the_outcome_page(draft):
    plan, outcome, worker = draft
    client = testing.client_for(worker)
    page = outcome_page(client, plan, outcome)
    assert "Describe a goal attainment level" in page
    form = client.get(add_url(plan, outcome)).content.decode()
    assert "What would this look like, in your words?" in form
    assert "−2: Much less than expected" in form and "+2: Much more than expected" in form
    response = client.post(
        add_url(plan, outcome), {"level": "1", "words": "I go to the club and the cinema"}
    )
    assert response.status_code == 302
    level = AttainmentLevel.objects.get(outcome=outcome)
    assert (level.level, level.plan_id) == (1, plan.pk)
    page = outcome_page(client, plan, outcome)
    assert "I go to the club and the cinema" in page
    assert "+1: Somewhat more than expected" in page


@pytest.mark.parametrize(
    ("level", "message"),
    [
        ("3", "Select a level from −2 (much less than expected) to +2 (much more than expected)"),
        ("", "Select a level from −2 (much less than expected) to +2 (much more than expected)"),
        ("0", "You have already described level +0 (the expected level) for this outcome"),
    ],
)
def test_it_refuses_a_bad_or_repeated_level_and_keeps_what_was_typed(draft, level, message):
    plan, outcome, worker = draft
    client = testing.client_for(worker)
    client.post(add_url(plan, outcome), {"level": "0", "words": "I go every week"})
    response = client.post(add_url(plan, outcome), {"level": level, "words": "Twice a week"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert message in page
    assert "Twice a week" in page
    assert AttainmentLevel.objects.filter(outcome=outcome).count() == 1


def test_it_refuses_words_left_out(draft):
    plan, outcome, worker = draft
    response = testing.client_for(worker).post(add_url(plan, outcome), {"level": "-1"})
    assert "Enter what this level would look like, in the person’s words" in (
        response.content.decode()
    )
    assert not AttainmentLevel.objects.exists()


def test_it_lets_a_level_be_changed_to_one_not_yet_described(draft):
    plan, outcome, worker = draft
    client = testing.client_for(worker)
    client.post(add_url(plan, outcome), {"level": "0", "words": "Every week"})
    level = AttainmentLevel.objects.get()
    url = reverse("plans:item", args=[plan.pk, "attainment_level", level.pk])
    # Saving it at its own level is not "described already".
    same = client.post(url, {"level": "0", "words": "Every single week", "revision": 1})
    assert same.status_code == 302
    moved = client.post(url, {"level": "-1", "words": "Every fortnight", "revision": 2})
    assert moved.status_code == 302
    level.refresh_from_db()
    assert (level.level, level.words) == (-1, "Every fortnight")


def test_it_puts_the_levels_in_the_snapshot_inside_their_outcome(draft):
    plan, outcome, worker = draft
    (level,) = describe_levels(outcome, {2: "I help run the club"})
    (entry,) = snapshot_of(plan)["outcomes"]
    assert entry["attainment_levels"] == [
        {
            "id": level.pk,
            "uid": str(level.uid),
            "level": 2,
            "words": f"I help run the club ({outcome.pk})",
            "level_label": "+2: Much more than expected",
        }
    ]


def test_a_new_version_carries_the_levels_with_their_uids(setting):
    person, worker = setting
    plan = agreed_plan(person, worker)
    outcome = plan.outcomes.get()
    levels = describe_levels(outcome)
    new = plan_start_new_version(plan=plan, actor=worker)
    copied = AttainmentLevel.objects.filter(plan=new).select_related("outcome")
    assert {(c.uid, c.level) for c in copied} == {(level.uid, level.level) for level in levels}
    assert {c.outcome.uid for c in copied} == {outcome.uid}
    assert all(c.outcome.plan_id == new.pk for c in copied)


def test_the_document_and_the_comparison_show_the_levels(setting):
    person, worker = setting
    plan = agreed_plan(person, worker)
    outcome = plan.outcomes.get()
    describe_levels(outcome, {0: "I go to the club every week"})
    new = plan_start_new_version(plan=plan, actor=worker)
    client = testing.client_for(worker)
    level = AttainmentLevel.objects.get(plan=new)
    client.post(
        reverse("plans:item", args=[new.pk, "attainment_level", level.pk]),
        {"level": "0", "words": "I go to the club twice a week", "revision": 1},
    )
    document = client.get(reverse("documents:plan", args=[new.pk])).content.decode()
    assert "Goal attainment levels, in the person’s words" in document
    assert "I go to the club twice a week" in document
    comparison = client.get(reverse("documents:compare", args=[person.pk])).content.decode()
    assert "I go to the club twice a week" in comparison
    assert f"I go to the club every week ({outcome.pk})" in comparison
    assert Plan.objects.get(pk=new.pk).status == Plan.Status.DRAFT


def test_an_outcome_without_levels_is_not_flagged_on_its_page_or_in_the_document(draft):
    """Levels are optional: "none yet" is said quietly (no red tag) and the document is silent."""
    plan, outcome, worker = draft
    client = testing.client_for(worker)
    page = outcome_page(client, plan, outcome)
    assert "No goal attainment level has been described yet." in page
    assert (
        '<strong class="govuk-tag govuk-tag--red">No goal attainment level has been described yet.'
        not in page
    )
    document = client.get(reverse("documents:plan", args=[plan.pk])).content.decode()
    assert "Goal attainment levels, in the person’s words" not in document
