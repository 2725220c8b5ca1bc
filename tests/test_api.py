"""The read-only JSON API: its schema and docs, the published statements for anyone,
and everyone's work through their own token, as the site would show it to them.

Every endpoint against every role is in test_url_matrix.py."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openapi_spec_validator import validate

from responses.comments import add_comment
from responses.models import ApiToken, Role, Stance
from responses.tokens import LAST_USED_EVERY, create_api_token

from . import factories


def _key(person) -> str:
    return create_api_token(actor=person, name="A script").key


def _get(client, name, *, key=None, **kwargs):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return client.get(reverse(f"api:{name}", kwargs=kwargs or None), headers=headers)


@pytest.fixture
def published(statement, steering, second_steering):
    return factories.publish(statement, approvers=[steering, second_steering])


# The schema and the docs -----------------------------------------------------------


def test_the_served_schema_is_valid_openapi(client, db):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "NNPCF responses"
    assert {"/api/v1/statements/", "/api/v1/responses/{pk}/"} <= set(schema["paths"])


def test_the_api_only_reads(client, db):
    """No endpoint takes anything but GET, so none needs a CSRF token."""
    schema = json.loads(client.get("/api/v1/schema/").content)
    methods = {method for path in schema["paths"].values() for method in path}
    assert methods == {"get"}
    assert client.post("/api/v1/statements/").status_code == 405
    assert client.delete("/api/v1/reports/").status_code == 405


def test_token_endpoints_say_they_need_the_token_in_the_schema(client, db):
    schema = json.loads(client.get("/api/v1/schema/").content)
    scheme = next(iter(schema["components"]["securitySchemes"].values()))
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    paths = schema["paths"]
    assert "security" not in paths["/api/v1/statements/"]["get"]
    assert paths["/api/v1/reports/"]["get"]["security"]


def test_the_docs_page_runs_swagger_from_the_sites_own_files_under_its_policy(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "/static/ninja/swagger-ui-init.js" in page
    assert "https://" not in page  # nothing from a CDN
    # Every script is a file of ours: the settings are data, which the policy lets be.
    scripts = page.split("<script")[1:]
    assert all(' src="/static/' in tag or 'type="application/json"' in tag for tag in scripts)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy + ";" and "unsafe" not in policy


# Published statements, for anyone ---------------------------------------------------


def test_published_statements_are_listed_without_a_token(client, published):
    response = _get(client, "api_statements")
    assert response.status_code == 200
    listed = response.json()
    assert listed["count"] == 1
    (entry,) = listed["items"]
    slug = published.response.report.slug
    assert entry["report"]["slug"] == slug
    assert entry["version"] == 1
    assert entry["sha256"] == published.pdf_sha256
    assert entry["url"] == f"http://testserver/statements/{slug}/v1/"
    assert entry["pdf_url"] == f"http://testserver/statements/{slug}/v1/pdf/"
    assert entry["word_url"] == f"http://testserver/statements/{slug}/v1/word/"


def test_a_published_statement_reads_as_it_was_published(client, published, steering):
    statement = published.response
    section = statement.sections.get(order=1)
    factories.draft(section, "Changed after publishing.", Stance.DISAGREE, author=steering)
    slug = statement.report.slug
    found = _get(client, "api_statement_latest", slug=slug).json()
    assert found == _get(client, "api_statement_version", slug=slug, version=1).json()
    by_id = {each["id"]: each for each in found["sections"]}
    assert by_id[section.pk]["text"] == "The national view."
    assert by_id[section.pk]["html"] == "<p>The national view.</p>\n"
    assert by_id[section.pk]["stance"] == Stance.AGREE
    introduction = found["sections"][0]
    assert (introduction["kind"], introduction["stance"]) == ("introduction", None)
    assert found["versions"] == [
        {
            "version": 1,
            "published_at": found["published_at"],
            "url": f"http://testserver/statements/{slug}/v1/",
        }
    ]


def test_an_unpublished_statement_or_version_is_not_found(client, statement, published):
    slug = statement.report.slug
    assert _get(client, "api_statement_version", slug=slug, version=2).status_code == 404
    assert _get(client, "api_statement_latest", slug="no-such-report").status_code == 404
    other = factories.make_report()
    assert _get(client, "api_statement_latest", slug=other.slug).status_code == 404


# Everyone's work, through their token --------------------------------------------------


def test_without_a_token_work_is_refused_with_401(client, regional_response):
    response = _get(client, "api_response", pk=regional_response.pk)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json() == {"detail": "A valid API token is needed."}


def test_the_token_of_someone_who_can_no_longer_sign_in_is_refused(client, member, report):
    key = _key(member)
    assert _get(client, "api_reports", key=key).status_code == 200
    member.is_active = False
    member.save()
    assert _get(client, "api_reports", key=key).status_code == 401


def test_a_session_does_not_open_the_api(client, member, report):
    """The API is for programs: a signed-in browser without a token gets nothing."""
    client.force_login(member)
    assert _get(client, "api_reports").status_code == 401


def test_a_member_reads_the_reports_with_their_items(client, member, report):
    listed = _get(client, "api_reports", key=_key(member)).json()
    assert listed["count"] == 1
    (found,) = listed["items"]
    assert found["slug"] == report.slug
    assert found["url"] == f"http://testserver/reports/{report.slug}/"
    assert [item["heading"] for item in found["items"]] == [
        f"Recommendation {n}: Recommendation title {n}" for n in (1, 2, 3)
    ]
    assert found["items"][0]["part"] == "Part 2: Recommendations"
    assert _get(client, "api_report", key=_key(member), slug=report.slug).json() == found


def test_someone_in_no_forum_sees_no_reports(client, outsider, report):
    key = _key(outsider)
    assert _get(client, "api_reports", key=key).json() == {"items": [], "count": 0}
    assert _get(client, "api_report", key=key, slug=report.slug).status_code == 404


def test_a_member_lists_the_responses_they_may_read(
    client, member, region, regional_response, other_response, report
):
    local = factories.make_local(region, "Camden")
    local_response = factories.make_response(report, local)
    listed = _get(client, "api_responses", key=_key(member)).json()
    assert sorted(each["id"] for each in listed["items"]) == sorted(
        [regional_response.pk, local_response.pk]
    )
    ours = next(each for each in listed["items"] if each["id"] == regional_response.pk)
    assert ours["forum"] == {"slug": region.slug, "name": "London", "kind": "region"}
    assert ours["status"] == "drafting"
    assert ours["url"] == f"http://testserver/responses/{regional_response.pk}/"
    assert ours["pdf_url"] == f"http://testserver/responses/{regional_response.pk}/pdf/"


def test_responses_are_narrowed_by_report_and_forum(
    client, steering, region, regional_response, other_response
):
    key = _key(steering)

    def ids(**filters):
        url = reverse("api:api_responses")
        found = client.get(url, filters, headers={"Authorization": f"Bearer {key}"}).json()
        return {each["id"] for each in found["items"]}

    assert ids() == {regional_response.pk, other_response.pk}
    assert ids(forum=region.slug) == {regional_response.pk}
    assert ids(report="another-report") == set()


def test_another_forums_response_and_section_are_not_found(client, other_member, regional_response):
    key = _key(other_member)
    assert _get(client, "api_response", key=key, pk=regional_response.pk).status_code == 404
    section = regional_response.sections.get(order=1)
    assert _get(client, "api_section", key=key, pk=section.pk).status_code == 404


def test_a_response_reads_with_every_section_its_stance_and_sanitised_text(
    client, member, regional_response
):
    section = regional_response.sections.get(order=1)
    revision = factories.draft(
        section, "We **agree**.<script>alert(1)</script>", Stance.AGREE, author=member
    )
    found = _get(client, "api_response", key=_key(member), pk=regional_response.pk).json()
    assert [each["order"] for each in found["sections"]] == list(range(5))
    drafted = next(each for each in found["sections"] if each["id"] == section.pk)
    assert drafted["stance"] == "agree"
    assert drafted["text"] == "We **agree**.<script>alert(1)</script>"
    assert "<strong>agree</strong>" in drafted["html"] and "<script" not in drafted["html"]
    assert drafted["revision_id"] == revision.pk
    assert drafted["item_id"] == section.item_id
    untouched = found["sections"][2]
    assert (untouched["stance"], untouched["text"], untouched["revision_id"]) == (
        "no_position",
        "",
        None,
    )
    one = _get(client, "api_section", key=_key(member), pk=section.pk).json()
    assert one == drafted


def test_the_positions_matrix_shows_the_forums_below_with_a_tally(
    client, lead, region, report, regional_response
):
    camden = factories.make_local(region, "Camden")
    factories.make_local(region, "Croydon")  # no response yet
    camden_response = factories.make_response(report, camden)
    first = report.items.order_by("order").first()
    factories.draft(camden_response.sections.get(item=first), "Yes.", Stance.AGREE)
    found = _get(
        client, "api_positions", key=_key(lead), slug=report.slug, forum_slug=region.slug
    ).json()
    assert found["forum"]["slug"] == region.slug
    assert [item["id"] for item in found["items"]] == list(
        report.items.order_by("order").values_list("pk", flat=True)
    )
    rows = {row["forum"]["name"]: row for row in found["rows"]}
    assert set(rows) == {"Camden", "Croydon"}
    assert rows["Camden"]["response_id"] == camden_response.pk
    assert rows["Camden"]["positions"][0] == {
        "item_id": first.pk,
        "stance": "agree",
        "stance_label": "Agrees",
    }
    assert rows["Croydon"]["positions"][0]["stance"] is None
    assert rows["Croydon"]["positions"][0]["stance_label"] == "No response"
    assert found["tallies"][0] == {
        "item_id": first.pk,
        "counts": {
            "agree": 1,
            "agree_with_concerns": 0,
            "disagree": 0,
            "no_position": 0,
            "no_response": 1,
        },
    }


def test_a_region_may_not_read_the_national_positions(client, lead, national, report):
    found = _get(client, "api_positions", key=_key(lead), slug=report.slug, forum_slug="national")
    assert found.status_code == 403
    assert "own people" in found.json()["detail"]


def test_answers_read_with_a_token_are_kept_by_no_cache(client, member, report):
    response = _get(client, "api_reports", key=_key(member))
    assert response["Cache-Control"] == "private, no-store"


def test_a_tokens_last_use_is_written_at_most_once_a_minute(client, member, report):
    made = create_api_token(actor=member, name="A script")
    assert made.token.last_used_at is None
    _get(client, "api_reports", key=made.key)
    first = ApiToken.objects.get(pk=made.token.pk).last_used_at
    assert first is not None
    with CaptureQueriesContext(connection) as queries:
        _get(client, "api_reports", key=made.key)
    assert not any(query["sql"].startswith("UPDATE") for query in queries)
    assert ApiToken.objects.get(pk=made.token.pk).last_used_at == first
    ApiToken.objects.filter(pk=made.token.pk).update(last_used_at=first - LAST_USED_EVERY)
    _get(client, "api_reports", key=made.key)
    assert ApiToken.objects.get(pk=made.token.pk).last_used_at > first


# The lists cost the same at any size ---------------------------------------------------


def _grow(report, region, count: int):
    """`count` more local forums under the region, each with its response drafted and
    commented on, and `count` more reports."""
    for n in range(count):
        local = factories.make_local(region)
        author = factories.make_member(local, Role.MEMBER)
        response = factories.make_response(report, local, author=author)
        section = response.sections.get(order=1)
        factories.draft(section, f"What families in {local.name} told us.", author=author)
        add_comment(section=section, body="An example?", actor=author)
        factories.make_report(items=2 + n % 3)


def _queries(client, calls) -> dict[str, int]:
    counts = {}
    for n, (name, key, kwargs) in enumerate(calls):
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        url = reverse(f"api:{name}", kwargs=kwargs)
        assert client.get(url, headers=headers).status_code == 200, name  # and warms
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, headers=headers).status_code == 200, name
        counts[f"{n} {name}"] = len(queries)
    return counts


def test_every_list_and_page_of_the_api_costs_the_same_queries_at_two_sizes(
    client, report, region, lead, steering, second_steering, statement
):
    factories.publish(statement, approvers=[steering, second_steering])
    slug = report.slug
    lead_key, steering_key = _key(lead), _key(steering)
    calls = [
        ("api_statements", None, None),
        ("api_statement_latest", None, {"slug": slug}),
        ("api_reports", lead_key, None),
        ("api_responses", lead_key, None),
        ("api_responses", steering_key, None),
        ("api_response", steering_key, {"pk": statement.pk}),
        ("api_positions", lead_key, {"slug": slug, "forum_slug": region.slug}),
        ("api_positions", steering_key, {"slug": slug, "forum_slug": "national"}),
    ]
    _grow(report, region, 2)
    small = _queries(client, calls)
    _grow(report, region, 12)
    large = _queries(client, calls)
    assert large == small
