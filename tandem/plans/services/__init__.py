"""Every change to a plan goes through one of these functions (see each module's docstring)."""

from tandem.plans.services.agreement import (
    disagreement_add,
    disagreement_decide,
    issue_recipients,
    may_decide_disagreement,
    plan_record_agreement,
    plan_send_for_agreement,
)
from tandem.plans.services.editing import (
    CONFLICT_MESSAGE,
    REMOVED_MESSAGE,
    AgreementIncomplete,
    EditConflict,
    PlanError,
    PlanNotReady,
    not_applicable_revision_key,
    plan_create,
    plan_item_create,
    plan_item_delete,
    plan_item_update,
    plan_mark_not_applicable,
    plan_mark_section,
    plan_update_section,
)
from tandem.plans.services.versions import plan_end, plan_start_new_version

__all__ = [
    "CONFLICT_MESSAGE",
    "REMOVED_MESSAGE",
    "AgreementIncomplete",
    "EditConflict",
    "PlanError",
    "PlanNotReady",
    "disagreement_add",
    "disagreement_decide",
    "issue_recipients",
    "may_decide_disagreement",
    "not_applicable_revision_key",
    "plan_create",
    "plan_end",
    "plan_item_create",
    "plan_item_delete",
    "plan_item_update",
    "plan_mark_not_applicable",
    "plan_mark_section",
    "plan_record_agreement",
    "plan_send_for_agreement",
    "plan_start_new_version",
    "plan_update_section",
]
