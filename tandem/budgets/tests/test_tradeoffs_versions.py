"""The comparison stays with the plan (P7): the options, the chosen mark and the reason are in the
plan document, copied into a new version with their uids, and a new choice shows in the
comparison of versions."""

import datetime
import uuid

from django.urls import reverse

from tandem.budgets.models import CostLine, TradeOff, TradeOffOption
from tandem.budgets.services.tradeoffs import option_choose
from tandem.budgets.tests.tradeoff_parts import QUESTION, TICKET, WORKER, add_comparison
from tandem.plans.models import Action
from tandem.plans.services import (
    plan_item_update,
    plan_record_agreement,
    plan_send_for_agreement,
    plan_start_new_version,
)
from tandem.plans.tests.helpers import (
    build_ready_plan,
    fresh,
    person_and_worker_agree,
    problems_of,
)


def _agreed_with_a_choice(person, worker):
    """Version 1 with the season ticket chosen (paid from the person's own money), its action
    given a responsible person and a date, and agreed."""
    plan = build_ready_plan(person=person, actor=worker)
    trade_off, (ticket, support) = add_comparison(plan, worker)
    action = option_choose(
        plan=plan,
        trade_off=trade_off,
        option=ticket,
        why="He would rather go with Sam than with a paid worker",
        funded_by="own",
        payer="own_money",
        actor=worker,
    )
    # P4 asks who is responsible and when before the plan can be sent.
    assert {p.rule for p in problems_of(plan)} == {"P4"}
    plan_item_update(
        item=action,
        data={"responsible_is_person": True, "due_on": datetime.date(2026, 8, 1)},
        revision=action.revision,
        actor=worker,
    )
    assert problems_of(plan) == []
    plan_send_for_agreement(plan=plan, actor=worker)
    plan_record_agreement(plan=plan, parties=person_and_worker_agree(person, worker), actor=worker)
    return fresh(plan), trade_off, ticket, support, action


def test_it_shows_the_comparison_and_the_choice_in_the_plan_document(client_for, worker, person):
    plan, _trade_off, _ticket, _support, _action = _agreed_with_a_choice(person, worker)
    html = client_for(worker).get(reverse("documents:plan", args=[plan.pk])).text
    assert QUESTION in html
    rows = html.split(QUESTION, 1)[1].split("</table>")[0].split("<tr")
    (ticket_row,) = [row for row in rows if TICKET["description"] in row]
    (worker_row,) = [row for row in rows if WORKER["description"] in row]
    assert "Chosen" in ticket_row and "£420.00" in ticket_row
    assert "Chosen" not in worker_row
    assert "£86.40" in worker_row and "£4,492.80" in worker_row
    assert "Why this option was chosen: He would rather go with Sam" in html


def test_it_copies_the_comparison_and_the_choice_into_a_new_version(worker, person):
    plan, trade_off, ticket, support, action = _agreed_with_a_choice(person, worker)
    second = plan_start_new_version(plan=plan, actor=worker)

    copied = TradeOff.objects.get(plan=second)
    assert (copied.uid, copied.question) == (trade_off.uid, QUESTION)
    assert copied.chosen_uid == ticket.uid
    assert copied.why_chosen == "He would rather go with Sam than with a paid worker"
    options = TradeOffOption.objects.filter(plan=second)
    assert {o.uid for o in options} == {ticket.uid, support.uid}
    assert {o.trade_off_id for o in options} == {copied.pk}
    copied_action = Action.objects.get(plan=second, uid=action.uid)
    line = CostLine.objects.get(plan=second)
    assert (line.for_kind, line.for_uid, line.unit_cost) == ("action", copied_action.uid, 420)


def test_it_shows_a_new_choice_in_the_comparison_of_versions(client_for, worker, person):
    plan, _trade_off, _ticket, support, _action = _agreed_with_a_choice(person, worker)
    second = plan_start_new_version(plan=plan, actor=worker)
    copied = TradeOff.objects.get(plan=second)
    copied_support = TradeOffOption.objects.get(plan=second, uid=support.uid)
    client = client_for(worker)

    page = client.get(reverse("plans:item", args=[second.pk, "tradeoff", copied.pk])).text
    assert "No option chosen yet" not in page  # the mark came with the copy
    response = client.post(
        reverse("budgets:choose", args=[second.pk, copied.pk, copied_support.pk]),
        {
            "why_chosen": "Sam has moved away",
            "funded_by": "personal_budget",
            "payer": "council_managed",
            "submission_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302

    compare = client.get(
        reverse("documents:compare", args=[person.pk]), {"from": plan.pk, "to": second.pk}
    ).text
    changed = compare.split(QUESTION, 1)[1]
    assert "Option chosen" in changed
    assert TICKET["description"] in changed and WORKER["description"] in changed
    assert "Sam has moved away" in changed
    # The first version's copy is as it was agreed.
    assert TradeOff.objects.get(plan=plan).why_chosen.startswith("He would rather go with Sam")
