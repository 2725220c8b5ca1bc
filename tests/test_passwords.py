"""Password reset: the same for every address, and no way to flood an inbox."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import default_task_backend

from responses.passwords import RESETS_PER_ADDRESS, RESETS_PER_CLIENT, TOO_MANY_RESETS


@pytest.fixture(autouse=True)
def tasks_wait_in_a_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()


def _ask(client, email, django_capture_on_commit_callbacks, **extra):
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("password_reset"), {"email": email}, **extra)
    return response, [query["sql"] for query in queries]


def test_known_and_unknown_addresses_get_the_same_answer_and_no_email_yet(
    client, member, django_capture_on_commit_callbacks
):
    known, known_queries = _ask(client, member.email, django_capture_on_commit_callbacks)
    unknown, unknown_queries = _ask(
        client, "nobody@example.org", django_capture_on_commit_callbacks
    )

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert known.url == reverse("password_reset_done")
    assert known_queries == unknown_queries
    assert mail.outbox == []
    assert [r.kwargs for r in default_task_backend.results] == [
        {"email": member.email},
        {"email": "nobody@example.org"},
    ]


def test_the_queued_reset_emails_the_known_address_only(member, settings):
    from responses.tasks import send_password_reset

    settings.SITE_URL = "https://responses.example.org"
    send_password_reset.call(email="nobody@example.org")
    assert mail.outbox == []
    send_password_reset.call(email=member.email)
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert "https://responses.example.org/accounts/reset/" in mail.outbox[0].body


def test_resets_to_one_address_stop_after_the_limit(
    client, member, django_capture_on_commit_callbacks
):
    for _ in range(RESETS_PER_ADDRESS):
        answer, _ = _ask(client, member.email, django_capture_on_commit_callbacks)
        assert answer.status_code == 302
    queued = len(default_task_backend.results)

    refused, _ = _ask(client, member.email.upper(), django_capture_on_commit_callbacks)

    assert refused.status_code == 429
    assert TOO_MANY_RESETS in refused.content.decode()
    assert len(default_task_backend.results) == queued


def test_resets_from_one_client_stop_after_the_limit(
    client, db, django_capture_on_commit_callbacks
):
    for n in range(RESETS_PER_CLIENT):
        answer, _ = _ask(client, f"person{n}@example.org", django_capture_on_commit_callbacks)
        assert answer.status_code == 302
    queued = len(default_task_backend.results)

    refused, _ = _ask(client, "one-more@example.org", django_capture_on_commit_callbacks)

    assert refused.status_code == 429
    assert TOO_MANY_RESETS in refused.content.decode()
    assert len(default_task_backend.results) == queued
    # Someone else, from another address, may still ask.
    elsewhere, _ = _ask(
        client, "one-more@example.org", django_capture_on_commit_callbacks, REMOTE_ADDR="10.1.1.1"
    )
    assert elsewhere.status_code == 302
