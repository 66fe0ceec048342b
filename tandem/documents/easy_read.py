"""The easy-read copy of a plan and of a review record: headings as questions, one idea to a line,
short sentences, a picture beside each idea.

Built from the same plain data as the standard copy (a plan snapshot, a review record), as
sections of ideas; the easy-read PDF lays them out (documents/easy_read.html) and the audio copy
reads them aloud (`spoken_text`). What people wrote is cut into sentences of at most 15 words
(sentences.py); the words Tandem adds are written short to begin with. Nothing here reads the
database, so the copy is the same whenever it is made.
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.documents.sentences import short_sentences
from tandem.ui.templatetags.govuk import iso_date, money

# The pictograms shipped in documents/pictograms/, with what a screen reader says for each.
PICTURES = {
    "person": gettext_lazy("A person"),
    "star": gettext_lazy("A star"),
    "helpers": gettext_lazy("Two people helping"),
    "calendar": gettext_lazy("A calendar"),
    "money": gettext_lazy("Money"),
    "warning": gettext_lazy("A warning sign"),
    "check": gettext_lazy("A tick"),
    "phone": gettext_lazy("A phone"),
    "home": gettext_lazy("A house"),
    "heart": gettext_lazy("A heart"),
    "talk": gettext_lazy("A speech bubble"),
}


# Goal attainment levels (reviews/gas.py) in easy words: how it went against what was expected.
GAS_LEVELS = {
    -2: gettext_lazy("It went much worse than we expected."),
    -1: gettext_lazy("It went a bit worse than we expected."),
    0: gettext_lazy("It went as we expected."),
    1: gettext_lazy("It went a bit better than we expected."),
    2: gettext_lazy("It went much better than we expected."),
}


def idea(picture: str, *texts: str) -> dict[str, Any]:
    """One idea: its picture and its lines, each text cut into short sentences."""
    lines = [line for text in texts if text for line in short_sentences(str(text))]
    return {"picture": picture, "alt": str(PICTURES[picture]), "lines": lines}


def section(question: str, ideas: list[dict[str, Any]]) -> dict[str, Any]:
    return {"question": question, "ideas": [i for i in ideas if i["lines"]]}


def _when(action: dict[str, Any]) -> list[str]:
    when = []
    if action.get("due_on"):
        when.append(_("By %(date)s.") % {"date": iso_date(action["due_on"])})
    if action.get("starts_on"):
        when.append(_("From %(date)s.") % {"date": iso_date(action["starts_on"])})
    return [*when, action.get("frequency", "")]


def _wants(snapshot: dict[str, Any], name: str) -> dict[str, Any]:
    ideas = []
    for outcome in snapshot.get("outcomes") or []:
        by = outcome.get("achieve_by")
        ideas.append(
            idea(
                "star",
                outcome.get("words", ""),
                _("By %(date)s.") % {"date": iso_date(by)} if by else "",
            )
        )
        for indicator in outcome.get("indicators") or []:
            due = indicator.get("due_on")
            ideas.append(
                idea(
                    "check",
                    _("This is how we will know."),
                    indicator.get("description", ""),
                    _("We will check this by %(date)s.") % {"date": iso_date(due)} if due else "",
                )
            )
    return section(_("What does %(name)s want?") % {"name": name}, ideas)


def _helpers(snapshot: dict[str, Any]) -> dict[str, Any]:
    ideas = []
    for action in snapshot.get("actions") or []:
        who = action.get("responsible", "")
        ideas.append(
            idea(
                "helpers",
                action.get("description", ""),
                _("%(who)s will do this.") % {"who": who} if who else "",
                *_when(action),
            )
        )
    for support in snapshot.get("supports") or []:
        provider = support.get("provider", "")
        ideas.append(
            idea(
                "helpers",
                support.get("description", ""),
                _("%(who)s will help with this.") % {"who": provider} if provider else "",
                support.get("how_often", ""),
            )
        )
    return section(_("Who will help?"), ideas)


def _money(snapshot: dict[str, Any]) -> dict[str, Any]:
    budget = snapshot.get("budget") or {}
    figures = (snapshot.get("costing") or {}).get("figures") or {}
    arrangement = budget.get("arrangement_label", "")
    weekly = figures.get("total_weekly")
    return section(
        _("How will the money be used?"),
        [
            idea(
                "money",
                _("The money is paid as: %(how)s.") % {"how": arrangement} if arrangement else "",
                budget.get("budget_use", ""),
                _("The support costs %(amount)s a week.") % {"amount": money(weekly)}
                if weekly and weekly != "0.00"
                else "",
            )
        ],
    )


def _control(snapshot: dict[str, Any], name: str) -> dict[str, Any]:
    management = snapshot.get("management") or {}
    control = snapshot.get("control") or {}
    return section(
        _("How will %(name)s stay in control?") % {"name": name},
        [
            idea("person", management.get("support_management", "")),
            idea("person", management.get("who_leads", "")),
            idea("home", control.get("staying_in_control", "")),
        ],
    )


def _risks(snapshot: dict[str, Any]) -> dict[str, Any]:
    ideas = []
    for risk in snapshot.get("risks") or []:
        ideas.append(idea("warning", risk.get("description", ""), risk.get("how_managed", "")))
        if risk.get("contingency") or risk.get("triggers"):
            ideas.append(
                idea(
                    "phone",
                    _("If this happens, this is what we do."),
                    risk.get("triggers", ""),
                    risk.get("contingency", ""),
                )
            )
    return section(_("What if something goes wrong?"), ideas)


def _check(snapshot: dict[str, Any]) -> dict[str, Any]:
    dates = sorted(
        indicator["due_on"]
        for outcome in snapshot.get("outcomes") or []
        for indicator in outcome.get("indicators") or []
        if indicator.get("due_on")
    )
    first = (
        _("We will first check how things are going by %(date)s.") % {"date": iso_date(dates[0])}
        if dates
        else ""
    )
    coordinator = (snapshot.get("plan") or {}).get("coordinator", "")
    return section(
        _("When will we check?"),
        [
            idea(
                "calendar",
                first,
                _("We will look at the plan again at least once a year."),
                _("You can ask us to look at it sooner."),
            ),
            idea(
                "phone",
                _("Your plan coordinator is %(name)s.") % {"name": coordinator}
                if coordinator
                else "",
                _("Tell them if you want to change your plan."),
            ),
        ],
    )


def _agreed(snapshot: dict[str, Any]) -> dict[str, Any]:
    return section(
        _("Who agreed this plan?"),
        [
            idea(
                "check",
                _("%(name)s agreed on %(date)s.")
                % {"name": agreement.get("name", ""), "date": iso_date(agreement.get("agreed_on"))},
            )
            for agreement in snapshot.get("agreements") or []
        ],
    )


def _disagreements(snapshot: dict[str, Any]) -> dict[str, Any]:
    return section(
        _("Does anyone disagree?"),
        [
            idea(
                "talk",
                _("%(name)s does not agree with part of the plan.")
                % {"name": d.get("raised_by", "")},
                d.get("details", ""),
            )
            for d in snapshot.get("disagreements") or []
        ],
    )


def plan_easy_read(snapshot: dict[str, Any], *, part_notice: str = "") -> dict[str, Any]:
    """The easy-read plan: a plan snapshot (as this reader may see it) as questions and ideas.
    A provider's part (`part_notice` says so) leaves out what it does not hold."""
    name = (snapshot.get("person") or {}).get("known_as", "")
    important = snapshot.get("important") or {}
    intro = idea(
        "person",
        _("This is %(name)s’s plan.") % {"name": name},
        part_notice,
        _("It says what %(name)s wants, and who will help.") % {"name": name},
        _("It is not a contract."),
        _("You can ask to change it at any time."),
    )
    sections = [
        section(
            _("What is important to %(name)s?") % {"name": name},
            [
                idea("heart", important.get("important_to_me", "")),
                idea("star", important.get("strengths", "")),
            ],
        ),
        _wants(snapshot, name),
        _helpers(snapshot),
        _money(snapshot),
        _control(snapshot, name),
        _risks(snapshot),
        _check(snapshot),
        _agreed(snapshot),
        _disagreements(snapshot),
    ]
    return {
        "title": _("%(name)s’s plan in easy read") % {"name": name},
        "intro": intro,
        "sections": [s for s in sections if s["ideas"]],
    }


def _yes(value: bool, yes: str, no: str = "") -> str:
    return yes if value else no


def review_easy_read(record: dict[str, Any]) -> dict[str, Any]:
    """The easy-read review record: a review record (reviews/record.py) as questions and ideas."""
    name = record["person"]["known_as"]
    review = record["review"]
    intro = idea(
        "person",
        _("This is about %(name)s’s review.") % {"name": name},
        _("We met on %(date)s.") % {"date": iso_date(review["held_on"])},
        review.get("how_held_label", ""),
    )
    outcomes = []
    for evaluation in record["evaluations"]:
        level = evaluation.get("gas_level")
        outcomes.append(
            idea(
                "star",
                evaluation["outcome_words"],
                evaluation.get("rating_label", ""),
                evaluation.get("evidence", ""),
                str(GAS_LEVELS.get(level, "")),
            )
        )
    new = [
        idea(
            "star",
            outcome["words"],
            _("By %(date)s.") % {"date": iso_date(outcome["achieve_by"])},
        )
        for outcome in record["new_outcomes"]
    ]
    meets = review.get("services_meet_outcomes_label", "")
    sections = [
        section(
            _("Who was there?"),
            [
                idea(
                    "helpers",
                    review.get("who_took_part", ""),
                    _yes(review.get("advocate_present"), _("An advocate was there.")),
                )
            ],
        ),
        section(_("How did it go?"), outcomes),
        section(_("What does %(name)s want now?") % {"name": name}, new),
        section(
            _("What happens next?"),
            [
                idea(
                    "talk",
                    _yes(review.get("needs_changed"), _("Your needs have changed.")),
                    _yes(
                        review.get("new_assessment_needed"), _("We will look at your needs again.")
                    ),
                    _("Does your support help? %(answer)s.") % {"answer": meets} if meets else "",
                    review.get("what_must_change", ""),
                    _yes(review.get("new_plan_needed"), _("We will make a new plan with you.")),
                )
            ],
        ),
        section(
            _("When will we check?"),
            [
                idea(
                    "calendar",
                    _("Your next review is on %(date)s.")
                    % {"date": iso_date(review["next_review_on"])}
                    if review.get("next_review_on")
                    else "",
                    _("You can ask for a review at any time."),
                )
            ],
        ),
    ]
    return {
        "title": _("%(name)s’s review in easy read") % {"name": name},
        "intro": intro,
        "sections": [s for s in sections if s["ideas"]],
    }


def spoken_text(easy: dict[str, Any]) -> str:
    """The easy-read copy as text to read aloud: the title, then each question and its lines,
    a line each, so the voice pauses between them."""
    lines = [easy["title"] + ".", *easy["intro"]["lines"]]
    for part in easy["sections"]:
        lines.append(part["question"])
        lines.extend(line for i in part["ideas"] for line in i["lines"])
    return "\n".join(lines)
