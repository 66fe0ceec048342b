"""Field-level history: what a change did, old and new, for the audit event that records it."""

from collections.abc import Iterable, Mapping
from typing import Any


def _value(source: Any, name: str) -> Any:
    return source.get(name) if isinstance(source, Mapping) else getattr(source, name, None)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def changed_fields(before: Any, after: Any, fields: Iterable[str]) -> dict[str, list[str]]:
    """`{field: [old, new]}` for each of `fields` whose value differs between `before` and
    `after` (each a model instance or a dict of values), as text, so an event's detail shows
    what was corrected long after the record has moved on. A field `after` does not have is
    left out (the form did not offer it)."""
    changes = {}
    for name in fields:
        if isinstance(after, Mapping) and name not in after:
            continue
        old, new = _value(before, name), _value(after, name)
        if old != new:
            changes[name] = [_text(old), _text(new)]
    return changes
