import ast
import datetime
from pathlib import Path

from django.urls import reverse

from responses.approval import approve_section
from responses.audit_log import kind_choices
from responses.models import AuditEvent, AuditVerb

from . import factories

SOURCE = Path(__file__).resolve().parent.parent / "responses"
GIVEN = "<td>Approval given</td>"


def _what(verb: AuditVerb) -> str:
    return f"<td>{verb.label}</td>"


def test_record_filters_by_kind_person_and_report(client, statement, steering, second_steering):
    section = statement.sections.get(order=1)
    factories.draft(section, "Text.", author=steering)
    approve_section(section=section, revision_id=section.latest_revision_id, actor=steering)
    approve_section(section=section, revision_id=section.latest_revision_id, actor=second_steering)
    other_report = factories.make_report()
    client.force_login(steering)

    everything = client.get(reverse("audit_log")).content.decode()
    assert everything.count(GIVEN) == 2

    mine = client.get(reverse("audit_log"), {"person": steering.pk, "kind": "approval"})
    assert mine.content.decode().count(GIVEN) == 1
    exact = client.get(reverse("audit_log"), {"kind": "approval.given"})
    assert exact.content.decode().count(GIVEN) == 2

    elsewhere = client.get(reverse("audit_log"), {"report": other_report.pk})
    assert "Nothing on the record matches" in elsewhere.content.decode()


def test_record_ignores_malformed_filters(client, steering):
    client.force_login(steering)
    assert client.get(reverse("audit_log"), {"report": "x", "kind": "nope"}).status_code == 200


def test_record_costs_the_same_with_more_events(client, steering):
    statement_section = factories.make_response(
        factories.make_report(), factories.make_national(), author=steering
    ).sections.first()
    factories.draft(statement_section, "x", author=steering)
    approve_section(
        section=statement_section, revision_id=statement_section.latest_revision_id, actor=steering
    )
    client.force_login(steering)

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("audit_log"))
        return len(queries)

    small = count()
    for _ in range(30):
        factories.draft(statement_section, "x", author=steering)
        approve_section(
            section=statement_section,
            revision_id=statement_section.latest_revision_id,
            actor=steering,
        )
    assert count() == small


def test_every_kind_of_decision_is_on_the_record(
    client, statement, steering, second_steering, regional_response, lead
):
    from responses.approval import withdraw_approval
    from responses.drafting import reopen_response, submit_response
    from responses.publishing import publish_statement

    submit_response(response=regional_response, actor=lead)
    reopen_response(response=regional_response, actor=lead)
    section = statement.sections.get(order=1)
    factories.draft(section, "First.", author=steering)
    approve_section(section=section, revision_id=section.latest_revision_id, actor=steering)
    withdraw_approval(section=section, actor=steering)
    approve_section(section=section, revision_id=section.latest_revision_id, actor=steering)
    factories.draft(section, "Edited, which voids the approval.", author=steering)
    factories.approve_everything(statement, approvers=[steering, second_steering])
    publish_statement(statement=statement, actor=steering)
    client.force_login(steering)

    def shown(kind):
        return client.get(reverse("audit_log"), {"kind": kind}).content.decode()

    responses = shown("response")
    assert _what(AuditVerb.RESPONSE_SUBMITTED) in responses
    assert _what(AuditVerb.RESPONSE_REOPENED) in responses
    approvals = shown("approval")
    for verb in (AuditVerb.APPROVAL_GIVEN, AuditVerb.APPROVAL_WITHDRAWN, AuditVerb.APPROVAL_VOIDED):
        assert _what(verb) in approvals
    assert _what(AuditVerb.STATEMENT_PUBLISHED) in shown("statement.published")
    assert GIVEN not in shown("statement.published")


def test_record_shows_every_verb_whatever_its_data_is_called(client, steering, report):
    # Keys named like a dict's methods: a template reaching into the data itself would
    # find the method, or the value instead of the method, and fail.
    data = {"items": 3, "keys": "some keys", "values": [1, 2], "get": "got", "empty": ""}
    for verb in AuditVerb:
        AuditEvent.objects.create(
            actor=steering,
            verb=verb,
            target_type="report",
            target_id=str(report.pk),
            target_label=report.title,
            report=report,
            data=data,
        )
    client.force_login(steering)

    page = client.get(reverse("audit_log"))

    assert page.status_code == 200
    shown = page.content.decode()
    for verb in AuditVerb:
        assert _what(verb) in shown
    for detail in ("Items: 3", "Keys: some keys", "Values: 1, 2", "Get: got"):
        assert shown.count(detail) == len(AuditVerb)
    assert "Empty:" not in shown


def test_a_report_import_is_on_the_record_page(client, steering):
    from responses.importing.outline import DraftItem
    from responses.reports import create_report

    # Its data counts the report's "items", the key that once broke the page.
    create_report(
        actor=steering,
        title="Imported",
        response_deadline=datetime.date(2030, 1, 31),
        parts=[],
        items=[DraftItem(key=1, kind="recommendation", number="1", title="Fund it")],
        source="report.docx",
    )
    client.force_login(steering)
    page = client.get(reverse("audit_log"))
    assert page.status_code == 200
    assert _what(AuditVerb.REPORT_CREATED) in page.content.decode()
    assert "Items: 1" in page.content.decode()


def _name(node: ast.expr) -> str | None:
    """`AuditVerb` in `AuditVerb.X` and in `audit.AuditVerb.X`."""
    return getattr(node, "attr", None) or getattr(node, "id", None)


def _verbs_written_in_the_source() -> set[str]:
    """Every verb the product's code hands to the audit writer: string literals given
    as `verb=` or assigned to a `verb`, and every AuditVerb member named anywhere."""
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            values = []
            if isinstance(node, ast.Call):
                values = [k.value for k in node.keywords if k.arg == "verb"]
            elif isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                values = [node.value] if "verb" in names else []
            elif (
                isinstance(node, ast.Attribute)
                and _name(node.value) == "AuditVerb"
                and node.attr.isupper()  # a member, not `.values` or `.choices`
            ):
                # A member that does not exist shows as its own name, offered nowhere.
                member = AuditVerb.__members__.get(node.attr)
                found.add(member.value if member else f"AuditVerb.{node.attr}")
            for value in values:
                for part in ast.walk(value):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        found.add(part.value)
    return found


def test_every_verb_written_anywhere_has_an_entry_in_the_filter():
    written = _verbs_written_in_the_source()
    # The scan finds the writers it is meant to find.
    assert {"report.created", "approval.given", "membership.revoked"} <= written
    offered = {value for _group, choices in kind_choices() for value, _label in choices}
    assert written - offered == set()
    assert set(AuditVerb.values) <= offered


def test_the_filter_lists_every_verb_with_a_plain_label(client, steering):
    client.force_login(steering)
    page = client.get(reverse("audit_log")).content.decode()
    for verb in AuditVerb:
        assert f'<option value="{verb.value}">{verb.label}</option>' in page
