"""P6: the seven headings a plan covers and its document shows, in their order.

The plan document and the comparison of two versions both walk these, so the person sees the same
questions, in the same order, wherever their plan is shown.
"""

from django.utils.translation import gettext_lazy as _

IMPORTANT = "important"
OUTCOMES = "outcomes"
SUPPORT = "support"
BUDGET = "budget"
MANAGEMENT = "management"
CONTROL = "control"
ACTIONS = "actions"

HEADINGS = {
    IMPORTANT: _("What is important to you?"),
    OUTCOMES: _("What do you want to change or achieve?"),
    SUPPORT: _("How will you be supported?"),
    BUDGET: _("How will you use your personal budget?"),
    MANAGEMENT: _("How will your support be managed?"),
    CONTROL: _("How will you stay in control of your life?"),
    ACTIONS: _("What is your action plan?"),
}
