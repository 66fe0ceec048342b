"""P12: areas of life an outcome can be tagged with, from a framework the organisation chooses.

Codes are stable ("ascot:food_drink") so outcomes can be counted across people and years.
"""

from django.utils.translation import gettext_lazy as _

ASCOT = (
    ("ascot:control", _("Control over daily life")),
    ("ascot:personal_care", _("Personal cleanliness and comfort")),
    ("ascot:food_drink", _("Food and drink")),
    ("ascot:safety", _("Personal safety")),
    ("ascot:social", _("Social participation and involvement")),
    ("ascot:occupation", _("Occupation (doing things I value and enjoy)")),
    ("ascot:accommodation", _("Accommodation cleanliness and comfort")),
    ("ascot:dignity", _("Dignity")),
)

TALKING_POINTS = (
    (
        _("Quality of life"),
        (
            ("tp:safe", _("Feeling safe")),
            ("tp:things_to_do", _("Having things to do")),
            ("tp:seeing_people", _("Seeing people")),
            ("tp:staying_well", _("Staying as well as you can")),
            ("tp:living_as_want", _("Living where and as you want")),
            ("tp:stigma", _("Dealing with stigma and discrimination")),
        ),
    ),
    (
        _("Process"),
        (
            ("tp:listened_to", _("Listened to")),
            ("tp:having_say", _("Having a say")),
            ("tp:respect", _("Treated with respect")),
            ("tp:responded_to", _("Responded to")),
            ("tp:reliability", _("Reliability")),
        ),
    ),
    (
        _("Change"),
        (
            ("tp:confidence", _("Improved confidence and morale")),
            ("tp:skills", _("Improved skills")),
            ("tp:mobility", _("Improved mobility")),
            ("tp:symptoms", _("Reduced symptoms")),
        ),
    ),
)

WELLBEING = (
    ("wb:safe", _("Safe")),
    ("wb:healthy", _("Healthy")),
    ("wb:achieving", _("Achieving")),
    ("wb:nurtured", _("Nurtured")),
    ("wb:active", _("Active")),
    ("wb:respected", _("Respected")),
    ("wb:responsible", _("Responsible")),
    ("wb:included", _("Included")),
)


def _flatten(choices) -> dict[str, str]:
    labels = {}
    for code, label in choices:
        if isinstance(label, tuple):
            labels.update(_flatten(label))
        else:
            labels[code] = label
    return labels


LABELS = _flatten(ASCOT) | _flatten(TALKING_POINTS) | _flatten(WELLBEING)


def life_area_choices(*, organisation, age_group: str):
    """Children use the wellbeing indicators; adults the organisation's chosen framework."""
    if age_group == "child":
        choices = WELLBEING
    elif organisation.adult_outcome_framework == "talking_points":
        choices = TALKING_POINTS
    else:
        choices = ASCOT
    return (("", _("Choose an area of life")), *choices)


def life_area_label(code: str) -> str:
    return str(LABELS.get(code, ""))
