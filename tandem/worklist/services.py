"""The worklist app's writes: the organisation's escalation setting, and the audit of the team
manager's dashboard pages (who read which team's figures, and which people a list showed)."""

from collections.abc import Sequence

from django.core.paginator import Page
from django.db import transaction
from django.utils.translation import gettext as _

from tandem.accounts.models import Organisation, Role, Team, User
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_list_export, audit_list_view, audit_record
from tandem.errors import EditConflict
from tandem.worklist.due import Entry

# The escalation setting's allowed range, in days: a day at least (the day after the due date
# is already overdue), and at most a quarter of a year, so nothing waits unseen for longer.
ESCALATE_AFTER = (1, 90)


def may_set_escalation(user: User) -> bool:
    """The organisation's administrator, as for the review timescales."""
    return (
        user.is_authenticated
        and user.organisation_id is not None
        and user.role == Role.ADMINISTRATOR
    )


def escalation_update(
    *, organisation: Organisation, days: int, revision: int, actor: User
) -> Organisation:
    """Save after how many days overdue work is escalated; every worklist follows it at once.

    Refused with EditConflict when another administrator saved since this form was loaded."""
    low, high = ESCALATE_AFTER
    if not low <= days <= high:
        raise ValueError(f"escalate_after_days must be {low} to {high}, not {days}")
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if locked.escalation_revision != revision:
            raise EditConflict(
                _(
                    "Someone else changed when overdue work is escalated while you were editing "
                    "it. What is saved now is shown below: check it, then save again to keep "
                    "your number."
                ),
                current=locked,
            )
        before = locked.escalate_after_days
        locked.escalate_after_days = days
        locked.escalation_revision += 1
        locked.save(update_fields=["escalate_after_days", "escalation_revision"])
        audit_record(
            actor=actor,
            action=AuditAction.ESCALATION_CHANGE,
            summary=_("Changed when overdue work is escalated"),
            detail={"escalate_after_days": [before, days]},
        )
    return locked


def dashboard_view(
    *, actor: User, teams: Sequence[Team], figure: str = "", row: str = "", people: Sequence[int]
) -> None:
    """Who read the team dashboard or a list behind one of its figures, for which teams, and
    which people it showed them."""
    audit_record(
        actor=actor,
        action=AuditAction.DASHBOARD_VIEW,
        summary=_("Read the team dashboard"),
        detail={
            "teams": [team.pk for team in teams],
            "figure": figure,
            "row": row,
            "people": sorted(set(people)),
        },
    )


def _worklist_filters(kind: str, person_id: int | None) -> dict[str, object]:
    filters: dict[str, object] = {}
    if kind:
        filters["kind"] = kind
    if person_id is not None:
        filters["person"] = person_id
    return filters


def worklist_record_view(*, actor: User, kind: str, person_id: int | None, page: Page) -> None:
    """Who read their worklist, with which filters, and which people its page showed."""
    audit_list_view(
        actor=actor,
        action=AuditAction.WORKLIST_VIEW,
        summary=_("Viewed their worklist"),
        people=[entry.person.pk for entry in page],
        filters=_worklist_filters(kind, person_id),
        page=page.number,
    )


def worklist_record_export(
    *, actor: User, kind: str, person_id: int | None, entries: Sequence[Entry]
) -> None:
    """Who downloaded their worklist as a spreadsheet: a view of the whole list, with its
    filters, how many rows it held and everyone in it."""
    audit_list_export(
        actor=actor,
        action=AuditAction.WORKLIST_VIEW,
        summary=_("Downloaded their worklist as a spreadsheet"),
        people=[entry.person.pk for entry in entries],
        filters=_worklist_filters(kind, person_id),
        rows=len(entries),
    )


def dashboard_record_export(
    *,
    actor: User,
    teams: Sequence[Team],
    figure: str,
    row: str = "",
    people: Sequence[int],
    rows: int,
) -> None:
    """Who downloaded a table of the team dashboard, or the list behind one of its figures, as
    a spreadsheet: for which teams, how many rows, and which people the list named (none for
    a table of numbers)."""
    audit_list_export(
        actor=actor,
        action=AuditAction.DASHBOARD_VIEW,
        summary=_("Downloaded a table of the team dashboard as a spreadsheet"),
        people=people,
        filters={"teams": [team.pk for team in teams], "figure": figure, "row": row},
        rows=rows,
    )
