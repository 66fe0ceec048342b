"""What of a plan each reader sees: the one place for "by part" (issue 9, item 1).

The person, their consenting carers and family, and staff see the whole plan. A service
provider or other agency sees only the part that concerns them:

- the actions they are responsible for, and the support arrangements they give;
- the outcomes these actions serve, with their indicators (how we will know), and any outcome
  the person chose to share with everyone supporting them (`Outcome.shared_with_supporters`);
- the disagreements they recorded themselves.

Nothing else: not the budget or any cost (costs are not shown per arrangement, so a provider's
own lines cannot be told from the rest), not what is important to the person, how support is
managed or how they stay in control, not capacity, advocacy or who agreed the plan, not risks
(a risk is written about the person, not about one provider's support; a contingency that
concerns a provider is for the coordinator to put into their actions), not needs and
eligibility, not other providers' parts, not the coordinator's notes, not other people's
disagreements, not the completeness check (it would show where the hidden parts are).

Every page that shows plan content works from a snapshot (plans/snapshot.py), so the rule is
one filter over a snapshot: `visible_parts(view, snapshot)`, where `view` comes from
`plan_view(user, person)`. What is not on the allow lists below is left out, so a part or key
that another app registers later stays hidden from providers until someone decides otherwise.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from tandem.accounts.models import Role, User
from tandem.people.models import CircleMember, Person
from tandem.plans.parts import registry

# The task-list sections whose parts a provider may see (filtered to theirs), and the parts.
PROVIDER_SECTIONS = ("outcomes", "actions", "support")
PROVIDER_KINDS = frozenset({"outcome", "indicator", "action", "support"})
# What a provider reads about the plan version itself: not how or by whom it was prepared.
PLAN_KEYS = ("id", "version_number", "status", "status_label", "coordinator", "support_starts_on")


@dataclass(frozen=True)
class PlanView:
    """What of a plan one reader sees: the whole of it, or a provider's part."""

    whole: bool = True
    # The reader's consenting places in the person's circle (a provider may be in it twice).
    member_ids: frozenset[int] = frozenset()
    user_id: int | None = None
    names: tuple[str, ...] = ()  # those places' names, for "the parts that concern …"

    def shows_section(self, key: str) -> bool:
        return self.whole or key in PROVIDER_SECTIONS

    @property
    def sees_review_records(self) -> bool:
        """Review records and progress over time evaluate every outcome: the whole plan."""
        return self.whole


WHOLE = PlanView()


def sees_whole_plan(user: User) -> bool:
    """For pages that show the whole plan whoever reads it (check your answers, a review
    record, progress over time): everyone who may see the person but providers and agencies."""
    return getattr(user, "role", None) != Role.PROVIDER


def plan_view(user: User, person: Person) -> PlanView:
    """The whole plan for everyone who may see it but providers and agencies; for them, their
    part. One query for a provider, none for anyone else. Who may see the person at all is
    decided in accounts/access.py; this only says how much of the plan."""
    if getattr(user, "role", None) != Role.PROVIDER:
        return WHOLE
    members = list(
        CircleMember.objects.filter(person=person, user=user, consent_to_share=True)
        .order_by("pk")
        .values_list("pk", "name", "organisation_name")
    )
    return PlanView(
        whole=False,
        member_ids=frozenset(pk for pk, _name, _organisation in members),
        user_id=user.pk,
        # "Brightside Home Care", rather than the name of the one who works there.
        names=tuple(dict.fromkeys(org or name for _pk, name, org in members)),
    )


def concerns(view: PlanView, action: Any) -> bool:
    """Whether this reader sees this action of the plan (an Action row, or anything with its
    `responsible_member_id`): every reader of the whole plan does; a provider their own."""
    return view.whole or action.responsible_member_id in view.member_ids


def part_notice(view: PlanView, known_as: str) -> str:
    """What a provider is told at the top of every page showing their part of a plan."""
    if view.whole:
        return ""
    return _(
        "You are seeing the parts of %(name)s’s plan that concern %(organisation)s: the actions "
        "you are responsible for, the support you give, and the outcomes these are for."
    ) % {
        "name": known_as,
        "organisation": ", ".join(view.names) or _("your organisation"),
    }


def issue_reasons(view: PlanView, issues: Iterable[Any]) -> list[Any]:
    """The copies of a plan sent out, each with why it was sent as this reader may read it: a
    copy sent again says whose disagreement it carries, which a provider does not see."""
    issues = list(issues)
    if not view.whole:
        for issue in issues:
            if issue.number > 1:
                issue.reason = _("The agreed plan, sent again after it changed")
    return issues


def _theirs(entries: Iterable[dict[str, Any]], key: str, members: frozenset[int]) -> list[dict]:
    return [entry for entry in entries if entry.get(key) in members]


def _outcome(entry: dict[str, Any]) -> dict[str, Any]:
    """An outcome with its own values and its indicators: whatever else is kept inside it
    (another app's parts, e.g. goal attainment levels or options weighed up) is left out."""
    outcome = registry.kinds["outcome"]
    hidden = {
        child.snapshot_key
        for child in registry.children(outcome, nested=None)
        if child.key not in PROVIDER_KINDS
    }
    return {key: value for key, value in entry.items() if key not in hidden}


def visible_parts(view: PlanView, snapshot: dict[str, Any]) -> dict[str, Any]:
    """The snapshot as this reader may see it: unchanged for the whole plan, or a new snapshot
    holding only a provider's part (see the module's docstring). A copy issued before parts
    said whom they concern (snapshot schema < 5) shows a provider nothing of its parts."""
    if view.whole:
        return snapshot
    members = view.member_ids
    actions = _theirs(snapshot.get("actions") or [], "responsible_member_id", members)
    served = {action.get("outcome_uid") for action in actions}
    outcomes = [
        _outcome(entry)
        for entry in snapshot.get("outcomes") or []
        if entry.get("uid") in served or entry.get("shared_with_supporters") is True
    ]
    return {
        "schema": snapshot.get("schema"),
        "provider_part": True,
        "plan": {key: snapshot["plan"][key] for key in PLAN_KEYS if key in snapshot["plan"]},
        "person": snapshot.get("person", {}),
        "outcomes": outcomes,
        "actions": actions,
        "supports": _theirs(snapshot.get("supports") or [], "provider_member_id", members),
        "agreements": [],
        "not_applicable": {},
        "disagreements": [
            d
            for d in snapshot.get("disagreements") or []
            if view.user_id is not None and d.get("recorded_by_id") == view.user_id
        ],
    }


def part_sections(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    """A provider's part as the plan page shows it: a heading for each section they may see,
    with their parts as summary cards (and, inside an outcome, only its indicators)."""
    from tandem.plans.sections import part_cards

    sections = []
    for key in PROVIDER_SECTIONS:
        section = registry.section(key)
        if section is None or not section.part:
            continue
        kind = registry.kinds[section.part]
        cards = part_cards(kind, snapshot.get(kind.snapshot_key) or [])
        for card in cards:
            card["children"] = [c for c in card["children"] if c["kind"].key in PROVIDER_KINDS]
        sections.append({"section": section, "kind": kind, "cards": cards})
    return sections
