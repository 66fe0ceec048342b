"""A provider sees only their part of a person's plan (issue 9, item 1; plans/provider_part.py).

One plan holds everything a plan can: outcomes and actions for two providers and for the person,
support arrangements of both providers and of one outside the circle, a risk, a need with its
eligibility, a direct payment and its costs, what is important to the person, the coordinator's
notes, a representative who agreed in the person's best interest, a carer's disagreement and a
safeguarding concern. Brightside Care's page, document, copy, comparison and carrying-out page
show Brightside's part, and none of the rest (FORBIDDEN); a carer still sees it all.
"""

import datetime
import re
import subprocess

import pytest
from django.urls import reverse

from tandem import testing
from tandem.accounts.models import Role
from tandem.audit.models import AuditAction, AuditEvent
from tandem.documents.tests.builders import add_action, add_item, add_outcome, build_plan, fresh
from tandem.people.models import CircleMember, Person
from tandem.people.services import safeguarding_raise
from tandem.plans.models import Action, Agreement, Outcome
from tandem.plans.provider_part import WHOLE, plan_view, visible_parts
from tandem.plans.services import (
    disagreement_add,
    plan_create,
    plan_item_update,
    plan_record_agreement,
    plan_send_for_agreement,
    plan_start_new_version,
)
from tandem.plans.snapshot import load_plan_parts, plan_snapshot
from tandem.reviews.tests.history_helpers import final_review

AGREED_ON = datetime.date(2026, 3, 5)

# Brightside Care's part: what they must see.
THEIRS = (
    "Swim at the leisure centre every week",  # the outcome their action serves
    "Evidence for: Swim at the leisure centre every week",  # its indicator
    "Take Pri to the pool on Fridays",  # their action
    "Morning visits to help Pri get up",  # their support arrangement
    "Stay living in my own flat",  # an outcome the person shared with everyone supporting them
    "Brightside would like longer visits",  # their own disagreement
)
NOTICE = "You are seeing the parts of Pri’s plan that concern Brightside Care"

# Everything else in the plan, and the headings that would say it is there.
FORBIDDEN = (
    # other outcomes, actions and support arrangements, and the other provider
    "Go to the gardening club every Tuesday",
    "Find a lift to the club",
    "Keep the tenancy letters with my sister",
    "Cook my own tea three nights a week",
    "Teach Pri three new recipes",
    "Sunrise Home Care",
    "Evening meal visits",
    "Riverside Care Ltd",
    "Help with shopping",
    # risks, needs and eligibility
    "Falls at home",
    "Pendant alarm",
    "Call my sister, then the duty team",
    "Help to prepare meals",
    "Assessed as eligible",
    "Risks and what happens if things go wrong",
    "Needs this plan meets",
    # the budget and its costs
    "How will you use your personal budget?",
    "A personal assistant for shopping",
    "12.50",
    "62.50",
    "250.00",
    "£",
    "Direct payment",
    # the rest of the person's plan and the coordinator's notes
    "My garden and my cat",
    "Good with plants",
    "At home with my sister",
    "I employ a personal assistant",
    "I can ring my worker to change anything",
    "Is anything missing from the plan?",
    # capacity, advocacy and who agreed
    "Needs help to weigh up decisions about money",
    "Dev Advocate",
    "advocate",
    "best interest",
    "Who agreed this plan",
    "Who this copy was sent to",
    # other people's disagreements, and safeguarding
    "Carol thinks the falls risk is underplayed",
    "Carol Carer",
    "Bruising noticed on Pri’s arm",
)


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    body = response.content.decode()
    body = body[body.index("<main") :]
    return " ".join(re.sub(r"<[^>]+>", " ", body).replace("&#x27;", "'").split())


def assert_only_their_part(text: str, *, expected=THEIRS) -> None:
    shown = [words for words in FORBIDDEN if words.lower() in text.lower()]
    assert shown == [], f"a provider was shown {shown}"
    missing = [words for words in expected if words not in text]
    assert missing == [], f"a provider was not shown {missing}"


@pytest.fixture
def scene(org, person, worker, carer_user):
    """An agreed plan with every part, for two providers; its first copy sent."""
    Person.objects.filter(pk=person.pk).update(
        capacity=Person.Capacity.LACKS_CAPACITY,
        capacity_notes="Needs help to weigh up decisions about money",
    )
    advocate = testing.make_circle_member(
        person, name="Dev Advocate", kind=CircleMember.Kind.ADVOCATE
    )
    Person.objects.filter(pk=person.pk).update(advocate=advocate)
    person.refresh_from_db()
    ours_user = testing.make_user(org, role=Role.PROVIDER, first_name="Jo")
    ours = testing.make_circle_member(
        person, name="Brightside Care", kind=CircleMember.Kind.PROVIDER, user=ours_user
    )
    theirs_user = testing.make_user(org, role=Role.PROVIDER, first_name="Sam")
    theirs = testing.make_circle_member(
        person, name="Sunrise Home Care", kind=CircleMember.Kind.PROVIDER, user=theirs_user
    )

    plan = build_plan(person=person, actor=worker)  # the person's outcome, risk, need, budget…
    paid = {"responsible_is_person": False, "kind": "paid", "funded_by": "other_organisation"}
    swim = add_outcome(plan, worker, "Swim at the leisure centre every week")
    add_action(
        plan, worker, swim, "Take Pri to the pool on Fridays", responsible_member_id=ours.pk, **paid
    )
    cook = add_outcome(plan, worker, "Cook my own tea three nights a week")
    add_action(
        plan, worker, cook, "Teach Pri three new recipes", responsible_member_id=theirs.pk, **paid
    )
    flat = add_outcome(plan, worker, "Stay living in my own flat", shared_with_supporters=True)
    add_action(plan, worker, flat, "Keep the tenancy letters with my sister")
    for description, member in (
        ("Morning visits to help Pri get up", ours),
        ("Evening meal visits", theirs),
    ):
        add_item(
            plan,
            "support",
            worker,
            description=description,
            provider=member.name,
            provider_member_id=member.pk,
            funded_by="other_organisation",
        )
    disagreement_add(
        plan=plan,
        section="risks",
        details="Carol thinks the falls risk is underplayed",
        actor=carer_user,
    )
    disagreement_add(
        plan=plan, section="support", details="Brightside would like longer visits", actor=ours_user
    )
    safeguarding_raise(
        person=person,
        plan=plan,
        concern="Bruising noticed on Pri’s arm",
        immediate_risk=False,
        actor=worker,
    )
    plan_send_for_agreement(plan=plan, actor=worker)
    issue = plan_record_agreement(
        plan=plan,
        parties=[
            {
                "party": Agreement.Party.REPRESENTATIVE,
                "name": "Dev Advocate",
                "member": advocate,
                "method": Agreement.Method.IN_PERSON,
                "agreed_on": AGREED_ON,
                "best_interest": True,
            },
            {
                "party": Agreement.Party.WORKER,
                "name": worker.display_name,
                "method": Agreement.Method.SIGNED_PAPER,
                "agreed_on": AGREED_ON,
            },
        ],
        actor=worker,
    )
    # After agreement the carer disagrees again: the plan is sent again, saying whose it is.
    disagreement_add(
        plan=plan,
        section="risks",
        details="Carol thinks the falls risk is underplayed",
        actor=carer_user,
    )
    return fresh(plan), issue, ours_user


@pytest.fixture
def provider(scene):
    return scene[2]


def test_it_shows_a_provider_only_their_part_on_the_plan_page(client_for, scene, provider):
    plan, _issue, _user = scene

    text = text_of(client_for(provider).get(reverse("plans:detail", args=[plan.pk])))

    assert NOTICE in text
    assert_only_their_part(text)
    assert "Recent changes" not in text


def test_it_shows_a_provider_only_their_part_in_the_plan_document(client_for, scene, provider):
    plan, _issue, _user = scene

    text = text_of(client_for(provider).get(reverse("documents:plan", args=[plan.pk])))

    assert NOTICE in text
    assert_only_their_part(text)


def test_it_shows_a_provider_only_their_part_of_a_copy_sent(client_for, scene, provider):
    plan, issue, _user = scene

    text = text_of(
        client_for(provider).get(reverse("documents:issue", args=[plan.pk, issue.number]))
    )

    assert NOTICE in text
    assert_only_their_part(text)


def test_it_compares_only_a_providers_part_of_two_versions(client_for, scene, provider, worker):
    plan, _issue, _user = scene
    draft = plan_start_new_version(plan=plan, actor=worker)
    for model, field, old, new in (
        (Action, "description", "Take Pri to the pool on Fridays", "Take Pri swimming at 10"),
        (Action, "description", "Teach Pri three new recipes", "Teach Pri four new recipes"),
        (Outcome, "words", "Go to the gardening club every Tuesday", "Go to the club weekly"),
    ):
        part = model.objects.get(plan=draft, **{field: old})
        plan_item_update(item=part, data={field: new}, revision=part.revision, actor=worker)

    text = text_of(client_for(provider).get(reverse("documents:compare", args=[plan.person_id])))

    assert NOTICE in text
    assert "Take Pri swimming at 10" in text
    assert_only_their_part(text, expected=())
    assert "Teach Pri four new recipes" not in text
    assert "Go to the club weekly" not in text


def test_it_shows_a_provider_only_their_actions_being_carried_out(client_for, scene, provider):
    plan, _issue, _user = scene

    text = text_of(client_for(provider).get(reverse("reviews:carrying_out", args=[plan.pk])))

    assert "Take Pri to the pool on Fridays" in text
    assert_only_their_part(text, expected=("Take Pri to the pool on Fridays",))
    assert "Contingencies, changes and requests for a review" not in text


def test_it_offers_a_provider_only_their_part_to_disagree_with(client_for, scene, provider):
    plan, _issue, _user = scene

    response = client_for(provider).get(reverse("plans:disagreement_add", args=[plan.pk]))

    text = text_of(response)
    assert "Take Pri to the pool on Fridays" in text
    assert_only_their_part(text, expected=())
    assert "What I have: my resources" not in text  # another app's section, not theirs either


def test_it_refuses_a_provider_a_disagreement_about_a_part_not_theirs(client_for, scene, provider):
    plan, _issue, _user = scene
    before = plan.disagreements.count()

    response = client_for(provider).post(
        reverse("plans:disagreement_add", args=[plan.pk]),
        {
            "section": "risks",
            "details": "Looking for what the risks say",
            "raised_on-day": "1",
            "raised_on-month": "4",
            "raised_on-year": "2026",
        },
    )

    assert response.status_code == 200
    assert "Choose a part of this plan from the list" in response.content.decode()
    assert plan.disagreements.count() == before


def test_it_still_shows_a_carer_the_whole_plan(client_for, scene, carer_user):
    plan, issue, _user = scene
    client = client_for(carer_user)

    for url in (
        reverse("documents:plan", args=[plan.pk]),
        reverse("documents:issue", args=[plan.pk, issue.number]),
    ):
        text = text_of(client.get(url))
        assert NOTICE not in text
        for words in (*THEIRS, "Teach Pri three new recipes", "Falls at home", "Dev Advocate"):
            assert words in text, (url, words)
        assert "Carol thinks the falls risk is underplayed" in text


def test_it_shows_the_person_their_whole_plan(client_for, scene, person):
    plan, _issue, _user = scene
    person_user = testing.make_user_for_person(person)

    text = text_of(client_for(person_user).get(reverse("documents:plan", args=[plan.pk])))

    for words in ("Teach Pri three new recipes", "Falls at home", "My garden and my cat"):
        assert words in text


@pytest.mark.parametrize("page", ["plans:check", "reviews:history", "reviews:review_document"])
def test_it_refuses_a_provider_pages_of_the_whole_plan_that_a_carer_may_read(
    client_for, scene, provider, carer_user, worker, page
):
    plan, _issue, _user = scene
    if page == "reviews:review_document":
        review = final_review(plan.person, plan, worker, AGREED_ON, [0])
        url = reverse(page, args=[review.pk])
    elif page == "reviews:history":
        url = reverse(page, args=[plan.person_id])
    else:
        plan = plan_start_new_version(plan=plan, actor=worker)  # check is for a draft
        url = reverse(page, args=[plan.pk])

    assert client_for(provider).get(url).status_code == 403
    assert client_for(carer_user).get(url).status_code == 200


def test_it_leaves_out_another_apps_parts_of_an_outcome(scene):
    """Whatever another app keeps inside an outcome (goal attainment levels) is not a
    provider's to see unless provider_part allows it."""
    plan, _issue, provider = scene
    snapshot = plan_snapshot(load_plan_parts(plan))
    swim = next(o for o in snapshot["outcomes"] if o["words"].startswith("Swim"))
    swim["attainment_levels"] = [{"description": "Swims a length unaided"}]

    seen = visible_parts(plan_view(provider, plan.person), snapshot)

    assert [o["words"] for o in seen["outcomes"]] == [
        "Swim at the leisure centre every week",
        "Stay living in my own flat",
    ]
    assert "attainment_levels" not in seen["outcomes"][0]
    assert seen["outcomes"][0]["indicators"]
    assert {"costs", "costing", "risks", "needs", "budget", "important"}.isdisjoint(seen)


def test_it_shows_the_whole_plan_to_everyone_else(scene, carer_user, worker):
    plan, _issue, _provider = scene
    for user in (carer_user, worker):
        assert plan_view(user, plan.person) == WHOLE


def test_it_shows_a_provider_without_parts_nothing_of_the_plan_but_shared_outcomes(
    client_for, scene, org
):
    plan, _issue, _provider = scene
    newcomer = testing.make_user(org, role=Role.PROVIDER, first_name="Kim")
    testing.make_circle_member(
        plan.person, name="Fresh Start Care", kind=CircleMember.Kind.PROVIDER, user=newcomer
    )

    text = text_of(client_for(newcomer).get(reverse("plans:detail", args=[plan.pk])))

    assert "Stay living in my own flat" in text
    assert "Nothing in this part of the plan concerns your organisation." in text
    assert_only_their_part(text, expected=())
    assert "Take Pri to the pool on Fridays" not in text


@pytest.mark.parametrize("size", [10, 200])
def test_it_keeps_a_constant_number_of_queries_on_a_providers_plan_page(
    client_for, org, person, worker, size, django_assert_num_queries
):
    provider = testing.make_user(org, role=Role.PROVIDER)
    member = testing.make_circle_member(
        person, name="Brightside Care", kind=CircleMember.Kind.PROVIDER, user=provider
    )
    other = testing.make_circle_member(person, name="Sunrise", kind=CircleMember.Kind.PROVIDER)
    plan = plan_create(person=person, actor=worker)
    outcome = add_outcome(plan, worker, "Swim every week")
    Action.objects.bulk_create(
        Action(
            organisation=org,
            plan=plan,
            outcome=outcome,
            description=f"Action {n}",
            kind="paid",
            responsible_member=member if n % 2 else other,
            due_on=datetime.date(2026, 4, 30),
            position=n,
        )
        for n in range(size)
    )
    client = client_for(provider)
    url = reverse("plans:detail", args=[plan.pk])
    client.get(url)

    with django_assert_num_queries(PROVIDER_PLAN_PAGE_QUERIES):
        response = client.get(url)

    titles = re.findall(r'summary-card__title">Action (\d+)<', response.content.decode())
    assert sorted(int(n) for n in titles) == list(range(1, size, 2))  # theirs, not Sunrise's


# Sign-in, the plan, the provider's places in the circle, one query per kind of part (every
# registered kind, whatever the provider sees of it), agreements and disagreements, the copies
# issued, the next review and the audit event: none for each part.
PROVIDER_PLAN_PAGE_QUERIES = 23


# Saying whose a support arrangement is, and sharing an outcome ------------------------------


def support_data(**overrides) -> dict:
    return {
        "description": "Morning visits",
        "provider": "Brightside Care",
        "how_often": "Every day",
        "funded_by": "other_organisation",
        "revision": 0,
        **overrides,
    }


def test_it_records_which_provider_in_the_circle_gives_a_support_arrangement(
    client_for, worker, person
):
    plan = plan_create(person=person, actor=worker)
    brightside = testing.make_circle_member(
        person, name="Brightside Care", kind=CircleMember.Kind.PROVIDER
    )
    testing.make_circle_member(person, name="Dee Daughter")  # a carer gives no arranged support
    url = reverse("plans:item_add", args=[plan.pk, "support"])
    client = client_for(worker)

    form = client.get(url).content.decode()
    response = client.post(url, support_data(provider_member=str(brightside.pk)))

    assert "Brightside Care (Service provider)" in form
    assert "Dee Daughter" not in form
    assert response.status_code == 302
    assert plan.supportarrangements.get().provider_member == brightside


def test_it_refuses_a_provider_from_another_persons_circle(client_for, worker, person, org, team):
    plan = plan_create(person=person, actor=worker)
    stranger = testing.make_circle_member(
        testing.make_person(org, team), name="Elsewhere Care", kind=CircleMember.Kind.PROVIDER
    )

    response = client_for(worker).post(
        reverse("plans:item_add", args=[plan.pk, "support"]),
        support_data(provider_member=str(stranger.pk)),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a provider from the list" in html
    assert "Morning visits" in html  # what was typed is kept
    assert not plan.supportarrangements.exists()


def test_it_shares_an_outcome_with_everyone_supporting_the_person_only_when_asked(
    client_for, worker, person
):
    plan = plan_create(person=person, actor=worker)
    url = reverse("plans:item_add", args=[plan.pk, "outcome"])
    outcome = {
        "words": "Stay in my own flat",
        "kind": "maintain",
        "achieve_by_day": "1",
        "achieve_by_month": "9",
        "achieve_by_year": "2027",
        "life_area": "",
        "revision": 0,
    }
    client = client_for(worker)

    client.post(url, outcome)
    client.post(url, {**outcome, "words": "Swim weekly", "shared_with_supporters": "on"})

    shared = dict(plan.outcomes.values_list("words", "shared_with_supporters"))
    assert shared == {"Stay in my own flat": False, "Swim weekly": True}


# The document as a PDF -----------------------------------------------------------------------


def pdf_text(response) -> str:
    """The words of a PDF in the order they were written (pdftotext -raw, from poppler-utils,
    as in CI), so the words of a table cell stay together."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    found = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=response.content, capture_output=True, check=True
    )
    return " ".join(found.stdout.decode().split())


def test_it_gives_a_provider_a_pdf_of_their_part_of_a_copy_only(client_for, scene, provider):
    plan, issue, _user = scene

    response = client_for(provider).get(
        reverse("documents:issue_pdf", args=[plan.pk, issue.number])
    )

    text = pdf_text(response)
    assert NOTICE in text
    assert_only_their_part(text)
    event = AuditEvent.objects.filter(actor=provider).latest("pk")
    assert (event.action, event.detail) == (
        AuditAction.ISSUE_VIEW,
        {"issue": issue.number, "format": "pdf"},
    )


def test_it_gives_a_carer_a_pdf_of_the_whole_plan(client_for, scene, carer_user):
    plan, _issue, _user = scene

    text = pdf_text(client_for(carer_user).get(reverse("documents:plan_pdf", args=[plan.pk])))

    assert NOTICE not in text
    for words in (*THEIRS, "Teach Pri three new recipes", "Falls at home", "Dev Advocate"):
        assert words in text, words


def test_it_hides_the_pdf_from_a_provider_without_consent(client_for, scene, org):
    plan, issue, _user = scene
    outsider = testing.make_user(org, role=Role.PROVIDER)
    testing.make_circle_member(
        plan.person, kind=CircleMember.Kind.PROVIDER, user=outsider, consent_to_share=False
    )
    client = client_for(outsider)

    assert client.get(reverse("documents:plan_pdf", args=[plan.pk])).status_code == 404
    assert (
        client.get(reverse("documents:issue_pdf", args=[plan.pk, issue.number])).status_code == 404
    )
    assert client.get(reverse("documents:issue_pdf", args=[plan.pk, 99])).status_code == 404
