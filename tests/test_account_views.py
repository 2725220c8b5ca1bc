"""The account page: who you are, and your API tokens."""

import pytest
from django.urls import reverse

from responses import tokens
from responses.models import ApiToken, AuditEvent, AuditVerb

ROLES = ["outsider", "other_member", "member", "lead", "steering", "admin_user"]


@pytest.mark.parametrize("role", ROLES)
def test_everyone_signed_in_sees_their_account_and_tokens(client, request, role):
    person = request.getfixturevalue(role)
    tokens.create_api_token(actor=person, name="Forum spreadsheet")
    client.force_login(person)
    page = client.get(reverse("account"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Your account</h1>" in html
    assert person.email in html and person.username in html
    assert '<h2 id="tokens-heading">API tokens</h2>' in html
    assert "Forum spreadsheet" in html and "Never" in html
    assert 'for="id_name"' in html
    assert f'href="{reverse("account")}" aria-current="page"' in html  # from the navigation


def test_signed_out_the_account_page_asks_to_sign_in(client, db):
    page = client.get(reverse("account"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("login"))


def test_a_new_token_is_shown_once_on_the_page_the_form_leads_to(client, member):
    client.force_login(member)
    made = client.post(reverse("account"), {"name": "Forum spreadsheet"})
    assert made.status_code == 302 and made["Location"] == reverse("account")
    page = client.get(reverse("account"))
    key = page.context["new_token"].key
    assert tokens.authenticate(key) == member
    html = page.content.decode()
    assert f'value="{key}"' in html and "shown only this once" in html
    assert page["Cache-Control"] == "private, no-store"
    again = client.get(reverse("account")).content.decode()  # a reload
    assert key not in again and "Forum spreadsheet" in again
    assert ApiToken.objects.filter(person=member).count() == 1
    assert key not in str(dict(client.session))


def test_a_token_without_a_name_is_not_made(client, member):
    client.force_login(member)
    page = client.post(reverse("account"), {"name": "   "})
    assert page.status_code == 400
    assert "Give the token a name" in page.content.decode()
    assert not ApiToken.objects.exists() and not AuditEvent.objects.exists()


def test_the_owner_revokes_their_token(client, member):
    made = tokens.create_api_token(actor=member, name="Forum spreadsheet")
    client.force_login(member)
    page = client.post(reverse("api_token_revoke", args=[made.token.pk]), follow=True)
    assert page.redirect_chain == [(reverse("account"), 302)]
    assert "The token “Forum spreadsheet” is revoked" in page.content.decode()
    assert tokens.authenticate(made.key) is None
    assert "You have no API tokens." in page.content.decode()


@pytest.mark.parametrize("role", ["lead", "steering", "admin_user"])
def test_nobody_else_can_revoke_a_token(client, request, member, role):
    made = tokens.create_api_token(actor=member, name="Forum spreadsheet")
    client.force_login(request.getfixturevalue(role))
    assert client.post(reverse("api_token_revoke", args=[made.token.pk])).status_code == 404
    assert tokens.authenticate(made.key) == member


def test_a_revoked_token_cannot_be_revoked_again(client, member):
    made = tokens.create_api_token(actor=member, name="A script")
    tokens.revoke_api_token(actor=member, token=made.token)
    client.force_login(member)
    assert client.post(reverse("api_token_revoke", args=[made.token.pk])).status_code == 404
    assert AuditEvent.objects.filter(verb=AuditVerb.API_TOKEN_REVOKED).count() == 1


def test_revoking_takes_a_post(client, member):
    made = tokens.create_api_token(actor=member, name="A script")
    client.force_login(member)
    assert client.get(reverse("api_token_revoke", args=[made.token.pk])).status_code == 405
    assert tokens.authenticate(made.key) == member


def test_the_record_shows_tokens_made_and_revoked(client, member, steering):
    made = tokens.create_api_token(actor=member, name="Forum spreadsheet")
    tokens.revoke_api_token(actor=member, token=made.token)
    client.force_login(steering)
    page = client.get(reverse("audit_log"), {"kind": "api_token"}).content.decode()
    assert "API token created" in page and "API token revoked" in page
    assert page.count("API token “Forum spreadsheet”") == 2
    assert '<optgroup label="API tokens">' in page
    assert '<option value="api_token" selected>All API token events</option>' in page
