from django.template import loader
from django.test import RequestFactory
from django.urls import resolve

from tandem.context_processors import navigation


def test_it_shows_no_navigation_to_someone_signed_out(client):
    response = client.get("/sign-in/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-service-navigation" not in html
    assert "<title>Sign in – Tandem</title>" in html
    assert 'nonce="' in html
    assert "govuk-header__logotype" not in html  # Tandem is not GOV.UK: no crown


def test_it_prefixes_the_title_when_the_form_has_errors(client):
    response = client.post("/sign-in/", {"username": "", "password": ""})
    assert "<title>Error: Sign in – Tandem</title>" in response.content.decode()
    assert 'class="govuk-error-summary"' in response.content.decode()


def test_it_marks_the_current_section(django_user_model):
    user = django_user_model.objects.create_user(username="sam", password="x", first_name="Sam")
    request = RequestFactory().get("/people/")
    request.user = user
    request.resolver_match = resolve("/people/")

    context = navigation(request)

    assert context["user_display_name"] == "Sam"
    people = context["navigation_items"][0]
    assert (str(people["text"]), people["href"], people["active"]) == ("People", "/people/", True)


def test_it_renders_a_govuk_page_not_found(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found – Tandem" in response.content.decode()


def test_the_server_error_page_needs_no_context():
    html = loader.get_template("500.html").render()
    assert "Sorry, there is a problem with the service" in html
    assert "<script nonce" not in html
