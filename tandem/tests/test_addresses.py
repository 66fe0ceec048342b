"""The client's address, for the lockout and the audit log: believed from a proxy's header only
when the deployment says a proxy is in front."""

from django.test import RequestFactory

from tandem.addresses import client_address


def test_it_takes_the_connection_address_by_default(settings):
    settings.BEHIND_TLS_PROXY = False
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert client_address(request) == "10.0.0.5"


def test_behind_the_proxy_it_takes_the_address_the_proxy_saw(settings):
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9, 192.0.2.1"
    )
    assert client_address(request) == "192.0.2.1"


def test_it_gives_none_for_something_that_is_not_an_address(settings):
    settings.BEHIND_TLS_PROXY = True
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="<script>")
    assert client_address(request) is None
