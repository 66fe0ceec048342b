"""Who saw or changed which record, when. Rows are only ever added."""

from django.conf import settings
from django.db import models

from tandem.accounts.models import Organisation


class AuditAction(models.TextChoices):
    """Every kind of event the audit trail records: a typed list, never free text."""

    PERSON_CREATE = "person.create", "Added a person"
    PERSON_UPDATE = "person.update", "Changed a person's details"
    PERSON_VIEW = "person.view", "Viewed a person's record"
    PERSON_EDIT_VIEW = "person.edit.view", "Opened a person's details to change them"
    CIRCLE_ADD = "person.circle.add", "Added someone to a circle of support"
    CIRCLE_UPDATE = "person.circle.update", "Changed someone in a circle of support"
    CIRCLE_VIEW = "person.circle.view", "Viewed someone in a circle of support"
    SAFEGUARDING_RAISE = "safeguarding.raise", "Raised a safeguarding concern"
    SAFEGUARDING_VIEW = "safeguarding.view", "Viewed a safeguarding concern"
    SAFEGUARDING_LIST_VIEW = "safeguarding.list.view", "Viewed the list of safeguarding concerns"
    SAFEGUARDING_ACKNOWLEDGE = "safeguarding.acknowledge", "Acknowledged a safeguarding concern"
    PLAN_CREATE = "plan.create", "Started a plan"
    PLAN_VIEW = "plan.view", "Viewed a plan"
    SECTION_UPDATE = "plan.section.update", "Changed a section of a plan"
    SECTION_MARK = "plan.section.mark", "Marked a section of a plan"
    PART_CREATE = "plan.part.create", "Added a part to a plan"
    PART_UPDATE = "plan.part.update", "Changed a part of a plan"
    PART_DELETE = "plan.part.delete", "Removed a part of a plan"
    ELEMENT_NOT_APPLICABLE = "plan.element.not_applicable", "Marked an element not applicable"
    SEND_FOR_AGREEMENT = "plan.send_for_agreement", "Sent a plan for agreement"
    AGREE = "plan.agree", "Recorded agreement to a plan"
    DISAGREEMENT_ADD = "plan.disagreement.add", "Added an area of disagreement"
    DISAGREEMENT_DECIDE = "plan.disagreement.decide", "Decided on a disagreement"
    NEW_VERSION = "plan.new_version", "Started a new version of a plan"
    PLAN_END = "plan.end", "Ended a plan"
    DOCUMENT_VIEW = "plan.document.view", "Viewed a plan document"
    ISSUE_VIEW = "plan.issue.view", "Viewed an issued copy of a plan"
    COMPARE_VIEW = "plan.compare.view", "Compared versions of a plan"
    # Budgets (P5, P7, P8)
    SCHEME_CHANGE = "budgets.scheme.change", "Changed the resource allocation scheme"
    SCHEME_PUBLISH = (
        "budgets.scheme.publish",
        "Put a version of the resource allocation scheme in use",
    )
    CATALOGUE_CHANGE = "budgets.catalogue.change", "Changed the list of services and unit costs"
    BUDGET_VIEW = "budgets.person.view", "Viewed a person's budget"
    INDICATIVE_BUDGET = "budgets.indicative", "Worked out or recorded an indicative budget"
    FINANCIAL_ASSESSMENT = "budgets.financial_assessment", "Recorded a financial assessment"
    DECISION_ASK = "budgets.decision.ask", "Asked a manager to decide on a plan's cost"
    DECISION_DECIDE = "budgets.decision.decide", "Decided on a plan's cost"
    DECISION_WITHDRAW = "budgets.decision.withdraw", "Withdrew a request for a decision"
    DECISION_QUEUE_VIEW = "budgets.decision.queue.view", "Viewed the decisions waiting"
    DECISION_VIEW = "budgets.decision.view", "Viewed a request for a decision"
    OPTION_CHOOSE = "plan.option.choose", "Chose an option into a plan"
    # Between reviews (issue 7)
    ACTION_PROGRESS = "review.progress", "Recorded progress on an action"
    CARRYING_OUT_VIEW = "review.carrying_out.view", "Viewed how the plan is being carried out"
    REVIEW_TRIGGER = "review.trigger", "Recorded something that calls for a review"
    REVIEW_START = "review.start", "Started a review record"
    REVIEW_UPDATE = "review.update", "Changed a review record"
    REVIEW_FINALISE = "review.finalise", "Finalised a review record"
    REVIEW_VIEW = "review.view", "Viewed a review record"
    CONSULTATION_VIEW = "review.consultation.view", "Viewed a review consultation"
    CONSULTATION_RECORD = "review.consultation", "Recorded a review consultation"
    CONTACT_RECORD = "review.contact", "Recorded a contact between reviews"
    CONTACTS_VIEW = "review.contacts.view", "Viewed contacts between reviews"
    REVIEW_OUTCOME = "review.outcome", "Recorded a new or different outcome at a review"
    TIMESCALES_CHANGE = "organisation.timescales", "Changed the review timescales"
    # A worker's private calendar feed (issue 8). The feed's secret is never in an event.
    CALENDAR_CREATE = "worklist.calendar.create", "Made a private calendar link"
    CALENDAR_RENEW = "worklist.calendar.renew", "Renewed their private calendar link"
    CALENDAR_REVOKE = "worklist.calendar.revoke", "Turned off their private calendar link"
    CALENDAR_NAMES = "worklist.calendar.names", "Chose whether names show in their calendar"
    CALENDAR_VIEW = "worklist.calendar.view", "Their calendar app read their calendar feed"
    # Worklists and the team manager's dashboard (issue 8)
    DASHBOARD_VIEW = "worklist.dashboard.view", "Viewed the team dashboard"
    ESCALATION_CHANGE = "organisation.escalation", "Changed when overdue work is escalated"
    # Reminders (issue 8)
    REMINDERS_CHANGE = "reminders.settings", "Changed their reminder settings"
    # Signing in (issue 9). A failed sign-in for a username no one has has no actor.
    SIGN_IN = "auth.sign_in", "Signed in"
    SIGN_IN_FAILED = "auth.sign_in_failed", "Failed to sign in"
    SIGN_OUT = "auth.sign_out", "Signed out"
    SESSION_EXPIRED = "auth.session_expired", "Was signed out after a time without activity"
    LOCKED_OUT = "auth.locked_out", "Was locked out after repeated failed sign-ins"
    UNLOCK = "auth.unlock", "Unlocked a sign-in after repeated failures"
    SECOND_FACTOR_ENROL = "auth.second_factor.enrol", "Set up a second factor for signing in"
    SECOND_FACTOR_FAILED = "auth.second_factor.failed", "Gave a wrong second-factor code"
    SECOND_FACTOR_RESET = "auth.second_factor.reset", "Reset someone's second factor (lost phone)"
    RECOVERY_CODES = "auth.recovery_codes", "Made new recovery codes"
    RECOVERY_CODE_USED = "auth.recovery_code_used", "Signed in with a recovery code"
    SIGN_IN_SETTINGS = "organisation.sign_in", "Changed the sign-in and session settings"
    # Lists and searches of people (issue 9)
    PEOPLE_LIST_VIEW = "people.list.view", "Viewed a list of people"
    PEOPLE_SEARCH_VIEW = "people.search.view", "Searched for people"
    WORKLIST_VIEW = "worklist.list.view", "Viewed a worklist"
    # Opening a record outside one's relationship, with a reason (issue 9)
    BREAK_GLASS = "access.break_glass", "Opened a record outside their work, with a reason"
    BREAK_GLASS_END = "access.break_glass.end", "Ended emergency access to a record"
    BREAK_GLASS_VIEW = "access.break_glass.view", "Read an emergency access to review it"
    BREAK_GLASS_REVIEW = "access.break_glass.review", "Reviewed an emergency access to a record"
    # Consent to share, as a record (issue 9)
    CONSENT_GIVE = "person.consent.give", "Recorded consent to share"
    CONSENT_WITHDRAW = "person.consent.withdraw", "Recorded that consent to share was withdrawn"
    SHARING_REVIEW = "person.sharing.review", "Reviewed who a plan is shared with"
    # Administration through Tandem's own pages (issue 9)
    USER_CREATE = "admin.user.create", "Added a user"
    USER_UPDATE = "admin.user.update", "Changed a user's role, teams or details"
    USER_DEACTIVATE = "admin.user.deactivate", "Stopped a user signing in"
    USER_REACTIVATE = "admin.user.reactivate", "Let a user sign in again"
    TEAM_CREATE = "admin.team.create", "Added a team"
    TEAM_UPDATE = "admin.team.update", "Changed a team"
    ORGANISATION_UPDATE = "admin.organisation.update", "Changed the organisation's details"
    # Systems using the API (issue 10): service accounts' tokens.
    API_TOKEN_CREATE = "admin.api_token.create", "Made an API token for a service account"
    API_TOKEN_REVOKE = "admin.api_token.revoke", "Revoked an API token"
    SERVICE_ACCOUNT_CREATE = "admin.service_account.create", "Added a service account"
    # Staff's own details are personal data too: reading them is audited like any record.
    USERS_VIEW = "admin.users.view", "Viewed or searched the list of users"
    USER_VIEW = "admin.user.view", "Viewed a user's details"
    # The audit trail itself (issue 9): reading it is seeing personal data too.
    AUDIT_LOG_VIEW = "audit.log.view", "Viewed the audit log"
    OWN_ACCESS_VIEW = "audit.own.view", "Viewed who has looked at their own record"
    # Data rights (issue 9)
    SUBJECT_ACCESS_EXPORT = "person.subject_access", "Exported everything held about a person"
    SUBJECT_ACCESS_REQUEST = (
        "person.subject_access.request",
        "Asked for an archive of everything held about a person",
    )
    RECORD_CLOSE = "person.close", "Closed a person's record"
    RECORD_REOPEN = "person.reopen", "Reopened a person's record"
    ANONYMISE = "person.anonymise", "Anonymised a closed record after its retention period"
    RETENTION_CHANGE = "organisation.retention", "Changed how long closed records are kept"
    # FHIR R4 for health partners (issue 10)
    FHIR_EVERYTHING_VIEW = "interop.fhir.everything.view", "Read a person's record through FHIR"
    FHIR_IMPORT = "interop.fhir.import", "Imported a plan from FHIR"
    # Copies people can use (issue 10)
    COPY_SEND = "copy.send", "Sent copies of a plan or review record"
    COPY_RETRY = "copy.retry", "Tried again to make a copy that could not be made"
    COPY_EMAIL = "copy.email", "Emailed a copy"
    COPY_POSTED = "copy.posted", "Marked a copy as posted"
    COPY_VIEW = "copy.view", "Downloaded or played a copy, or printed its covering letter"


# Reading a record, as opposed to changing it.
VIEW_ACTIONS = frozenset(a for a in AuditAction if a.value.endswith(".view"))
# Never shown to everyone who can see a plan (it could warn the person a concern is about them).
SAFEGUARDING_ACTIONS = frozenset(a for a in AuditAction if a.value.startswith("safeguarding."))


class AppendOnlyError(RuntimeError):
    """An audit event was about to be changed or removed: the trail only ever grows."""


def _refuse(what: str) -> AppendOnlyError:
    return AppendOnlyError(f"Audit events cannot be {what}: the audit trail only ever grows.")


class AuditEventQuerySet(models.QuerySet):
    """Reads and inserts only: every way the ORM changes or removes rows in bulk refuses."""

    def update(self, **kwargs):
        raise _refuse("changed")

    def bulk_update(self, objs, fields, batch_size=None):
        raise _refuse("changed")

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        raise _refuse("changed")

    def delete(self):
        raise _refuse("removed")

    delete.queryset_only = True  # type: ignore[attr-defined]

    def _raw_delete(self, using):
        raise _refuse("removed")


class AuditEvent(models.Model):
    # Empty only for a failed sign-in with a username no one has (there is no one to name).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # PROTECT, not SET_NULL: setting the plan to null would change an audit row (which the
    # database refuses), and plans are never deleted (a new version is made instead).
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Not `choices=`: the typed list is enforced where events are written (services.audit_record),
    # so a new kind of event needs no migration of a table that only ever grows.
    action = models.CharField(max_length=60)
    summary = models.CharField(max_length=500)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # From where: the address the request came from (behind a proxy, as the proxy reported it);
    # empty for what the background worker or a command did.
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"]), models.Index(fields=["plan", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action}"

    def save(self, *args, **kwargs):
        """Insert only: a row already written is never saved again (on PostgreSQL and SQLite a
        database trigger refuses it too, see migration 0013)."""
        if not self._state.adding:
            raise _refuse("changed")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise _refuse("removed")


class RecordChange(models.Model):
    """A token that changes with every audited change to a person's record (not with a view).

    What is worked out from the record alone and kept to be read again – the due items in
    tandem.worklist.due – is kept under this token, so any change to the record means it is worked
    out afresh. Random, not a counter or an event's id: a token written in a transaction that is
    rolled back is never seen again, so nothing worked out inside it can be read as current."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    token = models.UUIDField()

    def __str__(self) -> str:
        return f"Latest change to person {self.person_id}"
