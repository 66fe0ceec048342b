"""The access matrix: who may reach every page of Tandem, built from the URL configuration itself.

`tandem/tests/test_access_matrix.py` walks Django's resolver for every named URL and looks each
one up in `PAGES` below. Every URL × every role of `tandem/testing_refusals.py` (staff, the
person's circle, strangers, signed out) × every HTTP method the URL accepts is requested against
one rich scene, and the answer must be the one this table expects. The same users then try the ids
of a second person in another organisation: 404, always. A URL missing from `PAGES`, or an entry
whose URL no longer exists, fails the test with a message saying what to do.

Adding a URL is one line here::

    Page("app:name", lambda s: {"pk": s.person}, STAFF),

- the URL name (namespace included);
- how to fill its kwargs from the scene (model instances become their primary keys; add to
  `build_scene` if the page needs an object the scene does not have yet);
- who may use it: a role group of `tandem/testing_refusals.py` (`STAFF`, `SEES_PERSON`,
  `DRAFTERS`…) or one below (`PERSON_AND_CARER`, `MANAGERS`, `ALL_MANAGERS`, `WORKERS`,
  `PEOPLE_AND_CARERS`, `ADMINISTRATOR`, `SIGNED_IN`, `PUBLIC`); `writers=` when fewer may write
  than may read;
- `about=PERSON` (the default) when the URL names a person or their records: refused roles get
  403 if they can see the person and 404 if they cannot (ids reveal nothing), and the other
  organisation's ids get 404. `about=ORGANISATION` for an organisation's own settings and
  records (refused roles get 403; another organisation's ids 404); `about=NOTHING` when the URL
  names no record at all (refused roles get 403).
- `get=302` when the page answers a GET by redirecting; `statuses={role: code}` for the odd
  role that gets something else (say why in a comment).

The methods each URL accepts are not in the table: they are read from the `Allow` header of the
405 the URL answers to TRACE, so a view that starts taking PUT is tried with PUT too.

Django's admin is not in the table: it is for operators, and
`test_no_role_of_tandem_reaches_djangos_admin` checks that no role of Tandem gets in.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tandem import testing
from tandem.accounts.models import Role
from tandem.testing_refusals import (
    ANONYMOUS,
    DRAFTERS,
    ROLES,
    SEES_PERSON,
    STAFF,
    STRANGERS,
    Cast,
)

# Who may use a page, beyond the groups of tandem/testing_refusals.py (which are about one
# person: their staff and circle). Pages about no one in particular go by role alone:
# The person themself and a carer with consent, without the provider.
PERSON_AND_CARER = frozenset({"person", "carer"})
MANAGERS = frozenset({"team_manager"})
ADMINISTRATOR = frozenset({"administrator"})
# Staff in an organisation, whichever team: their own worklist, calendar, adding a person.
WORKERS = STAFF | {
    "other_team_worker",
    "other_team_manager",
    "other_org_worker",
    "other_org_worker_in_the_team",
}
# Staff and administrators sign in with a second factor (by role, with or without an organisation).
SECOND_FACTOR_ROLES = WORKERS | ADMINISTRATOR | {"worker_without_organisation"}
ALL_MANAGERS = MANAGERS | {"other_team_manager", "other_org_worker_in_the_team"}
# People and carers with a sign-in: they have a home page ("people:home") and reminders.
PEOPLE_AND_CARERS = frozenset({"person", "another_person", "carer", "carer_without_consent"})
SIGNED_IN = frozenset(role for role in ROLES if role != ANONYMOUS)
# Everyone else signed in is sent from the person's home page to the site's home.
NO_HOME = dict.fromkeys(SIGNED_IN - PEOPLE_AND_CARERS, 302)
PUBLIC = frozenset(ROLES)
SAFE_METHODS = frozenset({"GET", "HEAD"})
# The API answers someone signed out with a 401 problem, not a redirect to sign in.
API = {ANONYMOUS: 401}
# What a URL is about, which decides how a refusal looks and whether another organisation's ids
# apply (see the module docstring).
PERSON, ORGANISATION, NOTHING = "person", "organisation", "nothing"


@dataclass(frozen=True)
class Page:
    """One named URL: how to fill it for a scene, and who may use it."""

    name: str
    kwargs: Callable[[SimpleNamespace], dict[str, Any]]
    allowed: frozenset[str]
    about: str = PERSON
    # Who may use the methods that write (POST…), when fewer than may read the page.
    writers: frozenset[str] | None = None
    get: int = 200
    statuses: dict[str, int] = field(default_factory=dict)
    # POST data for the allowed roles; refused roles post it too. Empty unless a valid form is
    # cheap to write: the matrix checks who gets in, the apps' own tests check what is saved.
    data: Callable[[SimpleNamespace], dict[str, Any]] = lambda scene: {}

    def url(self, scene: SimpleNamespace) -> str:
        kwargs = {
            key: value.pk if isinstance(value, Model) else value
            for key, value in self.kwargs(scene).items()
        }
        return reverse(self.name, kwargs=kwargs)

    def refusal(self, role: str) -> int:
        """What a role not allowed in gets: 404 when it has no relationship with the person (so
        ids reveal nothing), 403 when it can see them but its role may not do this."""
        if role in self.statuses:
            return self.statuses[role]
        if self.about == PERSON and role not in SEES_PERSON:
            return 404
        return 403

    def expected(self, role: str, method: str) -> tuple[bool, int | None]:
        """Whether this role is refused, and the status it gets for this method: None for an
        allowed write, which may answer 200 (the form again), 302 (saved) or 409 (someone else
        saved first), but never 403, 404, 405 or 5xx."""
        reading = method in SAFE_METHODS
        if role not in (self.allowed if reading or self.writers is None else self.writers):
            # Signed out, a page sends you to sign in; an API for systems answers 401 instead.
            anonymous = role == ANONYMOUS and role not in self.statuses
            return True, 302 if anonymous else self.refusal(role)
        if role in self.statuses:
            return False, self.statuses[role]
        if method in {"GET", "HEAD"}:
            return False, self.get
        return False, None


PAGES: list[Page] = [
    # Everyone, signed in or not.
    Page("login", lambda s: {}, PUBLIC, about=NOTHING),
    Page("healthz", lambda s: {}, PUBLIC, about=NOTHING),
    Page("readyz", lambda s: {}, PUBLIC, about=NOTHING),
    Page("worklist:calendar_feed", lambda s: {"token": s.feed_token}, PUBLIC, about=NOTHING),
    # Anyone signed in.
    # The site's home sends everyone on to their own landing page.
    Page("home", lambda s: {}, SIGNED_IN, about=NOTHING, get=302),
    # Signing out is open to anyone (it ends whatever session there is, and is audited).
    Page("logout", lambda s: {}, PUBLIC, about=NOTHING),
    # Signing in: the second factor and one's own authenticator (staff and administrators), and
    # unlocking sign-ins (managers for their teams, administrators for the organisation).
    # Everyone in the matrix has signed in fully, so the second-factor pages send them on.
    Page("signin:second_factor", lambda s: {}, SIGNED_IN, about=NOTHING, get=302),
    Page("signin:enrol", lambda s: {}, SECOND_FACTOR_ROLES, about=NOTHING, get=302),
    Page("signin:recovery_codes", lambda s: {}, SECOND_FACTOR_ROLES, about=NOTHING),
    Page("signin:locked_out", lambda s: {}, ALL_MANAGERS | ADMINISTRATOR, about=NOTHING),
    # Managers of other teams may unlock their own members, not this one.
    Page(
        "signin:unlock",
        lambda s: {"pk": s.worker},
        MANAGERS | ADMINISTRATOR,
        about=NOTHING,
        statuses={"other_team_manager": 404, "other_org_worker_in_the_team": 404},
    ),
    Page("signin:settings", lambda s: {}, ADMINISTRATOR, about=NOTHING),
    Page("people:list", lambda s: {}, SIGNED_IN, about=NOTHING),
    # The list as a spreadsheet: staff's caseload only (a worker outside any organisation gets
    # a file with no one in it).
    Page("people:list_csv", lambda s: {}, WORKERS | {"worker_without_organisation"}, about=NOTHING),
    # The person's own home page; anyone else is sent on to the site's home.
    Page("people:home", lambda s: {}, PEOPLE_AND_CARERS, about=NOTHING, statuses=NO_HOME),
    # A carer's view of it for one of the people they may represent.
    Page("people:home_person", lambda s: {"pk": s.person}, PERSON_AND_CARER, statuses=NO_HOME),
    # People's records.
    Page("people:add", lambda s: {}, WORKERS, about=NOTHING),
    Page("people:detail", lambda s: {"pk": s.person}, SEES_PERSON),
    Page("people:change", lambda s: {"pk": s.person}, STAFF),
    Page("people:circle_add", lambda s: {"pk": s.person}, STAFF),
    Page("people:circle_change", lambda s: {"pk": s.person, "member_pk": s.member}, STAFF),
    Page("people:safeguarding", lambda s: {"pk": s.person}, SEES_PERSON),
    Page(
        "people:safeguarding_referral",
        lambda s: {"pk": s.person, "referral_pk": s.referral},
        STAFF,
    ),
    Page(
        "people:safeguarding_acknowledge",
        lambda s: {"pk": s.person, "referral_pk": s.referral},
        MANAGERS,
    ),
    # The confirmation a concern was sent: for the one who raised it only.
    Page(
        "people:safeguarding_sent",
        lambda s: {"pk": s.person, "referral_pk": s.referral},
        frozenset({"social_worker"}),
        statuses=dict.fromkeys(SEES_PERSON - {"social_worker"}, 404),
    ),
    Page("people:safeguarding_list", lambda s: {}, ALL_MANAGERS, about=NOTHING),
    # Plans.
    Page("plans:start", lambda s: {"person_pk": s.person}, DRAFTERS),
    Page("plans:detail", lambda s: {"pk": s.draft}, SEES_PERSON),
    Page("plans:section", lambda s: {"pk": s.draft, "section": "important"}, DRAFTERS),
    Page("plans:item_add", lambda s: {"pk": s.draft, "kind": "outcome"}, DRAFTERS),
    Page(
        "plans:item",
        lambda s: {"pk": s.draft, "kind": "outcome", "item_pk": s.outcome},
        DRAFTERS,
    ),
    Page(
        "plans:item_remove",
        lambda s: {"pk": s.draft, "kind": "outcome", "item_pk": s.outcome},
        DRAFTERS,
    ),
    Page("plans:element", lambda s: {"pk": s.draft, "element": "risk"}, DRAFTERS),
    # Everyone who sees the plan may check it; staff send it for agreement.
    # The check lists every section's state: a provider sees only their part of the plan.
    Page("plans:check", lambda s: {"pk": s.draft}, SEES_PERSON - {"provider"}, writers=STAFF),
    # The scene's draft is not ready to be agreed: the page sends staff back to it.
    Page("plans:agree", lambda s: {"pk": s.draft}, STAFF, get=302),
    Page("plans:disagreement_add", lambda s: {"pk": s.agreed}, SEES_PERSON),
    Page(
        "plans:disagreement_decide",
        lambda s: {"pk": s.agreed, "disagreement_pk": s.disagreement},
        STAFF,
    ),
    Page("plans:new_version", lambda s: {"pk": s.agreed}, STAFF),
    Page("plans:end", lambda s: {"pk": s.agreed}, STAFF),
    # Documents.
    Page("documents:plan", lambda s: {"plan_pk": s.agreed}, SEES_PERSON),
    Page("documents:issue", lambda s: {"plan_pk": s.agreed, "number": 1}, SEES_PERSON),
    Page("documents:compare", lambda s: {"person_pk": s.person}, SEES_PERSON),
    Page("documents:plan_pdf", lambda s: {"plan_pk": s.agreed}, SEES_PERSON),
    Page("documents:issue_pdf", lambda s: {"plan_pk": s.agreed, "number": 1}, SEES_PERSON),
    # Budgets: a person's.
    Page("budgets:person", lambda s: {"person_pk": s.person}, STAFF | PERSON_AND_CARER),
    Page("budgets:ras", lambda s: {"person_pk": s.person}, STAFF),
    Page("budgets:set_outside", lambda s: {"person_pk": s.person}, STAFF),
    Page("budgets:assessment", lambda s: {"person_pk": s.person}, STAFF),
    # The scene's draft is within its budget: nothing to ask, back to the costs.
    Page("budgets:ask", lambda s: {"plan_pk": s.draft}, STAFF, get=302),
    Page("budgets:withdraw", lambda s: {"plan_pk": s.draft, "pk": s.decision}, STAFF),
    Page(
        "budgets:choose",
        lambda s: {"plan_pk": s.draft, "tradeoff_pk": s.trade_off, "option_pk": s.option},
        DRAFTERS,
    ),
    Page("budgets:queue", lambda s: {}, ALL_MANAGERS, about=NOTHING),
    # Any role but a manager's is refused before the decision is looked up.
    Page(
        "budgets:decide",
        lambda s: {"pk": s.decision},
        MANAGERS,
        statuses=dict.fromkeys(STRANGERS - ALL_MANAGERS, 403),
    ),
    # Budgets: the organisation's scheme and catalogue, the administrator's.
    Page("budgets:setup", lambda s: {}, ADMINISTRATOR, about=NOTHING),
    # A draft scheme exists already: the administrator is sent to it.
    Page("budgets:setup_scheme_start", lambda s: {}, ADMINISTRATOR, about=NOTHING, get=302),
    Page("budgets:setup_scheme", lambda s: {"pk": s.scheme}, ADMINISTRATOR, about=ORGANISATION),
    Page(
        "budgets:setup_scheme_change",
        lambda s: {"pk": s.scheme},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    Page(
        "budgets:setup_scheme_new_version",
        lambda s: {"pk": s.scheme},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    Page(
        "budgets:setup_scheme_publish",
        lambda s: {"pk": s.scheme},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    Page(
        "budgets:setup_question_add",
        lambda s: {"pk": s.scheme},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    Page(
        "budgets:setup_question",
        lambda s: {"pk": s.scheme, "question_pk": s.question},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    Page(
        "budgets:setup_question_remove",
        lambda s: {"pk": s.scheme, "question_pk": s.question},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    Page(
        "budgets:setup_answer_add",
        lambda s: {"pk": s.scheme, "question_pk": s.question},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    Page(
        "budgets:setup_answer",
        lambda s: {"pk": s.scheme, "question_pk": s.question, "answer_pk": s.answer},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    Page(
        "budgets:setup_answer_remove",
        lambda s: {"pk": s.scheme, "question_pk": s.question, "answer_pk": s.answer},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    Page(
        "budgets:setup_adjustment_add",
        lambda s: {"pk": s.scheme},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    Page(
        "budgets:setup_adjustment",
        lambda s: {"pk": s.scheme, "adjustment_pk": s.adjustment},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    Page(
        "budgets:setup_adjustment_remove",
        lambda s: {"pk": s.scheme, "adjustment_pk": s.adjustment},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    Page("budgets:setup_catalogue", lambda s: {}, ADMINISTRATOR, about=NOTHING),
    Page("budgets:setup_service_add", lambda s: {}, ADMINISTRATOR, about=NOTHING),
    Page("budgets:setup_service", lambda s: {"pk": s.service}, ADMINISTRATOR, about=ORGANISATION),
    Page(
        "budgets:setup_service_change",
        lambda s: {"pk": s.service},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    Page("budgets:setup_rate_add", lambda s: {"pk": s.service}, ADMINISTRATOR, about=ORGANISATION),
    Page(
        "budgets:setup_service_active",
        lambda s: {"pk": s.service},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    # Reviews.
    Page("reviews:carrying_out", lambda s: {"plan_pk": s.agreed}, SEES_PERSON),
    # A carer or provider records progress only on the actions they are responsible for.
    Page(
        "reviews:progress",
        lambda s: {"plan_pk": s.agreed, "action_pk": s.action},
        STAFF | frozenset({"person"}),
    ),
    Page("reviews:trigger", lambda s: {"plan_pk": s.agreed}, STAFF),
    # Providers see their part of the plan, not the person's reviews.
    Page("reviews:history", lambda s: {"person_pk": s.person}, SEES_PERSON - {"provider"}),
    # The person and those who may speak for them ask for a review; providers do not.
    Page("reviews:request", lambda s: {"person_pk": s.person}, STAFF | PERSON_AND_CARER),
    Page("reviews:review_start", lambda s: {"plan_pk": s.agreed}, STAFF),
    Page("reviews:review", lambda s: {"pk": s.review}, STAFF),
    Page("reviews:review_finalise", lambda s: {"pk": s.review}, STAFF),
    Page("reviews:review_document", lambda s: {"pk": s.final_review}, SEES_PERSON - {"provider"}),
    Page("reviews:review_send", lambda s: {"pk": s.final_review}, STAFF),
    Page("reviews:outcome_add", lambda s: {"pk": s.review}, STAFF),
    Page(
        "reviews:outcome_change",
        lambda s: {"pk": s.review, "outcome_pk": s.review_outcome},
        STAFF,
    ),
    Page(
        "reviews:outcome_remove",
        lambda s: {"pk": s.review, "outcome_pk": s.review_outcome},
        STAFF,
    ),
    # Providers are the ones consulted, not the ones answering.
    Page("reviews:consultation", lambda s: {"person_pk": s.person}, STAFF | PERSON_AND_CARER),
    # Carers and providers do not see who else the worker has been in touch with.
    Page("reviews:contacts", lambda s: {"plan_pk": s.agreed}, STAFF | frozenset({"person"})),
    Page("reviews:contact_add", lambda s: {"plan_pk": s.agreed}, STAFF),
    Page("reviews:timescales", lambda s: {}, ADMINISTRATOR, about=NOTHING),
    Page("administration:home", lambda s: {}, ADMINISTRATOR, about=NOTHING),
    Page("administration:users", lambda s: {}, ADMINISTRATOR, about=NOTHING),
    Page("administration:user_add", lambda s: {}, ADMINISTRATOR, about=NOTHING),
    Page("administration:user", lambda s: {"pk": s.worker}, ADMINISTRATOR, about=ORGANISATION),
    Page(
        "administration:user_change", lambda s: {"pk": s.worker}, ADMINISTRATOR, about=ORGANISATION
    ),
    Page(
        "administration:user_active", lambda s: {"pk": s.worker}, ADMINISTRATOR, about=ORGANISATION
    ),
    Page(
        "administration:user_second_factor",
        lambda s: {"pk": s.worker},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    Page("administration:teams", lambda s: {}, ADMINISTRATOR, about=NOTHING),
    Page("administration:team_add", lambda s: {}, ADMINISTRATOR, about=NOTHING),
    Page("administration:team_change", lambda s: {"pk": s.team}, ADMINISTRATOR, about=ORGANISATION),
    Page("administration:organisation", lambda s: {}, ADMINISTRATOR, about=NOTHING),
    # Systems using the API: service accounts and their tokens.
    Page("administration:service_accounts", lambda s: {}, ADMINISTRATOR, about=NOTHING),
    Page("administration:service_account_add", lambda s: {}, ADMINISTRATOR, about=NOTHING),
    Page(
        "administration:service_account",
        lambda s: {"pk": s.service_account},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    Page(
        "administration:token_revoke",
        lambda s: {"pk": s.service_account, "token_pk": s.api_token},
        ADMINISTRATOR,
        about=ORGANISATION,
    ),
    # The REST API (tandem/interop/api): the same rules as the pages it mirrors; signed out is
    # a 401 problem, not a redirect to sign in. Its description and docs are open to anyone.
    Page("api:schema", lambda s: {}, PUBLIC, about=NOTHING),
    Page("api:docs", lambda s: {}, PUBLIC, about=NOTHING),
    Page("api:people", lambda s: {}, SIGNED_IN, about=NOTHING, statuses=API),
    Page("api:person", lambda s: {"pk": s.person}, SEES_PERSON, writers=STAFF, statuses=API),
    Page("api:circle", lambda s: {"pk": s.person}, SEES_PERSON, writers=STAFF, statuses=API),
    Page("api:person_plans", lambda s: {"pk": s.person}, SEES_PERSON, statuses=API),
    Page("api:budget", lambda s: {"pk": s.person}, STAFF | PERSON_AND_CARER, statuses=API),
    Page("api:reviews", lambda s: {"pk": s.person}, SEES_PERSON - {"provider"}, statuses=API),
    Page("api:progress", lambda s: {"pk": s.person}, SEES_PERSON - {"provider"}, statuses=API),
    Page("api:plan", lambda s: {"pk": s.draft}, SEES_PERSON, statuses=API),
    Page("api:plan_parts", lambda s: {"pk": s.draft, "kind": "outcome"}, DRAFTERS, statuses=API),
    Page(
        "api:plan_part",
        lambda s: {"pk": s.draft, "kind": "outcome", "part_pk": s.outcome},
        DRAFTERS,
        statuses=API,
    ),
    Page(
        "api:action_progress",
        lambda s: {"pk": s.agreed, "action_pk": s.action},
        STAFF | frozenset({"person"}),
        statuses=API,
    ),
    Page(
        "api:worklist",
        lambda s: {},
        WORKERS | {"worker_without_organisation"},
        about=NOTHING,
        statuses=API,
    ),
    Page("audit:log", lambda s: {}, ALL_MANAGERS | ADMINISTRATOR, about=NOTHING),
    Page("audit:record_access", lambda s: {"pk": s.person}, STAFF | frozenset({"person"})),
    # Consent and emergency access (break-glass). Staff outside the person's teams may open the
    # record in an emergency; the person's own staff are sent to the record instead.
    Page("people:emergency_search", lambda s: {}, WORKERS, about=NOTHING),
    Page(
        "people:break_glass",
        lambda s: {"pk": s.person},
        STAFF | {"other_team_worker", "other_team_manager"},
        # Roles that may never open a record in an emergency are refused before it is looked up.
        statuses=dict.fromkeys(STAFF, 302) | dict.fromkeys(SIGNED_IN - WORKERS, 403),
    ),
    # Reviewed by the managers of the person's team (and of the practitioner's, not in the cast);
    # to anyone else the review does not exist.
    Page(
        "people:break_glass_review",
        lambda s: {"grant_pk": s.grant},
        MANAGERS,
        about=NOTHING,
        statuses=dict.fromkeys(SIGNED_IN - MANAGERS, 404),
    ),
    Page(
        "people:break_glass_reviewed",
        lambda s: {"grant_pk": s.grant},
        MANAGERS,
        about=NOTHING,
        statuses=dict.fromkeys(SIGNED_IN - MANAGERS, 404),
    ),
    Page("people:sharing_review", lambda s: {"pk": s.person}, STAFF),
    Page("people:consent", lambda s: {"pk": s.person, "member_pk": s.member}, STAFF),
    Page("people:consent_give", lambda s: {"pk": s.person, "member_pk": s.member}, STAFF),
    Page(
        "people:consent_withdraw",
        lambda s: {"pk": s.person, "member_pk": s.member, "consent_pk": s.consent},
        STAFF,
    ),
    # Data rights: staff of the person's team; the retention setting is the administrator's.
    Page("records:everything_held", lambda s: {"pk": s.person}, STAFF),
    Page(
        "records:everything_held_download",
        lambda s: {"pk": s.person, "export_pk": s.export},
        STAFF,
    ),
    Page("records:close", lambda s: {"pk": s.person}, STAFF),
    Page("records:reopen", lambda s: {"pk": s.person}, STAFF, get=302),
    Page("records:retention", lambda s: {}, ADMINISTRATOR, about=NOTHING),
    # Copies (issue 10): staff send them and watch them being made; a copy opens for its
    # recipient (here the person) and staff, and is not there for anyone else.
    Page("copies:send_plan", lambda s: {"plan_pk": s.agreed, "number": 1}, STAFF),
    Page("copies:plan_progress", lambda s: {"plan_pk": s.agreed, "number": 1}, STAFF),
    Page("copies:send_review", lambda s: {"pk": s.final_review}, STAFF),
    Page("copies:review_progress", lambda s: {"pk": s.final_review}, STAFF),
    Page("copies:person", lambda s: {"pk": s.person}, SEES_PERSON),
    Page(
        "copies:download",
        lambda s: {"pk": s.copy_ready},
        STAFF | frozenset({"person"}),
        # Not sent to them: a copy they were not sent does not exist for them.
        statuses={"carer": 404, "provider": 404},
    ),
    Page("copies:letter", lambda s: {"pk": s.copy_to_post}, STAFF),
    Page("copies:retry", lambda s: {"pk": s.copy_failed}, STAFF),
    Page("copies:posted", lambda s: {"pk": s.copy_to_post}, STAFF),
    # Every member of staff has a list to post, with nothing on it outside their teams.
    Page(
        "copies:to_post",
        lambda s: {},
        WORKERS | {"worker_without_organisation"},
        about=NOTHING,
    ),
    # Worklist, calendar and reminders: staff's own.
    # A worker outside any organisation has a worklist, with nothing on it.
    Page("worklist:list", lambda s: {}, WORKERS | {"worker_without_organisation"}, about=NOTHING),
    Page("worklist:dashboard", lambda s: {}, ALL_MANAGERS, about=NOTHING),
    Page("worklist:figure", lambda s: {"slug": "overdue"}, ALL_MANAGERS, about=NOTHING),
    # The worklist and the dashboard's tables and lists as spreadsheets: as their pages.
    Page(
        "worklist:list_csv", lambda s: {}, WORKERS | {"worker_without_organisation"}, about=NOTHING
    ),
    Page("worklist:figure_csv", lambda s: {"slug": "overdue"}, ALL_MANAGERS, about=NOTHING),
    Page("worklist:figure_table_csv", lambda s: {"slug": "overdue"}, ALL_MANAGERS, about=NOTHING),
    Page("worklist:escalation", lambda s: {}, ADMINISTRATOR, about=NOTHING),
    Page("worklist:calendar", lambda s: {}, WORKERS, about=NOTHING),
    # FHIR R4 for health partners (tandem/interop/fhir): the CapabilityStatement is public;
    # a person's $everything is for whoever may see them (a provider gets their part of the
    # plan), importing a plan for whoever may draft one. Signed out, a system gets a 401.
    Page("fhir:metadata", lambda s: {}, PUBLIC, about=NOTHING),
    Page("fhir:everything", lambda s: {"pk": s.person}, SEES_PERSON, statuses={ANONYMOUS: 401}),
    # An allowed role posting no FHIR JSON gets 415; the import's own tests post real bundles.
    Page("fhir:import_plan", lambda s: {"pk": s.person}, DRAFTERS, statuses={ANONYMOUS: 401}),
    # Anyone may read that Tandem sends them no reminders; those it sends them to choose.
    Page(
        "reminders:settings",
        lambda s: {},
        SIGNED_IN,
        about=NOTHING,
        writers=WORKERS | PEOPLE_AND_CARERS,
    ),
]


def url_names(patterns=None, namespace: str = "") -> Iterator[str]:
    """Every named URL of the site but Django's admin (an operators' tool, see docs/security.md),
    as `namespace:name`."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def build_scene(cast: Cast) -> SimpleNamespace:
    """One person with a record in every state a page needs: an agreed plan (version 1, issued,
    with a disagreement, a review with an outcome, a contact) and its new draft (version 2, with
    an outcome, a trade-off and a budget decision asked for), a safeguarding concern, a circle
    member; the organisation's budget scheme and catalogue; a calendar feed."""
    from tandem.budgets.models import BudgetDecision
    from tandem.budgets.tests.setup_helpers import make_adjustment, make_scheme, make_service
    from tandem.budgets.tests.tradeoff_parts import add_comparison
    from tandem.copies.models import Copy
    from tandem.copies.tests.helpers import make_copy
    from tandem.interop.services import api_token_create, service_account_create
    from tandem.people.consent import consent_give
    from tandem.people.emergency import break_glass_open
    from tandem.people.models import ConsentRecord
    from tandem.people.services import safeguarding_raise
    from tandem.plans.services.versions import plan_start_new_version
    from tandem.plans.tests.helpers import build_agreed_plan
    from tandem.records.models import SubjectAccessExport
    from tandem.reviews.models import ReviewOutcome
    from tandem.reviews.services import review_start
    from tandem.reviews.tests.history_helpers import final_review as make_final_review
    from tandem.worklist.calendar import services as calendar

    person, worker = cast.person, cast.worker
    organisation = person.organisation
    agreed, issue = build_agreed_plan(person=person, actor=worker)
    copy_ready = make_copy(issue, recipient_user=person.user)
    copy_to_post = make_copy(issue, form="large_print", route="post", status=Copy.Status.TO_POST)
    copy_failed = make_copy(issue, form="easy_read", status=Copy.Status.FAILED)
    disagreement = agreed.disagreements.create(
        organisation=organisation,
        section="support",
        raised_by="Jo",
        raised_on=datetime.date(2025, 3, 10),
        details="Too early in the morning",
        recorded_by=worker,
    )
    final_review = make_final_review(person, agreed, worker, datetime.date(2025, 9, 1), [None])
    review = review_start(plan=agreed, actor=worker)
    review_outcome = ReviewOutcome.objects.create(
        review=review, words="Go back to work", achieve_by=datetime.date(2030, 1, 1)
    )
    draft = plan_start_new_version(plan=agreed, actor=worker)
    outcome = draft.outcomes.first()
    trade_off, (option, _other) = add_comparison(draft, worker, outcome=outcome)
    decision = BudgetDecision.objects.create(
        organisation=organisation,
        plan=draft,
        over_budget=True,
        reason="Two carers",
        budget_weekly="250.00",
        total_weekly="250.00",
        one_off_total="0.00",
        requested_by=worker,
    )
    referral = safeguarding_raise(
        person=person, plan=None, concern="Bruises on her arm", immediate_risk=False, actor=worker
    )
    admin = cast.users.get("administrator") or testing.make_user(
        organisation, role=Role.ADMINISTRATOR
    )
    scheme = make_scheme(organisation, admin, questions=1)
    question = scheme.questions.get()
    issued = calendar.calendar_link_issue(user=worker, revision=0)
    # A system using the API, in no team (so it changes no one's relationship with the person).
    service_account = service_account_create(
        organisation=organisation,
        actor=admin,
        name="Health partner",
        role=Role.SOCIAL_WORKER,
        teams=[],
    )
    api_token = api_token_create(account=service_account, actor=admin, name="Live").token
    member = testing.make_circle_member(person, name="Sunil Friend", consent_to_share=False)
    consent = consent_give(
        member=member,
        actor=worker,
        purpose=ConsentRecord.Purpose.CONSULT_AT_REVIEWS,
        given_by=ConsentRecord.GivenBy.PERSON,
        method=ConsentRecord.Method.IN_PERSON,
        given_on=datetime.date(2025, 3, 1),
    )
    # A practitioner of another team (not one of the cast, whose relationships it would change)
    # opened the record in an emergency, for the person's team manager to review.
    duty = testing.make_worker(organisation, testing.make_team(organisation))
    grant = break_glass_open(
        person=person, actor=duty, reason="Called by the police at night, no one else on duty"
    )
    export = SubjectAccessExport.objects.create(
        organisation=organisation,
        person=person,
        requested_by=worker,
        status=SubjectAccessExport.Status.READY,
        finished_at=timezone.now(),
        archive=b"an archive",
        archive_size=10,
    )
    return SimpleNamespace(
        copy_ready=copy_ready,
        copy_to_post=copy_to_post,
        copy_failed=copy_failed,
        export=export,
        service_account=service_account,
        api_token=api_token,
        person=person,
        worker=worker,
        team=person.team,
        member=member,
        consent=consent,
        grant=grant,
        referral=referral,
        agreed=agreed,
        disagreement=disagreement,
        action=agreed.actions.first(),
        review=review,
        final_review=final_review,
        review_outcome=review_outcome,
        draft=draft,
        outcome=outcome,
        trade_off=trade_off,
        option=option,
        decision=decision,
        scheme=scheme,
        question=question,
        answer=question.answers.first(),
        adjustment=make_adjustment(scheme),
        service=make_service(organisation),
        feed_token=issued.url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".ics"),
    )
