"""Issue 6: changing the scheme never alters a stored result, nor what the person's budget page
shows for it – whatever is changed, in whatever order (hypothesis).

And the arithmetic of a result, for any points, price, adjustments and limits."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem import testing
from tandem.budgets.models import IndicativeBudget, RasAnswer, RasQuestion, RasScheme
from tandem.budgets.services.person import calculate, indicative_budget_work_out
from tandem.budgets.tests.person_data import make_scheme, url
from tandem.testing_refusals import row

hypothesis_settings = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("500"), places=2)
signed_money = st.decimals(min_value=Decimal("-500"), max_value=Decimal("500"), places=2)
index = st.integers(min_value=0, max_value=2)
changes = st.one_of(
    st.tuples(st.just("points"), index, index, st.integers(min_value=0, max_value=1000)),
    st.tuples(st.just("price"), money),
    st.tuples(st.just("limits"), st.none() | money, st.none() | money),
    # Any text a page can send and a database hold: UTF-8 (no lone surrogates) without NUL,
    # which PostgreSQL refuses in text.
    st.tuples(
        st.just("texts"),
        st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=20),
    ),
    st.tuples(st.just("adjustment"), signed_money),
    st.tuples(st.just("remove_question"), index),
    st.tuples(st.just("retire")),
    st.tuples(st.just("new_version"), money),
)


def change(scheme: RasScheme, what: tuple) -> None:
    """Change the scheme as an administrator (or a careless database edit) might."""
    kind, *args = what
    questions = list(scheme.questions.all())
    if kind == "points" and questions:
        answers = list(questions[args[0] % len(questions)].answers.all())
        RasAnswer.objects.filter(pk=answers[args[1] % len(answers)].pk).update(points=args[2])
    elif kind == "price":
        RasScheme.objects.filter(pk=scheme.pk).update(price_per_point=args[0])
    elif kind == "limits":
        RasScheme.objects.filter(pk=scheme.pk).update(
            minimum_weekly=args[0], maximum_weekly=args[1]
        )
    elif kind == "texts":
        scheme.questions.update(text=args[0])
        RasAnswer.objects.filter(question__scheme=scheme).update(text=args[0])
        scheme.adjustments.update(label=args[0])
        RasScheme.objects.filter(pk=scheme.pk).update(name=args[0])
    elif kind == "adjustment":
        scheme.adjustments.update(weekly_amount=args[0])
    elif kind == "remove_question" and questions:
        RasQuestion.objects.filter(pk=questions[args[0] % len(questions)].pk).delete()
    elif kind == "retire":
        RasScheme.objects.filter(pk=scheme.pk).update(status=RasScheme.Status.RETIRED)
    elif kind == "new_version":
        RasScheme.objects.filter(pk=scheme.pk).update(status=RasScheme.Status.RETIRED)
        latest = RasScheme.objects.filter(organisation=scheme.organisation).order_by("-version")
        make_scheme(
            scheme.organisation,
            scheme.created_by,
            version=latest[0].version + 1,
            price=str(args[0]),
        )


def shown(client, person) -> str:
    html = client.get(url("person", person)).text
    return html.split('data-testid="current-budget"', 1)[1].split("govuk-button-group", 1)[0]


@hypothesis_settings
@given(
    picks=st.tuples(index, index),
    adjusted=st.booleans(),
    what=st.lists(changes, min_size=1, max_size=6),
)
def test_changing_the_scheme_never_alters_a_stored_result(db, picks, adjusted, what):
    org = testing.make_organisation()
    team = testing.make_team(org)
    worker = testing.make_worker(org, team)
    person = testing.make_person(org, team)
    scheme = make_scheme(org, worker, minimum="20.00", maximum="400.00")
    questions = list(scheme.questions.prefetch_related("answers"))
    result = indicative_budget_work_out(
        person=person,
        scheme=scheme,
        answers={
            q.pk: list(q.answers.all())[pick].pk for q, pick in zip(questions, picks, strict=True)
        },
        adjustments=[a.pk for a in scheme.adjustments.all()] if adjusted else [],
        with_person=True,
        actor=worker,
    )
    client = testing.client_for(worker)
    stored, page = row(result), shown(client, person)

    for each in what:
        change(scheme, each)

    assert row(result) == stored
    assert shown(client, person) == page
    assert IndicativeBudget.objects.filter(person=person).count() == 1


@given(
    points=st.integers(min_value=0, max_value=20_000),
    price=money,
    adjustments=st.lists(signed_money, max_size=4),
    minimum=st.none() | money,
    maximum=st.none() | money,
)
def test_a_result_is_points_times_price_plus_adjustments_within_the_limits(
    points, price, adjustments, minimum, maximum
):
    result = calculate(
        points=points,
        price_per_point=price,
        adjustments=adjustments,
        minimum=minimum,
        maximum=maximum,
    )
    assert result["calculated"] == points * price + sum(adjustments, Decimal("0"))
    weekly = result["weekly"]
    assert weekly >= 0
    assert weekly == weekly.quantize(Decimal("0.01"))
    if maximum is not None and (minimum is None or minimum <= maximum):
        assert weekly <= maximum
    if minimum is not None and (maximum is None or minimum <= maximum):
        assert weekly >= minimum
    within = (minimum is None or result["calculated"] >= minimum) and (
        maximum is None or result["calculated"] <= maximum
    )
    if within and result["calculated"] >= 0:
        assert weekly == result["calculated"]
