"""Forms only parse and validate; the services in services/ make the change."""

from tandem.plans.forms.agreement import (
    AgreementForm,
    DecisionForm,
    DisagreementForm,
    EndPlanForm,
)
from tandem.plans.forms.items import NotApplicableForm
from tandem.plans.forms.sections import SectionCompletedForm

__all__ = [
    "AgreementForm",
    "DecisionForm",
    "DisagreementForm",
    "EndPlanForm",
    "NotApplicableForm",
    "SectionCompletedForm",
]
