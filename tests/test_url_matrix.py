"""Every URL pattern of the product, for every role, with the expected status.

A new URL pattern fails `test_every_url_pattern_has_expectations` until it is added
here with what each role should get.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = ["anonymous", "outsider", "other_member", "member", "lead", "steering", "admin"]


def _everyone(status):
    return dict.fromkeys(ROLES, status)


def _signed_in(status, anonymous=302):
    return {**_everyone(status), "anonymous": anonymous}


# name: (method, url kwargs builder, expected status per role)
EXPECTATIONS = {
    "dashboard": ("get", lambda c: {}, _signed_in(200)),
    "report_detail": (
        "get",
        lambda c: {"slug": c["report"].slug},
        {**_signed_in(200), "outsider": 404},
    ),
    "response_start": (
        "post",
        lambda c: {"slug": c["report"].slug, "forum_slug": c["region"].slug},
        {
            "anonymous": 302,
            "outsider": 404,
            "other_member": 404,
            "member": 302,
            "lead": 302,
            "steering": 403,
            "admin": 302,
        },
    ),
    "response_detail": (
        "get",
        lambda c: {"pk": c["regional_response"].pk},
        {**_signed_in(200), "outsider": 404, "other_member": 404},
    ),
    "response_pdf": (
        "get",
        lambda c: {"pk": c["regional_response"].pk},
        {**_signed_in(200), "outsider": 404, "other_member": 404},
    ),
    "login": ("get", lambda c: {}, _everyone(200)),
    "logout": ("post", lambda c: {}, _everyone(302)),
    "password_change": ("get", lambda c: {}, _signed_in(200)),
    "password_change_done": ("get", lambda c: {}, _signed_in(200)),
    "password_reset": ("get", lambda c: {}, _everyone(200)),
    "password_reset_done": ("get", lambda c: {}, _everyone(200)),
    "password_reset_confirm": (
        "get",
        lambda c: {"uidb64": "MQ", "token": "not-a-token"},
        _everyone(200),
    ),
    "password_reset_complete": ("get", lambda c: {}, _everyone(200)),
}


def _pattern_names(patterns=None, namespace=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the Django admin: covered by test_admin.py
            yield from _pattern_names(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} needs a name"
            yield pattern.name


def test_every_url_pattern_has_expectations():
    assert set(_pattern_names()) == set(EXPECTATIONS)


@pytest.fixture
def cast(
    report,
    region,
    member,
    lead,
    other_member,
    steering,
    admin_user,
    outsider,
    regional_response,
):
    return {
        "report": report,
        "region": region,
        "regional_response": regional_response,
        "users": {
            "anonymous": None,
            "outsider": outsider,
            "other_member": other_member,
            "member": member,
            "lead": lead,
            "steering": steering,
            "admin": admin_user,
        },
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_role_gets_expected_status(client, cast, name, role):
    method, kwargs, expected = EXPECTATIONS[name]
    user = cast["users"][role]
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs=kwargs(cast))
    response = getattr(client, method)(url)
    assert response.status_code == expected[role], (name, role, response.status_code)
