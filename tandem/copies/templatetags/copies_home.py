"""The "Your copies" part of the person's own home page (people:home): people builds below
copies, so the page asks for this part by name rather than importing it."""

from django import template

from tandem.copies import selectors

register = template.Library()

SHOWN = 3


@register.inclusion_tag("copies/_home_copies.html", takes_context=True)
def home_copies(context, person):
    """The latest copies sent to the signed-in user about this person, audio with a player."""
    user = context["request"].user
    copies = list(selectors.person_copies(user, person)[: SHOWN + 1])
    return {
        "person": person,
        "copies": copies[:SHOWN],
        "more": len(copies) > SHOWN,
        "for_self": context.get("for_self"),
    }
