"""The cast: one person per role, around one report and two regions."""

import pytest
from django.conf import settings
from django.core.cache import cache

from responses.aside import start_server
from responses.models import Role

from . import factories


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    # On SQLite the test database is a file, as in production, not Django's shared
    # in-memory one: there, two connections writing at once fail at once with "table
    # is locked" instead of waiting for each other, and the concurrency tests use two.
    database = settings.DATABASES["default"]
    # Every connection closes at the end of its request, so that the live server's
    # request threads leave none open when the test database is dropped.
    database["CONN_MAX_AGE"] = 0
    if database["ENGINE"].endswith("sqlite3"):
        path = tmp_path_factory.mktemp("database") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture(scope="session", autouse=True)
def aside_server():
    # Uploads are read, and PDFs made, in children of one fork server per process:
    # started once here, so that no test's timing includes the second it takes.
    start_server()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher is slow by design; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    # Tasks run as soon as they are queued; test_tasks.py checks the real queue.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def empty_cache():
    # The cache is the process's memory: counts (password resets) must not carry over.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    # Stored files (cached PDFs, publications) go to a folder of the test's own.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def national(db):
    return factories.make_national()


@pytest.fixture
def region(db, national):
    return factories.make_region("London")


@pytest.fixture
def other_region(db, national):
    return factories.make_region("North West")


@pytest.fixture
def report(db):
    return factories.make_report(items=3)


@pytest.fixture
def member(region):
    return factories.make_member(region, Role.MEMBER, username="member", first_name="Mo")


@pytest.fixture
def lead(region):
    return factories.make_member(region, Role.LEAD, username="lead", first_name="Lee")


@pytest.fixture
def other_member(other_region):
    return factories.make_member(other_region, Role.MEMBER, username="othermember")


@pytest.fixture
def steering(national):
    return factories.make_member(national, Role.STEERING, username="steering", first_name="Sam")


@pytest.fixture
def second_steering(national):
    return factories.make_member(national, Role.STEERING, username="steering2", first_name="Sky")


@pytest.fixture
def admin_user(db):
    return factories.make_user("administrator", staff=True)


@pytest.fixture
def outsider(db):
    return factories.make_user("outsider")


@pytest.fixture
def regional_response(report, region, member):
    return factories.make_response(report, region, author=member)


@pytest.fixture
def other_response(report, other_region, other_member):
    return factories.make_response(report, other_region, author=other_member)


@pytest.fixture
def statement(report, national, steering):
    return factories.make_response(report, national, author=steering)


@pytest.fixture
def report_import(admin_user):
    return factories.make_report_import(admin_user)
