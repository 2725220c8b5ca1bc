"""The health check: 200 while the database answers, 503 while it does not."""

from unittest import mock

from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.urls import reverse

from .test_settings import _manage


def test_health_answers_ok_without_signing_in(client, db):
    answer = client.get(reverse("health"))

    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in answer["Cache-Control"]


def test_health_answers_503_when_the_database_errors(client, db):
    with mock.patch.object(
        BaseDatabaseWrapper, "cursor", side_effect=OperationalError("connection refused")
    ):
        answer = client.get(reverse("health"))

    assert answer.status_code == 503
    assert answer.json() == {"status": "unavailable", "database": "unreachable"}


def test_health_answers_503_when_the_database_cannot_be_opened(tmp_path):
    script = (
        "from django.test import Client; "
        "answer = Client().get('/health/', HTTP_HOST='localhost'); "
        "print(answer.status_code, answer.content.decode())"
    )
    missing = tmp_path / "no-such-folder" / "db.sqlite3"

    result = _manage(
        "shell", "--no-imports", "-c", script, DATABASE_URL="", SQLITE_PATH=str(missing)
    )

    assert result.stdout.strip() == '503 {"status": "unavailable", "database": "unreachable"}'


def test_health_is_not_sent_to_https_by_the_production_redirect(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get(reverse("dashboard")).status_code == 301
    assert client.get(reverse("health")).status_code == 200


def test_health_only_answers_reads(client, db):
    assert client.post(reverse("health")).status_code == 405
