"""The person page's part about their record: closed or not, and the data rights links."""

from django import template

from tandem.records import services

register = template.Library()


@register.inclusion_tag("records/_record_status.html")
def record_status(person, user):
    """Whether the record is closed (or anonymised) and, for staff, closing, reopening and
    everything held. One query, and only for a closed record."""
    closure = services.closure_in_force(person) if person.closed_on else None
    return {
        "person": person,
        "closure": closure,
        "staff": services.may_close_records(user),
    }


@register.inclusion_tag("records/_record_links.html")
def record_links(person, user):
    """For staff: everything held about the person, and closing their record."""
    return {"person": person, "staff": services.may_close_records(user)}
