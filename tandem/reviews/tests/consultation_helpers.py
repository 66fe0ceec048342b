"""Shared by the consultation tests: an agreed plan with any number of providers, on a timeline
where the consultation is not yet due on 20 March 2026 and due from 30 March 2026 (4 weeks
before the first review, 6 weeks after support starts on 16 March 2026)."""

import datetime
from typing import Any

import time_machine

from tandem import testing
from tandem.accounts.models import Role
from tandem.documents.tests.builders import SECTIONS, agree, build_plan, fresh
from tandem.people.models import CircleMember
from tandem.plans.models import Plan, SupportArrangement
from tandem.plans.tests.helpers import update_section
from tandem.reviews.services.consultation import Invitation, plan_providers

AGREED = datetime.datetime(2026, 3, 5, 12, tzinfo=datetime.UTC)
SUPPORT_STARTS = datetime.date(2026, 3, 16)
NOT_YET_DUE = datetime.datetime(2026, 3, 20, 12, tzinfo=datetime.UTC)
DUE = datetime.datetime(2026, 4, 1, 12, tzinfo=datetime.UTC)
REVIEW_DUE = "27 April 2026"
CONSULT_FROM = "30 March 2026"
SUPPORT_PROVIDER = "Riverside Care Ltd"  # the provider of the plan's support arrangement


def agreed_plan(person, worker, *, providers: int = 1) -> Plan:
    """Agreed on 5 March 2026 with one support arrangement from Riverside Care Ltd, and
    `providers - 1` more support arrangements from other providers."""
    with time_machine.travel(AGREED, tick=False):
        plan = build_plan(person=person, actor=worker)
        update_section(plan, "about", worker, **SECTIONS["about"], support_starts_on=SUPPORT_STARTS)
        agree(plan, person=person, actor=worker)
    for n in range(2, providers + 1):
        SupportArrangement.objects.create(
            organisation=plan.organisation,
            plan=plan,
            description=f"Support {n}",
            provider=f"Provider {n:02d}",
            position=n,
        )
    return fresh(plan)


def circle_provider(plan: Plan, name: str = "Brightside Care", kind=CircleMember.Kind.PROVIDER):
    """A provider in the person's circle, made responsible for the plan's first action."""
    member = testing.make_circle_member(plan.person, name=name, kind=kind)
    plan.actions.filter(pk=plan.actions.order_by("id").first().pk).update(
        responsible_member=member, responsible_is_person=False
    )
    return member


def provider_user(person, *, consent: bool = True):
    user = testing.make_user(person.organisation, role=Role.PROVIDER)
    testing.make_circle_member(
        person,
        name="Brightside Care",
        user=user,
        kind=CircleMember.Kind.PROVIDER,
        consent_to_share=consent,
    )
    return user


def invitations(plan: Plan, **answers: Any) -> list[Invitation]:
    """Every provider invited, unless `answers` (by provider name, with spaces as underscores)
    say otherwise: None (not answered) or the reason they are not invited."""
    found = []
    for provider in plan_providers(plan):
        answer = answers.get(provider.name.replace(" ", "_"), True)
        if answer is True:
            found.append(Invitation(name=provider.name, invited=True))
        elif answer is None:
            found.append(Invitation(name=provider.name, invited=None))
        else:
            found.append(Invitation(name=provider.name, invited=False, reason_not_invited=answer))
    return found


def form_data(plan: Plan, *, revision: int = 0, **fields: Any) -> dict[str, Any]:
    """The consultation page's form: every provider invited unless `invited` says otherwise
    ({name: None | "reason"}), held by telephone, with the person's own words."""
    invited = fields.pop("invited", {})
    data: dict[str, Any] = {
        "who_to_invite": "My sister Meena",
        "how_held": "telephone",
        "how_held_notes": "Mornings are best",
        "what_is_working": "The gardening club",
        "what_is_not_working": "The bus is late",
        "what_to_change": "Go twice a week",
        "revision": revision,
        **fields,
    }
    for n, provider in enumerate(plan_providers(plan)):
        answer = invited.get(provider.name, True)
        if answer is True:
            data[f"invited_{n}"] = "yes"
        elif answer is not None:
            data[f"invited_{n}"] = "no"
            data[f"reason_{n}"] = answer
    return data
