"""Who gets a copy, in which forms and by which route: the rules of sending (issue 10, Build 3).

A copy goes to the person and to everyone in their circle the plan is shared with (the same
rule as `issue_recipients`: the person's consent to share, or an appointment as advocate or
legal representative). Each gets the forms their preferences ask for, by the route they chose
where that route is open to them:

- behind sign-in, if they have a Tandem sign-in;
- by email, only if they chose it and an email address is recorded;
- by post, if a postal address is recorded.

A route that was chosen but is not open falls back to sign-in, then post, and the page says why.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from tandem.accounts import access
from tandem.accounts.models import User
from tandem.documents import render
from tandem.people.models import CircleMember, Delivery, Person
from tandem.plans.provider_part import WHOLE, PlanView

PERSON_KEY = "person"
# Providers and other agencies see only their part of a plan, and no review record.
PART_ONLY_KINDS = frozenset({CircleMember.Kind.PROVIDER, CircleMember.Kind.AGENCY})
FALLBACK_ORDER = (Delivery.SIGN_IN, Delivery.POST)


@dataclass
class Recipient:
    """Someone a copy may go to, with what they asked for and what is open to them."""

    key: str
    name: str
    role: str
    member: CircleMember | None
    user: User | None
    email: str
    address: str
    preferred_formats: list[str]
    chose: str  # their delivery preference, "" for none
    view: PlanView = WHOLE
    routes: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)  # the forms they need
    route: str = ""  # the route they get by default ("" when none is open)
    note: str = ""  # why they don't get what they chose

    @property
    def field_prefix(self) -> str:
        return self.key.replace(":", "")


def open_routes(*, has_sign_in: bool, email: str, address: str, chose: str) -> list[str]:
    """The routes a copy can take to this recipient. Email only where they chose it: an email
    can be read by whoever sees their inbox, so it is never assumed."""
    routes = []
    if has_sign_in:
        routes.append(Delivery.SIGN_IN.value)
    if email and chose == Delivery.EMAIL:
        routes.append(Delivery.EMAIL.value)
    if address.strip():
        routes.append(Delivery.POST.value)
    return routes


def default_route(chose: str, routes: list[str]) -> str:
    """What they chose if it is open; otherwise sign-in, then post; "" when nothing is open."""
    if chose in routes:
        return chose
    return next((route for route in FALLBACK_ORDER if route in routes), "")


def route_note(*, name: str, chose: str, email: str, route: str) -> str:
    """Why a recipient does not get their copy the way they chose, in plain English."""
    if not route:
        return _(
            "%(name)s has no Tandem sign-in, and no postal address is recorded: add an address "
            "(or an email address, if they want copies by email) to send them a copy."
        ) % {"name": name}
    if chose == Delivery.EMAIL and route != Delivery.EMAIL and not email:
        return _(
            "%(name)s asked for copies by email, but no email address is recorded, so it goes "
            "%(route)s."
        ) % {"name": name, "route": _route_words(route)}
    if chose and chose != route:
        return _(
            "%(name)s asked for copies %(chose)s, which is not possible, so it goes %(route)s."
        ) % {
            "name": name,
            "chose": _route_words(chose),
            "route": _route_words(route),
        }
    return ""


def _route_words(route: str) -> str:
    return {
        Delivery.SIGN_IN: _("behind their sign-in"),
        Delivery.EMAIL: _("by email"),
        Delivery.POST: _("by post"),
    }[Delivery(route)]


def needed_forms(preferences: Any) -> list[str]:
    """The forms someone needs, from their preferred formats and communication needs (the
    documents app decides, for copies and issued plans alike)."""
    return [str(f) for f in render.forms_for(preferences)]


def _finish(recipient: Recipient, preferences: Any) -> Recipient:
    recipient.routes = open_routes(
        has_sign_in=recipient.user is not None,
        email=recipient.email,
        address=recipient.address,
        chose=recipient.chose,
    )
    recipient.route = default_route(recipient.chose, recipient.routes)
    recipient.note = route_note(
        name=recipient.name, chose=recipient.chose, email=recipient.email, route=recipient.route
    )
    recipient.forms = needed_forms(preferences)
    return recipient


def _member_view(member: CircleMember) -> PlanView:
    if member.kind not in PART_ONLY_KINDS:
        return WHOLE
    return PlanView(
        whole=False,
        member_ids=frozenset({member.pk}),
        user_id=member.user_id,
        names=(member.organisation_name or member.name,),
    )


def recipients_for(person: Person, *, whole_plan_only: bool = False) -> list[Recipient]:
    """Everyone a copy may go to, the person first. `whole_plan_only` for a review record,
    which evaluates every outcome and so is not for providers and agencies. One query for the
    circle (with sign-ins)."""
    user = person.user if person.user_id and person.user.is_active else None
    people = [
        _finish(
            Recipient(
                key=PERSON_KEY,
                name=person.full_name,
                role=_("The person"),
                member=None,
                user=user,
                # The address on their record, or else their sign-in's.
                email=person.email or (user.email if user else ""),
                address=person.address,
                preferred_formats=list(person.preferred_formats or []),
                chose=person.copies_by,
            ),
            person,
        )
    ]
    # Read when sending: consent withdrawn before then leaves them out.
    sharing = Q(consent_to_share=True) | Q(appointed_as__in=access.APPOINTMENTS)
    members = person.circle.filter(sharing).select_related("user").order_by("name", "pk")
    for member in members:
        if whole_plan_only and member.kind in PART_ONLY_KINDS:
            continue
        member_user = member.user if member.user_id and member.user.is_active else None
        people.append(
            _finish(
                Recipient(
                    key=f"member:{member.pk}",
                    name=member.name,
                    role=str(member.get_kind_display()),
                    member=member,
                    user=member_user,
                    email=member.email or (member_user.email if member_user else ""),
                    address=member.address,
                    preferred_formats=list(member.preferred_formats or []),
                    chose=member.copies_by,
                    view=_member_view(member),
                ),
                member,
            )
        )
    return people
