import re

from playwright.sync_api import Page, expect

from tests.browser.axe import assert_accessible


def test_it_shows_tandem_header_and_skip_link(live_server, page: Page):
    page.goto(f"{live_server.url}/sign-in/")

    expect(page).to_have_title("Sign in – Tandem")
    expect(page.locator(".govuk-generic-header")).to_have_text("Tandem")
    expect(page.locator("html")).to_have_attribute("lang", "en-GB")
    # The nonce'd script ran, so GOV.UK Frontend's JavaScript styles apply.
    expect(page.locator("body")).to_have_class(re.compile(r"govuk-frontend-supported"))

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main-content$"))
    expect(page.locator("#main-content")).to_be_focused()


def test_it_is_accessible(live_server, page: Page):
    page.goto(f"{live_server.url}/sign-in/")
    assert_accessible(page)


def test_it_shows_an_error_summary_for_a_wrong_password(live_server, page: Page, django_user_model):
    django_user_model.objects.create_user(username="sam", password="right-password")
    page.goto(f"{live_server.url}/sign-in/")

    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_title("Error: Sign in – Tandem")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    # GOV.UK Frontend moves focus to the summary so screen readers announce it.
    expect(summary).to_be_focused()
    assert_accessible(page)


def test_it_signs_in_and_out(live_server, page: Page, django_user_model):
    django_user_model.objects.create_user(
        username="sam", password="right-password", first_name="Sam", last_name="Okafor"
    )
    page.goto(f"{live_server.url}/sign-in/")

    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill("right-password")
    page.get_by_role("button", name="Sign in").click()

    expect(page).not_to_have_url(re.compile(r"/sign-in/"))
    navigation = page.get_by_role("navigation", name="Menu")
    expect(navigation).to_contain_text("Sam Okafor")
    assert_accessible(page)

    navigation.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/sign-in/$"))
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
