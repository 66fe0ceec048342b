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


# Reading a record, as opposed to changing it.
VIEW_ACTIONS = frozenset(a for a in AuditAction if a.value.endswith(".view"))
# Never shown to everyone who can see a plan (it could warn the person a concern is about them).
SAFEGUARDING_ACTIONS = frozenset(a for a in AuditAction if a.value.startswith("safeguarding."))


class AuditEvent(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=60, choices=AuditAction.choices)
    summary = models.CharField(max_length=500)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"]), models.Index(fields=["plan", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action}"
