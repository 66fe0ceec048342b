"""The people list as a spreadsheet: a worker's caseload (or what their search found), every
person the list selects on every page, with the columns the list shows. Staff only: the list
is the caseload of those who facilitate plans; a person, a carer or another agency sees the
list on the page but does not take a copy of it away."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.views.decorators.http import require_safe

from tandem.accounts import access
from tandem.people import csv_export, selectors, services
from tandem.people.forms import PeopleSearchForm
from tandem.people.views import people_list_page
from tandem.ui.spreadsheet import csv_response, filename


@require_safe
def people_list_csv(request):
    if not access.can_manage_person(request.user):
        raise PermissionDenied
    form = PeopleSearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # The search refused on the page is refused here the same way: the page and its message.
        return people_list_page(request, form, status=400)
    people = selectors.people_for_list(request.user, q=form.query)
    # Who is in the file is written down before it is sent (one query); the rows then stream.
    ids = list(people.values_list("pk", flat=True))
    services.people_list_record_export(actor=request.user, query=form.query, people=ids)
    header, rows = csv_export.people_table(people.iterator(chunk_size=500))
    today = timezone.localdate()
    return csv_response(name=filename("people", on=today), header=header, rows=rows)
