"""Signing in, the dashboard and the report page, as a person in a browser."""

import pytest
from playwright.sync_api import expect

from tests import factories

from .conftest import sign_in, visit

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_errors_then_dashboard_and_report(new_page, live_server):
    from responses.demo import DEMO_PASSWORD, load_demo

    load_demo()
    page = new_page()
    sign_in(page, live_server, "london.member", "wrong password")
    expect(page.get_by_role("alert")).to_contain_text("Please enter a correct username")
    visit(page, "login-with-error")

    sign_in(page, live_server, "london.member", DEMO_PASSWORD)
    page.get_by_role("heading", name="Dashboard").wait_for()
    visit(page, "dashboard-member")

    page.get_by_role("link", name="Towards an effective").click()
    page.get_by_role("heading", name="Recommendation 3: Creating a more inclusive").wait_for()
    visit(page, "report")


def test_steering_dashboard_and_not_found_page(new_page, live_server, settings):
    from responses.demo import DEMO_PASSWORD, load_demo

    load_demo()
    settings.DEBUG = False
    page = new_page()
    sign_in(page, live_server, "steering.aisha", DEMO_PASSWORD)
    page.get_by_role("heading", name="The national network and the regions").wait_for()
    visit(page, "dashboard-steering")
    page.goto(f"{live_server.url}/responses/999999/")
    page.get_by_role("heading", name="Page not found").wait_for()
    visit(page, "not-found")


def test_the_administrators_dashboard_with_the_longest_navigation(new_page, live_server):
    """Administrators see every link of the navigation, and their name beside it: at
    desktop widths (checked by `visit`) no link breaks over two lines."""
    from responses.demo import DEMO_PASSWORD, load_demo

    load_demo()
    page = new_page()
    sign_in(page, live_server, "admin", DEMO_PASSWORD)
    page.get_by_role("link", name="Administration").wait_for()
    visit(page, "dashboard-administrator")


def test_keyboard_user_reaches_main_content_through_the_skip_link(new_page, live_server):
    user = factories.make_user("keyboard")
    page = new_page()
    sign_in(page, live_server, user.username, factories.PASSWORD)
    page.get_by_role("heading", name="Dashboard").wait_for()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_accessibility_check_catches_a_violation(new_page, live_server):
    from .conftest import check_accessibility

    page = new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate("document.querySelector('#id_username').removeAttribute('id')")
    with pytest.raises(AssertionError, match="label"):
        check_accessibility(page, "login with an unlabelled field")
