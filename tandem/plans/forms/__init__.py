"""Forms only parse and validate; the services in services/ make the change."""

from tandem.plans.forms.agreement import (
    AgreementForm,
    DecisionForm,
    DisagreementForm,
    EndPlanForm,
)
from tandem.plans.forms.items import ITEM_FORMS, NotApplicableForm
from tandem.plans.forms.sections import SECTION_FORMS, SectionCompletedForm

__all__ = [
    "ITEM_FORMS",
    "SECTION_FORMS",
    "AgreementForm",
    "DecisionForm",
    "DisagreementForm",
    "EndPlanForm",
    "NotApplicableForm",
    "SectionCompletedForm",
]
