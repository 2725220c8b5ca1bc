"""Every URL pattern of the product, for every role, with the expected status.

A new URL pattern fails `test_every_url_pattern_has_expectations` until it is added
here with what each role should get.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from responses.comments import add_comment

from . import factories

ROLES = ["anonymous", "outsider", "other_member", "member", "lead", "steering", "admin"]


def _everyone(status):
    return dict.fromkeys(ROLES, status)


def _signed_in(status, anonymous=302):
    return {**_everyone(status), "anonymous": anonymous}


# Writes to a regional response: its members and lead (and administrators) go on with
# a redirect; steering may read it but not change it; other forums see nothing.
_DRAFTERS_ONLY = {
    "anonymous": 302,
    "outsider": 404,
    "other_member": 404,
    "member": 302,
    "lead": 302,
    "steering": 403,
    "admin": 302,
}


def _importers(steering, admin):
    """Only administrators and steering members import reports."""
    return {**_signed_in(403), "steering": steering, "admin": admin}


# The steering group's pages: regional people may see the report, not every position.
STEERING_ONLY = {
    "anonymous": 302,
    "outsider": 404,
    "other_member": 403,
    "member": 403,
    "lead": 403,
    "steering": 200,
    "admin": 200,
}
STEERING_WRITES = {**STEERING_ONLY, "steering": 302, "admin": 302}


def _item(c):
    return {"slug": c["report"].slug, "item_pk": c["report"].items.order_by("order").first().pk}


def _published(c):
    """Publish the statement (a real PDF render) only for the pages that need it."""
    if "publication" not in c:
        c["publication"] = factories.publish(c["statement"], approvers=c["approvers"])
    return c["publication"]


def _published_kwargs(c, *, version=True):
    kwargs = {"slug": c["report"].slug}
    if version:
        kwargs["version"] = _published(c).version
    else:
        _published(c)
    return kwargs


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
    "statement_overview": (
        "get",
        lambda c: {"slug": c["report"].slug},
        {**_signed_in(404), "steering": 200, "admin": 200},
    ),
    "statement_request_approval": (
        "post",
        lambda c: {"slug": c["report"].slug},
        {**_signed_in(404), "steering": 302, "admin": 302},
    ),
    "statement_publish": (
        "post",
        lambda c: {"slug": c["report"].slug},
        {**_signed_in(404), "steering": 302, "admin": 403},
    ),
    "section_approve": (
        "post",
        lambda c: {"pk": c["statement_section"].pk},
        {**_signed_in(404), "steering": 302, "admin": 403},
    ),
    "section_withdraw_approval": (
        "post",
        lambda c: {"pk": c["statement_section"].pk},
        {**_signed_in(404), "steering": 302, "admin": 403},
    ),
    "statement_latest": (
        "get",
        lambda c: _published_kwargs(c, version=False),
        _everyone(200),
    ),
    "statement_version": (
        "get",
        _published_kwargs,
        _everyone(200),
    ),
    "statement_pdf": (
        "get",
        _published_kwargs,
        _everyone(200),
    ),
    "audit_log": ("get", lambda c: {}, {**_signed_in(403), "steering": 200, "admin": 200}),
    "response_submit": (
        "get",
        lambda c: {"pk": c["regional_response"].pk},
        {**_DRAFTERS_ONLY, "member": 403, "steering": 403, "lead": 200, "admin": 200},
    ),
    "response_reopen": (
        "post",
        lambda c: {"pk": c["regional_response"].pk},
        {**_DRAFTERS_ONLY, "member": 403, "steering": 403},
    ),
    "response_presence": (
        "post",
        lambda c: {"pk": c["regional_response"].pk},
        {**_signed_in(200), "outsider": 404, "other_member": 404},
    ),
    "section_save": ("post", lambda c: {"pk": c["section"].pk}, _DRAFTERS_ONLY),
    "section_preview": (
        "post",
        lambda c: {"pk": c["section"].pk},
        {**_DRAFTERS_ONLY, "member": 200, "lead": 200, "admin": 200},
    ),
    "section_history": (
        "get",
        lambda c: {"pk": c["section"].pk},
        {**_signed_in(200), "outsider": 404, "other_member": 404},
    ),
    "revision_restore": (
        "post",
        lambda c: {"pk": c["section"].pk, "revision_pk": c["revision"].pk},
        _DRAFTERS_ONLY,
    ),
    "comment_add": ("post", lambda c: {"pk": c["section"].pk}, _DRAFTERS_ONLY),
    "comment_resolve": ("post", lambda c: {"pk": c["comment"].pk}, _DRAFTERS_ONLY),
    "comment_reopen": ("post", lambda c: {"pk": c["comment"].pk}, _DRAFTERS_ONLY),
    "import_start": ("get", lambda c: {}, _importers(200, 200)),
    # An import belongs to the administrator who started it: the steering member,
    # who may import too, does not find it.
    "import_preview": ("get", lambda c: {"pk": c["report_import"].pk}, _importers(404, 200)),
    "import_item": (
        "get",
        lambda c: {"pk": c["report_import"].pk, "key": 1},
        _importers(404, 200),
    ),
    "import_item_change": (
        "post",
        lambda c: {"pk": c["report_import"].pk, "key": 1},
        _importers(404, 302),
    ),
    "import_whole": ("post", lambda c: {"pk": c["report_import"].pk}, _importers(404, 302)),
    "import_confirm": ("post", lambda c: {"pk": c["report_import"].pk}, _importers(404, 200)),
    "import_discard": ("post", lambda c: {"pk": c["report_import"].pk}, _importers(404, 302)),
    "positions_matrix": ("get", lambda c: {"slug": c["report"].slug}, STEERING_ONLY),
    "positions_csv": ("get", lambda c: {"slug": c["report"].slug}, STEERING_ONLY),
    "statement_item": ("get", _item, STEERING_ONLY),
    "statement_item_start": ("post", _item, STEERING_WRITES),
    "statement_item_assemble": ("post", _item, STEERING_WRITES),
    "statement_item_use": ("post", _item, STEERING_WRITES),
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
    statement,
    second_steering,
    report_import,
):
    section = regional_response.sections.get(order=1)
    return {
        "report_import": report_import,
        "report": report,
        "statement_section": statement.sections.get(order=1),
        "statement": statement,
        "approvers": [steering, second_steering],
        "region": region,
        "regional_response": regional_response,
        "section": section,
        "revision": factories.draft(section, "First words.", author=member),
        "comment": add_comment(section=section, body="Is this right?", actor=member),
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
    if "_auth_user_id" in client.session:
        # Whatever the page, refused or not: nothing of a signed-in visit is kept.
        assert response["Cache-Control"] == "private, no-store", (name, role)
    if response.get("Content-Type", "").startswith("text/html"):
        policy = response.get("Content-Security-Policy", "")
        script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src, name


@pytest.mark.parametrize(
    "name", sorted(name for name, (method, _, _) in EXPECTATIONS.items() if method == "post")
)
def test_every_post_without_a_csrf_token_is_refused(cast, name):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast["users"]["admin"])
    _, kwargs, _ = EXPECTATIONS[name]
    assert client.post(reverse(name, kwargs=kwargs(cast))).status_code == 403
