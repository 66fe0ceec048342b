"""``{{ "1234.5"|pounds }}`` → "£1,234.50" (negative as "−£12.00"); ``{{ value|negate }}``."""

from django import template

from tandem.budgets import money

register = template.Library()


@register.filter
def pounds(value: object) -> str:
    return money.pounds(value)  # type: ignore[arg-type]


@register.filter
def negate(value: object) -> str:
    amount = money.decimal_or_none(value)
    return "" if amount is None else str(-amount)


@register.filter
def is_negative(value: object) -> bool:
    amount = money.decimal_or_none(value)
    return amount is not None and amount < 0
