from datetime import date

from tandem.reviews.rules import contact_date_problem

TODAY = date(2026, 6, 1)
FIRST = date(2026, 3, 5)


def test_it_accepts_a_contact_between_the_first_plan_and_today():
    assert contact_date_problem(FIRST, today=TODAY, first_plan_on=FIRST) == ""
    assert contact_date_problem(TODAY, today=TODAY, first_plan_on=FIRST) == ""


def test_it_refuses_a_contact_in_the_future():
    problem = contact_date_problem(date(2026, 6, 2), today=TODAY, first_plan_on=FIRST)
    assert problem == "The date must be today or in the past"


def test_it_refuses_a_contact_before_the_first_plan_began():
    problem = contact_date_problem(date(2026, 3, 4), today=TODAY, first_plan_on=FIRST)
    assert (
        problem == "The date must be the same as or after 5 March 2026, when the first plan began"
    )


def test_it_accepts_any_past_date_when_there_is_no_plan():
    assert contact_date_problem(date(2000, 1, 1), today=TODAY, first_plan_on=None) == ""
