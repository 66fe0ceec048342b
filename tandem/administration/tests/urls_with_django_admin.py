"""Tandem's URLs with Django's admin mounted, as DJANGO_ADMIN=1 does: for the admin's tests
(`pytestmark = pytest.mark.urls("tandem.administration.tests.urls_with_django_admin")`)."""

from tandem.urls import operator_urlpatterns
from tandem.urls import urlpatterns as tandem_urlpatterns

urlpatterns = [*tandem_urlpatterns, *operator_urlpatterns]
