"""The demo's person logins land on their home page and see their own story there: Den writing
his plan, Margaret asked to get ready for her review, Agnes with years of reviews behind her."""

import re

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from tandem.accounts.models import Organisation, User
from tandem.demo.data import load_demo

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.usefixtures("db")
class TestDemoLoginsLandOnTheirHomePage:
    @pytest.fixture(autouse=True, scope="class")
    @classmethod
    def demo(cls, django_db_setup, django_db_blocker):
        """Loaded once for the class (it takes a few seconds), and rolled back afterwards."""
        with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
            with transaction.atomic():
                assert not Organisation.objects.exists()
                load_demo()
                yield
                transaction.set_rollback(True)

    def home_page(self, username: str) -> str:
        client = Client()
        client.force_login(User.objects.get(username=username))
        response = client.get(reverse("home"), follow=True)
        assert response.redirect_chain == [(reverse("people:home"), 302)]
        assert response.status_code == 200
        html = response.text
        assert '<h1 class="govuk-heading-l">Your plan</h1>' in html
        assert not re.search(r"\([RPA]\d+", html)
        return html

    def test_den_carries_on_writing_his_plan(self):
        html = self.home_page("demo-person")
        assert "Denis Hollowbrook" in html
        assert "Carry on writing the plan" in html

    def test_margaret_is_asked_to_get_ready_for_her_review(self):
        html = self.home_page("demo-review-due")
        assert "Margaret Thistlewood" in html
        assert "Get ready for your review" in html
        assert "Why then:" in html

    def test_agnes_sees_her_last_review_and_progress(self):
        html = self.home_page("demo-reviewed")
        assert "Agnes Wickerby" in html
        assert "Read the record of the last review" in html
        assert "See progress over time" in html
        assert "Your actions" in html

    def test_carol_sees_dens_home_page_as_his_carer(self):
        client = Client()
        client.force_login(User.objects.get(username="demo-carer"))
        html = client.get(reverse("people:home")).text
        assert "Den’s plan" in html
        assert "Carry on writing the plan" in html
