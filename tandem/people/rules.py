"""Pure rules about a person, testable without a request or the database."""

from tandem.people.models import CircleMember, Person


def should_consider_advocate(*, capacity: str, has_advocate: bool) -> bool:
    """R9: where the person lacks capacity for a decision, an advocate must be considered.

    A warning, not a block: the worker may have considered one and decided against it.
    """
    return capacity == Person.Capacity.LACKS_CAPACITY and not has_advocate


# Who may represent the person or be their advocate; matches CircleMember.can_represent.
REPRESENTATIVE_KINDS = (
    CircleMember.Kind.ADVOCATE,
    CircleMember.Kind.CARER,
    CircleMember.Kind.FAMILY,
)
