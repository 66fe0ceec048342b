"""FHIR R4 endpoints (docs/fhir.md). Each: who is asking, one access-and-audit call, answer.

Signed-out requests get a 401 OperationOutcome rather than the sign-in page (a system cannot
follow it), so these views are exempt from the site's LoginRequiredMiddleware and check the
user themselves (FhirView.signed_in_user)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import reverse
from django.utils import timezone
from rest_framework import status
from rest_framework.response import Response

from tandem.interop.fhir import importing
from tandem.interop.fhir.capability import capability_statement
from tandem.interop.fhir.everything import everything_for_user
from tandem.interop.fhir.http import FhirView


def _base_url(request) -> str:
    """The absolute address of /fhir/r4/, which every fullUrl and reference is relative to."""
    return request.build_absolute_uri(reverse("fhir:metadata")).removesuffix("metadata")


class MetadataView(FhirView):
    """The CapabilityStatement: public, as FHIR clients read it before signing in."""

    def get(self, request):
        return Response(capability_statement(_base_url(request)))


class EverythingView(FhirView):
    def get(self, request, pk):
        bundle = everything_for_user(
            user=self.signed_in_user(),
            pk=pk,
            base_url=_base_url(request),
            self_url=request.build_absolute_uri(),
            now=timezone.now(),
        )
        return Response(bundle)


class ImportPlanView(FhirView):
    """POST a Bundle holding a CarePlan and its Goals: a new draft plan for the person."""

    http_method_names = ["post"]

    def post(self, request, pk):
        report = importing.import_for_user(
            user=self.signed_in_user(), pk=pk, request=request._request
        )
        return Response(report.outcome(), status=status.HTTP_201_CREATED)


metadata = login_not_required(MetadataView.as_view())
everything = login_not_required(EverythingView.as_view())
import_plan = login_not_required(ImportPlanView.as_view())
