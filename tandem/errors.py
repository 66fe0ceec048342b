"""The one error hierarchy of Tandem's services.

A service refuses a change by raising a `Refused` whose message is shown to the user as it is;
a save over someone else's newer change raises `EditConflict`. Views catch these two, and
nothing else, to turn a refusal into a message on the page (or, in the API, a 4xx problem).
"""

from typing import Any


class Refused(Exception):
    """A change the rules refuse; the message is plain English for the user."""


class EditConflict(Refused):
    """Someone else changed (or removed) this while the user was editing it.

    `current` is what is saved now, so the page can show it beside what the user typed; None
    when it has been removed meanwhile."""

    def __init__(self, message: Any, *, current: Any = None):
        super().__init__(str(message))
        self.current = current
