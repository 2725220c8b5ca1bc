"""Emails go through the database task queue and the worker sends them."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from responses.notifications import section_approved


# The worker closes its database connection after each task, as it should: the test
# runs outside a wrapping transaction so that this ends nothing it needs.
@pytest.mark.django_db(transaction=True)
def test_emails_wait_in_the_queue_until_the_worker_runs(
    settings, statement, steering, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        section_approved(section=statement.sections.get(order=1))
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []
    call_command("db_worker", "--batch", verbosity=0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [steering.email]
