from django.core import mail
from django.urls import reverse

from responses.models import AuditEvent, Response

from . import factories


def test_dashboard_shows_the_members_forum_and_deadline(client, member, report, regional_response):
    client.force_login(member)
    page = client.get(reverse("dashboard")).content.decode()
    assert report.title in page
    assert "London" in page
    assert "days left" in page
    assert "0 of 5 sections have text" in page
    assert "Every forum" not in page


def test_dashboard_shows_progress_after_drafting(client, member, regional_response):
    section = regional_response.sections.get(order=1)
    factories.draft(section, "We agree.", author=member)
    client.force_login(member)
    page = client.get(reverse("dashboard")).content.decode()
    assert "1 of 5 sections have text" in page
    assert "1 of 3 stances taken" in page


def test_steering_sees_every_forums_progress(client, steering, report, region, other_region):
    client.force_login(steering)
    page = client.get(reverse("dashboard")).content.decode()
    assert "The national network and the regions" in page
    assert "London" in page and "North West" in page
    assert "<strong>Regions:</strong> 0 of 2 submitted" in page


def test_outsider_is_told_to_ask_their_lead(client, outsider, report):
    client.force_login(outsider)
    page = client.get(reverse("dashboard")).content.decode()
    assert "not a member of any forum" in page
    assert report.title not in page


def test_report_page_lists_parts_and_items(client, member, report):
    client.force_login(member)
    page = client.get(reverse("report_detail", args=[report.slug])).content.decode()
    assert "Part 2: Recommendations" in page
    assert "Recommendation 2: Recommendation title 2" in page
    assert "The report&#x27;s text for recommendation 3." in page


def test_member_starts_their_forums_response(client, member, report, region):
    client.force_login(member)
    url = reverse("response_start", args=[report.slug, region.slug])
    result = client.post(url)
    response = Response.objects.get(report=report, forum=region)
    assert result.url == response.get_absolute_url()
    assert response.sections.count() == 5


def test_member_cannot_start_another_forums_response(client, other_member, report, region):
    client.force_login(other_member)
    result = client.post(reverse("response_start", args=[report.slug, region.slug]))
    assert result.status_code == 404
    assert not Response.objects.exists()


def test_response_page_shows_sanitised_text(client, member, steering, regional_response):
    section = regional_response.sections.get(order=1)
    factories.draft(section, "**Bold** <script>alert(1)</script>", author=member)
    client.force_login(steering)
    page = client.get(regional_response.get_absolute_url()).content.decode()
    assert "<strong>Bold</strong>" in page
    assert "<script>alert(1)" not in page
    assert "Agrees" in page
    client.force_login(member)
    page = client.get(regional_response.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)" in page  # in the editor, as text
    assert "<script>alert(1)" not in page


def test_login_with_wrong_password_says_so(client, member):
    page = client.post(reverse("login"), {"username": "member", "password": "wrong"})
    assert page.status_code == 200
    assert "Please enter a correct username and password" in page.content.decode()


def test_login_and_logout(client, member):
    result = client.post(reverse("login"), {"username": "member", "password": factories.PASSWORD})
    assert result.url == reverse("dashboard")
    assert client.post(reverse("logout")).url == reverse("login")
    assert client.get(reverse("dashboard")).status_code == 302


def test_password_reset_sends_an_email(client, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": member.email})
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_pages_carry_a_skip_link_and_language(client, member):
    client.force_login(member)
    page = client.get(reverse("dashboard")).content.decode()
    assert '<html lang="en-GB">' in page
    assert 'href="#main"' in page and 'id="main"' in page


def test_csp_header_forbids_inline_script(client, member):
    client.force_login(member)
    header = client.get(reverse("dashboard"))["Content-Security-Policy"]
    script_src = next(d for d in header.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src


def test_membership_granted_in_admin_is_on_the_record(client, admin_user, region):
    user = factories.make_user("newcomer")
    client.force_login(admin_user)
    client.post(
        reverse("admin:responses_membership_add"),
        {"user": user.pk, "forum": region.pk, "role": "lead"},
    )
    event = AuditEvent.objects.get(verb="membership.granted")
    assert event.actor == admin_user
    assert event.data["role"] == "lead"


def test_sign_in_locks_after_five_failures_for_that_user_and_address(client, member):
    for _ in range(5):
        client.post(reverse("login"), {"username": "member", "password": "wrong"})
    locked = client.post(reverse("login"), {"username": "member", "password": factories.PASSWORD})
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def _sign_in_through_the_proxy(client, password: str, forwarded_for: str):
    # The test client connects from 127.0.0.1: that is the proxy; the proxy appends the
    # address it was reached from to whatever X-Forwarded-For the client sent.
    return client.post(
        reverse("login"),
        {"username": "member", "password": password},
        headers={"x-forwarded-for": forwarded_for},
    )


def test_behind_the_proxy_each_client_address_is_counted_on_its_own(client, member, settings):
    from .test_settings import BEHIND_ONE_PROXY

    for name, value in BEHIND_ONE_PROXY.items():
        setattr(settings, name, value)
    # Someone at 8.8.8.8 guesses the member's password, pretending to be at 9.9.9.9.
    for _ in range(5):
        _sign_in_through_the_proxy(client, "wrong", "9.9.9.9, 8.8.8.8")
    assert _sign_in_through_the_proxy(client, factories.PASSWORD, "8.8.8.8").status_code == 429

    # The member, at 9.9.9.9 and at the proxy's own address, is not locked out.
    assert _sign_in_through_the_proxy(client, factories.PASSWORD, "9.9.9.9").status_code == 302
    client.post(reverse("logout"))
    assert (
        client.post(
            reverse("login"), {"username": "member", "password": factories.PASSWORD}
        ).status_code
        == 302
    )


def test_lockout_does_not_stop_someone_else_at_the_same_address(client, member, lead):
    for _ in range(5):
        client.post(reverse("login"), {"username": "member", "password": "wrong"})
    result = client.post(reverse("login"), {"username": "lead", "password": factories.PASSWORD})
    assert result.status_code == 302
