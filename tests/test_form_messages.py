"""Every error message in every form of the project is written, never assembled from a label.

Labels are often questions ("Who agreed the plan for the person?"), and a message built from one
reads "Select the who agreed the plan for the person?". This walks every GOV.UK form class in the
project, builds each one, submits it empty and with wrong answers, and checks every message.
A new form class fails here until it is added to FORMS below, so it gets checked too.
"""

import functools
import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator

import pytest
from django import forms
from django.test import RequestFactory

import tandem
from tandem import testing
from tandem.audit.models import AuditAction
from tandem.budgets.models import Service, ServiceRate, TradeOffOption
from tandem.people.models import CircleMember, Person
from tandem.plans.models import Disagreement, Outcome
from tandem.plans.parts import registry
from tandem.plans.tests.helpers import snapshot_of
from tandem.ui.forms import (
    DJANGO_REQUIRED,
    FALLBACK_MESSAGES,
    GovukDateField,
    GovukDateWidget,
    GovukFormMixin,
)
from tandem.worklist.due import registry as due_registry

# Fields whose forms are being rewritten in other branches (documents/*, and the section forms in
# tandem/plans/forms/sections.py other than BudgetForm): they still use the generic messages.
# Write their messages there and remove them from here.
NOT_YET_WRITTEN = {
    ("AboutForm", "support_starts_on"),
    ("CompareForm", "from"),
    ("CompareForm", "to"),
}
# Bases that are never shown on their own.
BASES = {"GovukForm", "GovukModelForm", "PlanSectionForm", "PlanPartForm"}
QUESTION_WORDS = "who|what|how|when|where|why|which|whose|is|are|does|do|did|has|have|can|will"
ASSEMBLED = re.compile(rf"\b(select|enter|choose) the ({QUESTION_WORDS})\b", re.IGNORECASE)


@functools.cache
def project_form_classes() -> dict[str, type]:
    """Every GOV.UK form class defined in the project (outside tests), by name."""
    for module in pkgutil.walk_packages(tandem.__path__, "tandem."):
        last = module.name.rsplit(".", 1)[-1]
        if last == "forms" or last.startswith("forms_") or ".forms." in module.name:
            importlib.import_module(module.name)

    def subclasses(cls: type) -> Iterator[type]:
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return {
        cls.__name__: cls
        for cls in subclasses(GovukFormMixin)
        if cls.__module__.startswith("tandem.") and ".tests" not in cls.__module__
    }


class Cast:
    """The records the forms are built for: a person who lacks capacity (so every question is
    asked), their circle, a draft plan and a worker."""

    def __init__(self):
        self.org = testing.make_organisation()
        self.team = testing.make_team(self.org)
        self.worker = testing.make_worker(self.org, self.team)
        self.person = testing.make_person(
            self.org,
            self.team,
            allocated_worker=self.worker,
            capacity=Person.Capacity.LACKS_CAPACITY,
        )
        self.person_user = testing.make_user_for_person(self.person)
        self.member = testing.make_circle_member(self.person, kind=CircleMember.Kind.ADVOCATE)
        self.plan = testing.make_plan(self.person, self.worker)
        self.outcome = Outcome.objects.create(
            plan=self.plan,
            organisation=self.org,
            words="Get to the club",
            kind="change",
            achieve_by="2030-01-01",
        )


def _part_form(kind, c: Cast, data):
    """A part's form built the way the item pages build it."""
    instance = kind.model(plan=c.plan, organisation_id=c.org.pk)
    if kind.parent == "outcome":
        setattr(instance, kind.parent_field, c.outcome)
    kwargs = kind.form_kwargs(c.plan) if kind.form_kwargs else {}
    return kind.form_class()(data, instance=instance, **kwargs)


def _registered_forms() -> dict[str, list[Callable]]:
    """The forms of the plan's sections and parts, from the registry (and so of every app that
    registers a part)."""
    forms: dict[str, list[Callable]] = {}
    for section in registry.sections:
        if section.form:
            cls = section.form_class()
            forms[cls.__name__] = [
                lambda c, data, cls=cls: cls(data, instance=c.plan, actor=c.worker)
            ]
    for kind in registry.kinds.values():
        forms[kind.form_class().__name__] = [lambda c, data, kind=kind: _part_form(kind, c, data)]
    return forms


def _scheme(c: Cast):
    """The organisation's resource allocation scheme in use, made once for the cast."""
    if not hasattr(c, "scheme"):
        from tandem.budgets.tests.person_data import make_scheme

        c.scheme = make_scheme(c.org, c.worker)
    return c.scheme


def _scheme_key(scheme) -> str:
    from tandem.budgets.forms.person import scheme_key

    return scheme_key(scheme)


def _named(name: str) -> type:
    return project_form_classes()[name]


def _service(c: Cast) -> Service:
    service, _created = Service.objects.get_or_create(
        organisation=c.org, name="Home care", defaults={"unit": "hour"}
    )
    return service


# How to build each form: (cast, data) -> form. Some forms are built more than one way.
FORMS: dict[str, list[Callable]] = {
    "SignInForm": [
        lambda c, data: _named("SignInForm")(RequestFactory().post("/sign-in/"), data=data)
    ],
    "SecondFactorForm": [lambda c, data: _named("SecondFactorForm")(data)],
    "EnrolForm": [lambda c, data: _named("EnrolForm")(data)],
    "SignInSettingsForm": [lambda c, data: _named("SignInSettingsForm")(data)],
    "PersonForm": [
        lambda c, data: _named("PersonForm")(data, actor=c.worker),
        lambda c, data: _named("PersonForm")(data, actor=c.worker, person=c.person),
    ],
    "CircleMemberForm": [
        lambda c, data: _named("CircleMemberForm")(data),
        lambda c, data: _named("CircleMemberForm")(data, member=c.member),
    ],
    "SafeguardingForm": [lambda c, data: _named("SafeguardingForm")(data)],
    "SafeguardingAcknowledgeForm": [lambda c, data: _named("SafeguardingAcknowledgeForm")(data)],
    "PeopleSearchForm": [lambda c, data: _named("PeopleSearchForm")(data)],
    "ConsentGiveForm": [lambda c, data: _named("ConsentGiveForm")(data)],
    "ConsentWithdrawForm": [lambda c, data: _named("ConsentWithdrawForm")(data)],
    "EmergencySearchForm": [lambda c, data: _named("EmergencySearchForm")(data)],
    "BreakGlassForm": [lambda c, data: _named("BreakGlassForm")(data)],
    "WorklistFilterForm": [
        lambda c, data: _named("WorklistFilterForm")(
            data, kinds=due_registry.ordered(), people=[c.person]
        )
    ],
    "AuditLogFilterForm": [
        lambda c, data: _named("AuditLogFilterForm")(data, actions=list(AuditAction))
    ],
    "AgreementForm": [lambda c, data: _named("AgreementForm")(data, person=c.person)],
    "DisagreementForm": [
        lambda c, data: _named("DisagreementForm")(data, actor=c.worker, **_disagreeing(c)),
        lambda c, data: _named("DisagreementForm")(data, actor=c.person_user, **_disagreeing(c)),
    ],
    "DecisionForm": [
        lambda c, data: _named("DecisionForm")(data, instance=Disagreement(plan=c.plan))
    ],
    "EndPlanForm": [lambda c, data: _named("EndPlanForm")(data)],
    "SectionCompletedForm": [lambda c, data: _named("SectionCompletedForm")(data)],
    "NotApplicableForm": [lambda c, data: _named("NotApplicableForm")(data)],
    "CompareForm": [
        lambda c, data: _named("CompareForm")(data, choices=[("1", "Version 1"), ("2", "V 2")])
    ],
    "RasForm": [
        lambda c, data: _named("RasForm")(data, scheme=_scheme(c)),
        # Made for the scheme in use, so the questions' own messages are checked too.
        lambda c, data: _named("RasForm")(
            {**data, "scheme_key": _scheme_key(_scheme(c))}, scheme=_scheme(c)
        ),
    ],
    "OutsideBudgetForm": [lambda c, data: _named("OutsideBudgetForm")(data)],
    "FinancialAssessmentForm": [lambda c, data: _named("FinancialAssessmentForm")(data)],
    "DecisionAskForm": [lambda c, data: _named("DecisionAskForm")(data)],
    "DecisionDecideForm": [lambda c, data: _named("DecisionDecideForm")(data)],
    "SchemeDetailsForm": [
        lambda c, data: _named("SchemeDetailsForm")(data),
        lambda c, data: _named("SchemeDetailsForm")(data, instance=_scheme(c)),
    ],
    "SchemeQuestionForm": [lambda c, data: _named("SchemeQuestionForm")(data)],
    "SchemeAnswerForm": [lambda c, data: _named("SchemeAnswerForm")(data)],
    "SchemeAdjustmentForm": [lambda c, data: _named("SchemeAdjustmentForm")(data)],
    "CatalogueServiceForm": [
        lambda c, data: _named("CatalogueServiceForm")(data),
        lambda c, data: _named("CatalogueServiceForm")(data, instance=_service(c)),
    ],
    "CatalogueRateForm": [
        lambda c, data: _named("CatalogueRateForm")(data, instance=ServiceRate(service=_service(c)))
    ],
    "ChooseOptionForm": [
        lambda c, data: _named("ChooseOptionForm")(data, option=TradeOffOption(weekly_cost=10)),
        lambda c, data: _named("ChooseOptionForm")(data, option=TradeOffOption(one_off_cost=1)),
        lambda c, data: _named("ChooseOptionForm")(data, option=TradeOffOption()),
        lambda c, data: _named("ChooseOptionForm")(
            {"funded_by": "personal_budget", **data}, option=TradeOffOption(weekly_cost=10)
        ),
    ],
    "ProgressForm": [
        lambda c, data: _named("ProgressForm")(data, agreed_on=c.plan.created_at.date())
    ],
    "TriggerForm": [
        lambda c, data: _named("TriggerForm")(data),
        lambda c, data: _named("TriggerForm")(data, kinds=["asked"]),
    ],
    "ReviewForm": [
        lambda c, data: _named("ReviewForm")(
            data, plan=c.plan, outcomes=list(c.plan.outcomes.all())
        )
    ],
    "ReviewFinaliseForm": [lambda c, data: _named("ReviewFinaliseForm")(data)],
    "ContactForm": [
        lambda c, data: _named("ContactForm")(data, person=c.person, first_plan_on=None),
        lambda c, data: _named("ContactForm")(
            {"who": "other", **data}, person=c.person, first_plan_on=c.plan.created_at.date()
        ),
    ],
    "ReviewRequestForm": [
        lambda c, data: _named("ReviewRequestForm")(data),
        lambda c, data: _named("ReviewRequestForm")(data, for_self=False),
    ],
    "TimescalesForm": [lambda c, data: _named("TimescalesForm")(data)],
    "RetentionForm": [lambda c, data: _named("RetentionForm")(data)],
    "ExportForm": [lambda c, data: _named("ExportForm")({**data, "withhold_safeguarding": "on"})],
    "CloseRecordForm": [lambda c, data: _named("CloseRecordForm")(data)],
    "ReopenRecordForm": [lambda c, data: _named("ReopenRecordForm")(data)],
    "CalendarForm": [lambda c, data: _named("CalendarForm")(data)],
    "EscalationForm": [lambda c, data: _named("EscalationForm")(data)],
    "ConsultationForm": [
        lambda c, data: _named("ConsultationForm")(data, providers=[]),
        lambda c, data: _named("ConsultationForm")(data, providers=_providers()),
    ],
    "StaffRemindersForm": [lambda c, data: _named("StaffRemindersForm")(data)],
    "SendForm": [
        lambda c, data: _named("SendForm")(data, recipients=[_recipient()]),
        lambda c, data: _named("SendForm")(data, recipients=[]),
    ],
    # The administrator's pages (tandem/administration/forms.py).
    "UserSearchForm": [lambda c, data: _named("UserSearchForm")(data)],
    "UserForm": [
        lambda c, data: _named("UserForm")(data, organisation=c.org),
        lambda c, data: _named("UserForm")(data, organisation=c.org, user=c.worker),
    ],
    "ActiveForm": [lambda c, data: _named("ActiveForm")(data)],
    "TeamForm": [
        lambda c, data: _named("TeamForm")(data),
        lambda c, data: _named("TeamForm")(data, team=c.team),
    ],
    "OrganisationForm": [lambda c, data: _named("OrganisationForm")(data, organisation=c.org)],
    "ServiceAccountForm": [lambda c, data: _named("ServiceAccountForm")(data, organisation=c.org)],
    "TokenForm": [lambda c, data: _named("TokenForm")(data)],
    "OptInRemindersForm": [
        lambda c, data: _named("OptInRemindersForm")(data),
        lambda c, data: _named("OptInRemindersForm")(data, has_email=False),
    ],
    **{
        name: [
            lambda c, data, name=name: _named(name)(
                data, outcomes=list(c.plan.outcomes.all()), held_on=c.plan.created_at.date()
            ),
            lambda c, data, name=name: _named(name)(data, outcomes=[]),
        ]
        for name in ("ReviewOutcomeForm", "ReviewOutcomeAddForm", "ReviewOutcomeChangeForm")
    },
    **_registered_forms(),
}


def _recipient():
    from tandem.copies.recipients import Recipient

    return Recipient(
        key="person",
        name="Sam Person",
        role="The person",
        member=None,
        user=None,
        email="",
        address="1 High Street",
        preferred_formats=[],
        chose="",
        routes=["sign_in", "post"],
        forms=["standard"],
        route="sign_in",
    )


def _providers() -> list:
    from tandem.reviews.services.consultation import Provider

    return [Provider(name="Brightside Care"), Provider(name="Day Centre", circle_member_id=1)]


def is_assembled(message: str, labels: list[str]) -> bool:
    """A message built from a label: it asks a question, names "the who…", quotes a label, or
    ends with "the" and a label, as "Enter the %(label)s" did."""
    text = message.strip().lower()
    if text.endswith("?") or "%(" in text or ASSEMBLED.search(text):
        return True
    for label in labels:
        label = label.strip().lower()
        core = label.rstrip("?").replace(" (optional)", "")
        if not core:
            continue
        if (label.endswith("?") and label in text) or f"“{core}”" in text:
            return True
        if text.endswith(f"the {core}"):
            return True
    return False


def wrong_answers(form) -> dict[str, object]:
    """An answer to every question that its field refuses."""
    data: dict[str, object] = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field.widget, GovukDateWidget):
            data.update({f"{key}_day": "31", f"{key}_month": "2", f"{key}_year": "2025"})
        elif isinstance(field, (forms.IntegerField, forms.DecimalField)):
            data[key] = "lots"
        elif isinstance(field, forms.CharField):
            data[key] = "x" * ((field.max_length or 100_000) + 1)
        elif isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            data[key] = ["nonsense"]
        else:
            data[key] = "nonsense"
    return data


def half_dates(form) -> dict[str, object]:
    return {
        f"{form.add_prefix(name)}_day": "1"
        for name, field in form.fields.items()
        if isinstance(field.widget, GovukDateWidget)
    }


def labels_of(form) -> list[str]:
    return [str(field.label or "") for field in form.fields.values()]


def _disagreeing(c) -> dict:
    """What the disagreement form offers: the plan's parts, from its snapshot."""
    return {"snapshot": snapshot_of(c.plan), "started_on": c.plan.created_at.date()}


@pytest.fixture
def cast(db):
    return Cast()


def test_every_project_form_is_checked_here():
    found = set(project_form_classes()) - BASES
    assert found == set(FORMS), (
        "Add each new form to FORMS so its messages are checked: "
        f"missing {sorted(found - set(FORMS))}, gone {sorted(set(FORMS) - found)}"
    )


def test_the_checker_catches_an_assembled_message():
    who = ["Who agreed the plan for the person?"]
    assert is_assembled("Select the who agreed the plan for the person?", who)
    assert is_assembled("Select the who agreed the plan for the person", who)
    assert is_assembled("By when? must be a real date", ["By when?"])
    assert is_assembled("Enter the what is the need", ["Eligibility"])
    assert is_assembled("Enter the username", ["Username"])
    assert is_assembled("Select “I agree” to continue", ["I agree"])
    assert not is_assembled("Select who agreed the plan for the person", who)
    assert not is_assembled("Date of birth must be a real date", ["Date of birth"])
    assert not is_assembled("Enter the person’s date of birth", ["Date of birth"])
    assert not is_assembled("Select the type of support they give", ["Type"])


@pytest.mark.parametrize(
    ("name", "build"),
    [(name, build) for name, builds in FORMS.items() for build in builds],
)
def test_every_message_is_written_not_assembled(cast, name, build):
    empty = build(cast, {})
    labels = labels_of(empty)
    for field_name, field in empty.fields.items():
        if (name, field_name) in NOT_YET_WRITTEN:
            continue
        if field.required:
            message = str(field.error_messages["required"])
            assert message != str(DJANGO_REQUIRED), (name, field_name)
            assert message not in {str(m) for m in FALLBACK_MESSAGES}, (name, field_name)
            assert not is_assembled(message, labels), (name, field_name, message)
        if isinstance(field, GovukDateField):
            assert field.subject, f"{name}.{field_name}: say what the date is in messages"
    fallbacks = {str(m) for m in FALLBACK_MESSAGES}
    for data in ({}, wrong_answers(empty), half_dates(empty)):
        form = build(cast, data)
        form.is_valid()
        for field_name, messages in form.errors.items():
            for message in messages:
                assert not is_assembled(message, labels), (name, field_name, message)
                # A hidden field asks nothing: only a broken page gets it wrong.
                hidden = field_name in form.fields and form.fields[field_name].widget.is_hidden
                if (name, field_name) not in NOT_YET_WRITTEN and not hidden:
                    assert message not in fallbacks, (name, field_name, message)


def test_the_fields_not_yet_written_still_need_it(cast):
    """So the list shrinks as their messages are written, rather than hiding new gaps."""
    fallbacks = {str(m) for m in FALLBACK_MESSAGES}
    for name, field_name in NOT_YET_WRITTEN:
        field = FORMS[name][0](cast, {}).fields[field_name]
        if isinstance(field, GovukDateField):
            unwritten = not field.subject
        else:
            unwritten = str(field.error_messages["required"]) in fallbacks | {DJANGO_REQUIRED}
        assert unwritten, f"{name}.{field_name} is written now: remove it from NOT_YET_WRITTEN"
