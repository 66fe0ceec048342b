"""Whatever is typed or tampered with, the budget forms answer with a page or a redirect, never a
500, and store nothing they should not."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.budgets.tests.person_data import make_scheme, url

nasty = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1.5",
            "99999999999999999999",
            "1e400",
            "NaN",
            "-Infinity",
            "£",
            "\x00",
        ]
    ),
    st.sampled_from(["x" * 5001, "<script>alert(1)</script>"]),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
)
FIELDS = [
    "weekly_amount",
    "source_details",
    "status",
    "weekly_contribution",
    "notes",
    "adjustments",
    "with_person",
    "scheme_key",
    "submission_key",
    *(f"{d}_{p}" for d in ("set_on", "assessed_on") for p in ("day", "month", "year")),
]

hypothesis_settings = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def scheme(org, manager):
    return make_scheme(org, manager)


@hypothesis_settings
@given(data=st.dictionaries(st.sampled_from(FIELDS), nasty, max_size=10), answer=nasty)
def test_it_never_fails_on_any_budget_form(client_for, worker, person, scheme, data, answer):
    client = client_for(worker)
    question = scheme.questions.first()
    for name in ("ras", "set_outside", "assessment"):
        response = client.post(url(name, person), {**data, f"answer_{question.pk}": answer})
        assert response.status_code in {200, 302}, (name, response.status_code)
