"""Every URL pattern of the product, for every role, with the expected status.

A new URL pattern fails `test_every_url_pattern_has_expectations` until it is added
here with what each role should get.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from responses.comments import add_comment
from responses.drafting import save_section
from responses.models import Role, Stance
from responses.tokens import create_api_token, revoke_api_token

from . import factories

# Region people belong to the cast's region (London); local people to a local forum
# under it; other_member to another region.
ROLES = [
    "anonymous",
    "outsider",
    "other_member",
    "region_member",
    "region_lead",
    "local_member",
    "local_lead",
    "steering",
    "admin",
]


def _everyone(status):
    return dict.fromkeys(ROLES, status)


def _signed_in(status, anonymous=302):
    return {**_everyone(status), "anonymous": anonymous}


# Writes to a regional response: its members and lead (and administrators) go on with
# a redirect; steering may read it but not change it; other forums, and the local
# forums below it, see nothing.
_DRAFTERS_ONLY = {
    "anonymous": 302,
    "outsider": 404,
    "other_member": 404,
    "region_member": 302,
    "region_lead": 302,
    "local_member": 404,
    "local_lead": 404,
    "steering": 403,
    "admin": 302,
}


# Reads of a regional response: its people, steering and administrators; not other
# regions, nor (yet) the local forums below it.
_READERS = {
    **_signed_in(200),
    "outsider": 404,
    "other_member": 404,
    "local_member": 404,
    "local_lead": 404,
}


def _people(status):
    """A forum's people are run by its leads (and administrators); its members and the
    steering group see the forum but not this."""
    return {**_DRAFTERS_ONLY, "region_member": 403, "region_lead": status, "admin": status}


def _importers(steering, admin):
    """Only administrators and steering members import reports."""
    return {**_signed_in(403), "steering": steering, "admin": admin}


# A region's positions and drafting workspace: its people and the steering group; its
# local forums and other regions may see the report, not the region's view of it.
POSITIONS_READERS = {
    **_signed_in(403),
    "outsider": 404,
    "region_member": 200,
    "region_lead": 200,
    "steering": 200,
    "admin": 200,
}
# Drafting the region's response from there: its own people; steering reads only.
POSITIONS_WRITERS = {**POSITIONS_READERS, "region_member": 302, "region_lead": 302, "admin": 302}
POSITIONS_WRITERS["steering"] = 403
# The national network's: the steering group and administrators only.
STEERING_ONLY = {**POSITIONS_READERS, "region_member": 403, "region_lead": 403}
STEERING_WRITES = {**STEERING_ONLY, "steering": 302, "admin": 302}


def _positions(forum):
    return lambda c: {"slug": c["report"].slug, "forum_slug": c[forum].slug}


def _item(forum):
    def kwargs(c):
        item = c["report"].items.order_by("order").first()
        return {"slug": c["report"].slug, "forum_slug": c[forum].slug, "item_pk": item.pk}

    return kwargs


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


def _clash(c):
    """A text kept aside because it clashed with a later save, made only when asked."""
    if "kept" not in c:
        c["kept"] = save_section(
            section=c["section"],
            text="Words from a document.",
            stance=Stance.AGREE,
            base_revision_id=None,
            actor=c["users"]["region_member"],
        ).own_revision
    return {"pk": c["section"].pk, "revision_pk": c["kept"].pk}


def _api(expected):
    """An API endpoint that reads someone's work: each role calls it with a token of
    its own; without one (anonymous) it is a 401, where a page would send to sign-in."""
    return {**expected, "anonymous": 401}


def _own_token(c):
    """A token of the region member's, made only when asked for."""
    if "own_token" not in c:
        c["own_token"] = create_api_token(actor=c["users"]["region_member"], name="Mine").token
    return {"pk": c["own_token"].pk}


# Pages for those who edit the response, with nothing to change by visiting them.
_EDITORS_PAGE = {**_DRAFTERS_ONLY, "region_member": 200, "region_lead": 200, "admin": 200}


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
            "region_member": 302,
            "region_lead": 302,
            "local_member": 404,
            "local_lead": 404,
            "steering": 403,
            "admin": 302,
        },
    ),
    "response_detail": (
        "get",
        lambda c: {"pk": c["regional_response"].pk},
        _READERS,
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
    "search": ("get", lambda c: {}, _signed_in(200)),
    "statement_index": ("get", lambda c: {}, _everyone(200)),
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
    "statement_docx": (
        "get",
        _published_kwargs,
        _everyone(200),
    ),
    "audit_log": ("get", lambda c: {}, {**_signed_in(403), "steering": 200, "admin": 200}),
    "response_submit": (
        "get",
        lambda c: {"pk": c["regional_response"].pk},
        {**_DRAFTERS_ONLY, "region_member": 403, "steering": 403, "region_lead": 200, "admin": 200},
    ),
    "response_reopen": (
        "post",
        lambda c: {"pk": c["regional_response"].pk},
        {**_DRAFTERS_ONLY, "region_member": 403, "steering": 403},
    ),
    "response_presence": (
        "post",
        lambda c: {"pk": c["regional_response"].pk},
        _READERS,
    ),
    "section_save": ("post", lambda c: {"pk": c["section"].pk}, _DRAFTERS_ONLY),
    "section_preview": (
        "post",
        lambda c: {"pk": c["section"].pk},
        {**_DRAFTERS_ONLY, "region_member": 200, "region_lead": 200, "admin": 200},
    ),
    "section_clash": ("get", _clash, _EDITORS_PAGE),
    "response_bring_in": ("get", lambda c: {"pk": c["regional_response"].pk}, _EDITORS_PAGE),
    # With no document waiting, the preview and confirming go back to the upload.
    "response_bring_in_preview": (
        "get",
        lambda c: {"pk": c["regional_response"].pk},
        _DRAFTERS_ONLY,
    ),
    "response_bring_in_confirm": (
        "post",
        lambda c: {"pk": c["regional_response"].pk},
        _DRAFTERS_ONLY,
    ),
    "section_history": (
        "get",
        lambda c: {"pk": c["section"].pk},
        _READERS,
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
    "positions_matrix": ("get", _positions("region"), POSITIONS_READERS),
    "positions_csv": ("get", _positions("region"), POSITIONS_READERS),
    "workspace_item": ("get", _item("region"), POSITIONS_READERS),
    "workspace_item_start": ("post", _item("region"), POSITIONS_WRITERS),
    "workspace_item_assemble": ("post", _item("region"), POSITIONS_WRITERS),
    "workspace_item_use": ("post", _item("region"), POSITIONS_WRITERS),
    "response_pdf": (
        "get",
        lambda c: {"pk": c["regional_response"].pk},
        _READERS,
    ),
    "response_docx": (
        "get",
        lambda c: {"pk": c["regional_response"].pk},
        _READERS,
    ),
    "forum_people": ("get", lambda c: {"forum_slug": c["region"].slug}, _people(200)),
    "forum_invite": ("post", lambda c: {"forum_slug": c["region"].slug}, _people(400)),
    "invitation_resend": ("post", lambda c: {"pk": c["invitation"].pk}, _people(302)),
    "invitation_cancel": ("post", lambda c: {"pk": c["invitation"].pk}, _people(302)),
    "membership_role": ("post", lambda c: {"pk": c["membership"].pk}, _people(302)),
    "membership_remove": ("get", lambda c: {"pk": c["membership"].pk}, _people(200)),
    # The link is the key: anyone holding it gets the page (a stranger signed in is
    # told it is not for them).
    "invitation_accept": ("get", lambda c: {"token": c["token"]}, _everyone(200)),
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
    # Probes ask it without signing in; it says only whether the database answers.
    "health": ("get", lambda c: {}, _everyone(200)),
    "account": ("get", lambda c: {}, _signed_in(200)),
    # Someone else's token is not found, as if it did not exist.
    "api_token_revoke": ("post", _own_token, {**_signed_in(404), "region_member": 302}),
    # The API. Its schema and docs, and the published statements, are for anyone; its
    # root only says where the docs are.
    "api:openapi-json": ("get", lambda c: {}, _everyone(200)),
    "api:openapi-view": ("get", lambda c: {}, _everyone(200)),
    "api:api-root": ("get", lambda c: {}, _everyone(404)),
    "api:api_statements": ("get", lambda c: {}, _everyone(200)),
    "api:api_statement_latest": (
        "get",
        lambda c: _published_kwargs(c, version=False),
        _everyone(200),
    ),
    "api:api_statement_version": ("get", _published_kwargs, _everyone(200)),
    # The rest as the site's pages answer the same person.
    "api:api_reports": ("get", lambda c: {}, _api(_everyone(200))),
    "api:api_report": (
        "get",
        lambda c: {"slug": c["report"].slug},
        _api({**_everyone(200), "outsider": 404}),
    ),
    "api:api_positions": ("get", _positions("region"), _api(POSITIONS_READERS)),
    "api:api_responses": ("get", lambda c: {}, _api(_everyone(200))),
    "api:api_response": ("get", lambda c: {"pk": c["regional_response"].pk}, _api(_READERS)),
    "api:api_section": ("get", lambda c: {"pk": c["section"].pk}, _api(_READERS)),
}


# The same patterns for another forum or level: (name, what it is, method, url kwargs,
# expected status per role).
MORE_CASES = [
    ("positions_matrix", "national", "get", _positions("national"), STEERING_ONLY),
    ("positions_csv", "national", "get", _positions("national"), STEERING_ONLY),
    ("workspace_item", "national", "get", _item("national"), STEERING_ONLY),
    ("workspace_item_start", "national", "post", _item("national"), STEERING_WRITES),
    ("workspace_item_assemble", "national", "post", _item("national"), STEERING_WRITES),
    ("workspace_item_use", "national", "post", _item("national"), STEERING_WRITES),
    # A local forum's response: its own people draft it; its region's people and the
    # steering group read it; other regions see nothing.
    (
        "response_detail",
        "local",
        "get",
        lambda c: {"pk": c["local_response"].pk},
        {**_signed_in(200), "outsider": 404, "other_member": 404},
    ),
    # The downloads of a local forum's response and of the statement's draft: the same
    # readers as their pages (the statement's: the steering group and administrators).
    *(
        (name, what, "get", kwargs, expected)
        for what, kwargs, expected in [
            (
                "local",
                lambda c: {"pk": c["local_response"].pk},
                {**_signed_in(200), "outsider": 404, "other_member": 404},
            ),
            (
                "statement",
                lambda c: {"pk": c["statement"].pk},
                {**_signed_in(404), "steering": 200, "admin": 200},
            ),
        ]
        for name in ("response_pdf", "response_docx")
    ),
    (
        "section_save",
        "local",
        "post",
        lambda c: {"pk": c["local_section"].pk},
        {
            **_signed_in(403),
            "outsider": 404,
            "other_member": 404,
            "local_member": 302,
            "local_lead": 302,
            "admin": 302,
        },
    ),
    (
        "response_submit",
        "local",
        "get",
        lambda c: {"pk": c["local_response"].pk},
        {
            **_signed_in(403),
            "outsider": 404,
            "other_member": 404,
            "local_lead": 200,
            "admin": 200,
        },
    ),
    (
        "response_start",
        "local",
        "post",
        lambda c: {"slug": c["report"].slug, "forum_slug": c["local"].slug},
        {
            **_signed_in(403),
            "outsider": 404,
            "other_member": 404,
            "local_member": 302,
            "local_lead": 302,
            "admin": 302,
        },
    ),
    # A local forum's people bring text into its response; its region reads it only.
    (
        "response_bring_in",
        "local",
        "get",
        lambda c: {"pk": c["local_response"].pk},
        {
            **_signed_in(403),
            "outsider": 404,
            "other_member": 404,
            "local_member": 200,
            "local_lead": 200,
            "admin": 200,
        },
    ),
    # A region drafts from its local forums; a local forum has nobody below it.
    ("positions_matrix", "local", "get", _positions("local"), {**_signed_in(404)}),
    # Creating a token with nothing filled in creates nothing.
    ("account", "create", "post", lambda c: {}, _signed_in(400)),
    # The API reads other levels as the pages do.
    ("api:api_positions", "national", "get", _positions("national"), _api(STEERING_ONLY)),
    ("api:api_positions", "local", "get", _positions("local"), _api(_everyone(404))),
    (
        "api:api_response",
        "local",
        "get",
        lambda c: {"pk": c["local_response"].pk},
        _api({**_everyone(200), "outsider": 404, "other_member": 404}),
    ),
    (
        "api:api_response",
        "statement",
        "get",
        lambda c: {"pk": c["statement"].pk},
        _api({**_everyone(404), "steering": 200, "admin": 200}),
    ),
]


def _pattern_names(patterns=None, namespace=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the Django admin: covered by test_admin.py
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _pattern_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} needs a name"
            yield namespace + pattern.name


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
    national,
):
    section = regional_response.sections.get(order=1)
    local = factories.make_local(region, "Camden")
    local_member = factories.make_member(local, Role.MEMBER, username="localmember")
    local_lead = factories.make_member(local, Role.LEAD, username="locallead")
    local_response = factories.make_response(report, local, author=local_member)
    invitation, token = factories.invite_someone(region, actor=lead)
    return {
        "invitation": invitation,
        "token": token,
        "membership": member.memberships.get(forum=region),
        "report_import": report_import,
        "report": report,
        "statement_section": statement.sections.get(order=1),
        "statement": statement,
        "approvers": [steering, second_steering],
        "national": national,
        "region": region,
        "local": local,
        "regional_response": regional_response,
        "local_response": local_response,
        "local_section": local_response.sections.get(order=1),
        "section": section,
        "revision": factories.draft(section, "First words.", author=member),
        "comment": add_comment(section=section, body="Is this right?", actor=member),
        "users": {
            "anonymous": None,
            "outsider": outsider,
            "other_member": other_member,
            "region_member": member,
            "region_lead": lead,
            "local_member": local_member,
            "local_lead": local_lead,
            "steering": steering,
            "admin": admin_user,
        },
    }


CASES = {
    **{(name, ""): spec for name, spec in EXPECTATIONS.items()},
    **{
        (name, what): (method, kwargs, expected)
        for name, what, method, kwargs, expected in MORE_CASES
    },
}


def _is_api(name: str) -> bool:
    return name.startswith("api:")


def _key_of(c, role: str) -> str:
    """The API token of a role's person, made the first time it is asked for."""
    keys = c.setdefault("keys", {})
    if role not in keys:
        keys[role] = create_api_token(actor=c["users"][role], name="Matrix").key
    return keys[role]


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", sorted(CASES), ids="{0[0]} {0[1]}".format)
def test_role_gets_expected_status(client, cast, case, role):
    name = case[0]
    method, kwargs, expected = CASES[case]
    assert set(expected) == set(ROLES), name
    user = cast["users"][role]
    headers = {}
    if user is not None and _is_api(name):
        headers = _bearer(_key_of(cast, role))  # the API signs in by token, never by session
    elif user is not None:
        client.force_login(user)
    url = reverse(name, kwargs=kwargs(cast))
    response = getattr(client, method)(url, headers=headers)
    assert response.status_code == expected[role], (case, role, response.status_code)
    signed_in_by_token = headers and expected["anonymous"] == 401
    if "_auth_user_id" in client.session or signed_in_by_token:
        # Whatever the page, refused or not: nothing of a signed-in visit is kept.
        assert response["Cache-Control"] == "private, no-store", (case, role)
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


# The API endpoints that read someone's work.
TOKEN_CASES = sorted(
    case
    for case, (_, _, expected) in CASES.items()
    if _is_api(case[0]) and expected["anonymous"] == 401
)


@pytest.mark.parametrize("case", TOKEN_CASES, ids="{0[0]} {0[1]}".format)
def test_every_api_endpoint_refuses_a_revoked_or_wrong_token(client, cast, case):
    name = case[0]
    method, kwargs, expected = CASES[case]
    url = reverse(name, kwargs=kwargs(cast))
    admin = cast["users"]["admin"]
    made = create_api_token(actor=admin, name="Soon revoked")
    assert getattr(client, method)(url, headers=_bearer(made.key)).status_code == expected["admin"]
    revoke_api_token(actor=admin, token=made.token)
    wrong = [made.key, made.key[:-1] + ("A" if made.key[-1] != "A" else "B"), "nnpcf_", "x" * 50]
    for key in wrong:
        refused = getattr(client, method)(url, headers=_bearer(key))
        assert refused.status_code == 401, (case, key)
        assert refused["WWW-Authenticate"] == "Bearer"
    for header in (f"Token {made.key}", made.key, "Bearer"):
        assert getattr(client, method)(url, headers={"Authorization": header}).status_code == 401
