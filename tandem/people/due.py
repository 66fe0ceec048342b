"""What the people app says is due (tandem.worklist.due): a safeguarding concern waiting for a
team manager to acknowledge it (P11).

The managers of the person's team see each concern to acknowledge, urgent when someone is at
immediate risk; whoever raised it sees it too, waiting, until a manager has acknowledged it. A
concern is due the day it was raised: safeguarding comes first, so it is never "upcoming"."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.accounts.models import Role, User
from tandem.people import rules
from tandem.people.models import BreakGlassAccess, Person, SafeguardingReferral, SharingReview
from tandem.worklist.due import Audience, DueItem, registry


def safeguarding_due(people: Sequence[Person], today: date) -> Iterable[DueItem]:
    """Each concern not yet acknowledged: one to acknowledge for the team's managers, and one
    waiting for whoever raised it (unless they are a team manager, who has the first). Off the
    list once a manager acknowledges it. One query."""
    referrals = (
        SafeguardingReferral.objects.filter(
            person_id__in=[p.pk for p in people], acknowledged_at__isnull=True
        )
        .select_related("raised_by")
        .only("pk", "person_id", "raised_at", "immediate_risk", "raised_by__id", "raised_by__role")
        .order_by("pk")
    )
    for referral in referrals:
        raised_on = timezone.localdate(referral.raised_at)
        url = reverse("people:safeguarding_referral", args=[referral.person_id, referral.pk])
        urgent = referral.immediate_risk
        yield DueItem(
            kind="safeguarding",
            key=f"safeguarding:{referral.pk}",
            person_id=referral.person_id,
            due_on=raised_on,
            what=_("Acknowledge a safeguarding concern (someone is at immediate risk)")
            if urgent
            else _("Acknowledge a safeguarding concern"),
            why=_(
                "A safeguarding concern goes to the organisation's safeguarding procedure at "
                "once, and a team manager records what was done (P11)"
            ),
            url=url,
            urgent=urgent,
            audience=Audience.MANAGER,
        )
        if referral.raised_by.role != Role.TEAM_MANAGER:
            yield DueItem(
                kind="safeguarding_raised",
                key=f"safeguarding_raised:{referral.pk}",
                person_id=referral.person_id,
                due_on=raised_on,
                what=_("Your safeguarding concern is waiting for a team manager"),
                why=_(
                    "A team manager acknowledges each concern and records what was done; until "
                    "then, follow your organisation's safeguarding procedure (P11)"
                ),
                url=url,
                urgent=urgent,
                for_user_id=referral.raised_by_id,
            )


def _reviewers(grants: list[BreakGlassAccess]) -> dict[int, set[tuple[int, int]]]:
    """For each team, its active team managers with their organisations. One query."""
    team_ids = {g.person.team_id for g in grants}
    team_ids |= {team.pk for g in grants for team in g.user.teams.all()}
    rows = User.teams.through.objects.filter(
        team_id__in=team_ids, user__role=Role.TEAM_MANAGER, user__is_active=True
    ).values_list("team_id", "user_id", "user__organisation_id")
    managers: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for team_id, user_id, organisation_id in rows:
        managers[team_id].add((user_id, organisation_id))
    return managers


def break_glass_due(people: Sequence[Person], today: date) -> Iterable[DueItem]:
    """Each emergency access not yet reviewed, for each manager of the person's team and of the
    practitioner's teams (not the practitioner themselves): until one of them reviews it. Three
    queries however many."""
    grants = list(
        BreakGlassAccess.objects.filter(
            person_id__in=[p.pk for p in people], reviewed_at__isnull=True
        )
        .select_related("person", "user")
        .prefetch_related("user__teams")
        .order_by("pk")
    )
    if not grants:
        return
    managers = _reviewers(grants)
    for grant in grants:
        teams = {grant.person.team_id} | {team.pk for team in grant.user.teams.all()}
        reviewers = {
            user_id
            for team_id in teams
            for user_id, organisation_id in managers.get(team_id, ())
            if organisation_id == grant.organisation_id and user_id != grant.user_id
        }
        for user_id in sorted(reviewers):
            yield DueItem(
                kind="break_glass",
                key=f"break_glass:{grant.pk}",
                person_id=grant.person_id,
                due_on=timezone.localdate(grant.opened_at),
                what=_("Review emergency access to the record by %(name)s")
                % {"name": grant.user.display_name},
                brief=str(_("Review an emergency access to a record")),
                why=_(
                    "A practitioner opened a record outside their work, in an emergency: a "
                    "manager checks the reason was good"
                ),
                url=reverse("people:break_glass_review", args=[grant.pk]),
                audience=Audience.MANAGER,
                for_user_id=user_id,
            )


def sharing_review_due(people: Sequence[Person], today: date) -> Iterable[DueItem]:
    """After a safeguarding concern, the person's worker reviews who the plan is shared with,
    until they record that they have. Two queries."""
    ids = [p.pk for p in people]
    concerns = dict(
        SafeguardingReferral.objects.filter(person_id__in=ids)
        .values("person_id")
        .annotate(latest=Max("raised_at"))
        .values_list("person_id", "latest")
    )
    if not concerns:
        return
    reviews = dict(
        SharingReview.objects.filter(person_id__in=list(concerns))
        .values("person_id")
        .annotate(latest=Max("reviewed_at"))
        .values_list("person_id", "latest")
    )
    for person_id, raised_at in sorted(concerns.items()):
        if not rules.sharing_review_due(
            latest_concern=raised_at, latest_review=reviews.get(person_id)
        ):
            continue
        raised_on = timezone.localdate(raised_at)
        yield DueItem(
            kind="sharing_review",
            key=f"sharing_review:{person_id}:{raised_on.isoformat()}",
            person_id=person_id,
            due_on=raised_on + timedelta(days=rules.SHARING_REVIEW_DAYS),
            what=_("Review who the plan is shared with after the safeguarding concern"),
            why=_(
                "After a safeguarding concern, check that everyone who sees the plan or is sent "
                "copies should still do so"
            ),
            url=reverse("people:detail", args=[person_id]) + "#circle",
        )


def register() -> None:
    registry.register(
        safeguarding_due,
        {
            "safeguarding": gettext_lazy("Safeguarding concerns to acknowledge"),
            "safeguarding_raised": gettext_lazy("Safeguarding concerns you raised"),
        },
    )
    registry.register(break_glass_due, {"break_glass": gettext_lazy("Emergency access to review")})
    registry.register(
        sharing_review_due,
        {"sharing_review": gettext_lazy("Sharing to review after a safeguarding concern")},
    )
