"""People and their circles of support. Each view: one fetch-authorise-audit call (the same as
the page's), then a selector, or the page's form and service."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from tandem.accounts import access
from tandem.audit.models import AuditAction
from tandem.audit.services import audit_list_view
from tandem.interop.api import serializers as s
from tandem.interop.api.base import ApiView
from tandem.interop.api.forms import json_object, revision_of, valid_form
from tandem.interop.api.pagination import CursorPagination
from tandem.people import selectors, services
from tandem.people.access import person_get_for_user
from tandem.people.forms import CircleMemberForm, PersonForm
from tandem.people.models import Person
from tandem.plans.selectors import person_plan_versions


class PeoplePagination(CursorPagination):
    ordering = ("family_name", "given_name", "id")


def people_filtered(user, filters: dict) -> QuerySet[Person]:
    """The people list's people (people.selectors.people_for_list), with the API's filters: words
    of a name, a local identifier exactly, a team."""
    people = selectors.people_for_list(user)
    for term in filters.get("name", "").split():
        people = people.filter(
            Q(given_name__icontains=term)
            | Q(family_name__icontains=term)
            | Q(preferred_name__icontains=term)
        )
    if filters.get("local_identifier"):
        people = people.filter(local_identifier=filters["local_identifier"])
    if filters.get("team"):
        people = people.filter(team_id=filters["team"])
    return people


class PeopleList(ApiView):
    @extend_schema(
        operation_id="people_list",
        parameters=[s.PeopleFilterSerializer],
        responses=s.paginated(s.PersonSummarySerializer),
    )
    def get(self, request):
        """The people you may see, in name order; filter by name, local identifier or team."""
        filters = s.PeopleFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        paginator = PeoplePagination()
        page = paginator.paginate_queryset(
            people_filtered(request.user, filters.validated_data), request, view=self
        )
        searched = dict(filters.validated_data)
        audit_list_view(
            actor=request.user,
            action=AuditAction.PEOPLE_SEARCH_VIEW if searched else AuditAction.PEOPLE_LIST_VIEW,
            summary=_("Searched for people") if searched else _("Viewed the list of people"),
            people=[person.pk for person in page],
            filters={**searched, "api": True},
            page=1,
        )
        return paginator.get_paginated_response(s.PersonSummarySerializer(page, many=True).data)


class PersonDetail(ApiView):
    @extend_schema(operation_id="people_retrieve", responses=s.PersonSerializer)
    def get(self, request, pk):
        """The person's details, as their page shows them to you."""
        person = person_get_for_user(user=request.user, pk=pk, purpose=self.purpose())
        whole = selectors.sees_whole_record(request.user, person)
        return Response(s.PersonSerializer(person, context={"whole": whole}).data)

    @extend_schema(
        operation_id="people_partial_update",
        request=s.PersonChangeSerializer,
        responses=s.PersonSerializer,
    )
    def patch(self, request, pk):
        """Change the person's details (staff): the same rules and messages as the page."""
        person = person_get_for_user(
            user=request.user,
            pk=pk,
            purpose=self.purpose(),
            allowed=access.can_manage_person,
            editing=True,
        )
        payload = json_object(request.data)
        revision = revision_of(payload)
        current = PersonForm(actor=request.user, person=person).initial
        values = {**current, **payload, "revision": revision}
        form = valid_form(lambda data: PersonForm(data, actor=request.user, person=person), values)
        saved = services.person_update(
            person=person, actor=request.user, data=form.person_data(), revision=revision
        )
        return Response(s.PersonSerializer(saved, context={"whole": True}).data)


class CirclePagination(CursorPagination):
    ordering = ("id",)


class Circle(ApiView):
    @extend_schema(operation_id="circle_list", responses=s.paginated(s.CircleMemberSerializer))
    def get(self, request, pk):
        """The person's circle of support. Carers and providers see only those the plan is
        shared with, without their contact details, as on the person's page."""
        person = person_get_for_user(user=request.user, pk=pk, purpose=self.purpose())
        whole = selectors.sees_whole_record(request.user, person)
        circle = person.circle.all()
        if not whole:
            circle = circle.filter(
                Q(consent_to_share=True) | Q(appointed_as__in=access.APPOINTMENTS)
            )
        paginator = CirclePagination()
        page = paginator.paginate_queryset(circle, request, view=self)
        return paginator.get_paginated_response(
            s.CircleMemberSerializer(page, many=True, context={"whole": whole}).data
        )

    @extend_schema(
        operation_id="circle_create",
        request=s.CircleMemberAddSerializer,
        responses={201: s.CircleMemberSerializer},
    )
    def post(self, request, pk):
        """Add someone to the circle of support (staff)."""
        person = person_get_for_user(
            user=request.user, pk=pk, purpose=self.purpose(), allowed=access.can_manage_person
        )
        payload = json_object(request.data)
        form = valid_form(lambda data: CircleMemberForm(data), payload)
        member = services.circle_member_add(
            person=person, actor=request.user, data=form.member_data()
        )
        return Response(
            s.CircleMemberSerializer(member, context={"whole": True}).data,
            status=status.HTTP_201_CREATED,
        )


class PlanVersionsPagination(CursorPagination):
    ordering = ("-version_number", "-id")


class PersonPlans(ApiView):
    @extend_schema(operation_id="person_plans_list", responses=s.paginated(s.PlanSummarySerializer))
    def get(self, request, pk):
        """Every version of the person's plan, newest first."""
        person = person_get_for_user(user=request.user, pk=pk, purpose=self.purpose())
        paginator = PlanVersionsPagination()
        plans = person_plan_versions(person).order_by("-version_number", "-id")
        page = paginator.paginate_queryset(plans, request, view=self)
        return paginator.get_paginated_response(s.PlanSummarySerializer(page, many=True).data)
