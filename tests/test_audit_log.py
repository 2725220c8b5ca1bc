from django.urls import reverse

from responses.approval import approve_section

from . import factories


def test_record_filters_by_kind_person_and_report(client, statement, steering, second_steering):
    section = statement.sections.get(order=1)
    factories.draft(section, "Text.", author=steering)
    approve_section(section=section, revision_id=section.latest_revision_id, actor=steering)
    approve_section(section=section, revision_id=section.latest_revision_id, actor=second_steering)
    other_report = factories.make_report()
    client.force_login(steering)

    everything = client.get(reverse("audit_log")).content.decode()
    assert everything.count("approval.given") == 2

    mine = client.get(reverse("audit_log"), {"person": steering.pk, "kind": "approval"})
    assert mine.content.decode().count("approval.given") == 1

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

    assert "response.submitted" in shown("submission")
    assert "response.reopened" in shown("submission")
    approvals = shown("approval")
    for verb in ("approval.given", "approval.withdrawn", "approval.voided"):
        assert verb in approvals
    assert "statement.published" in shown("publication")
    assert "approval.given" not in shown("publication")
