"""For a trade-off's options side by side (``{% load tradeoffs %}``):

- ``{{ option.weekly_cost|yearly }}``: a weekly amount as a year's (× 52, money.yearly);
- ``{% chosen_option trade_off options as chosen %}``: the option chosen, from the options already
  loaded (no query), or None.
"""

from typing import Any

from django import template

from tandem.budgets import money

register = template.Library()


@register.filter
def yearly(weekly: object) -> Any:
    amount = money.decimal_or_none(weekly)
    return None if amount is None else money.yearly(amount)


@register.simple_tag
def chosen_option(trade_off: Any, options: Any) -> Any:
    if not trade_off.chosen_uid:
        return None
    return next((option for option in options if option.uid == trade_off.chosen_uid), None)
