"""Stored files (published PDFs, the PDF cache): the local folder by default, an
S3-compatible object store when the environment names a bucket, and only ever reached
through Django's storage API so that any store works."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse
from storages.backends.s3 import S3Storage

from nnpcf.settings import file_storages
from responses.pdf import cache

from . import factories
from .pdf_reading import page_texts
from .test_settings import PRODUCTION, _manage

OBJECT_STORE = {
    "STORAGE_BUCKET": "nnpcf-files",
    "STORAGE_ENDPOINT_URL": "https://objects.example.org",
    "STORAGE_REGION": "eu-west-2",
    "STORAGE_ACCESS_KEY_ID": "key-id",
    "STORAGE_SECRET_ACCESS_KEY": "secret",
}
WHITENOISE = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


def test_without_a_bucket_stored_files_stay_in_the_local_folder():
    storages = file_storages({}, debug=False)

    assert storages["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert storages["staticfiles"] == WHITENOISE


def test_a_bucket_sends_stored_files_to_the_object_store():
    storages = file_storages(OBJECT_STORE, debug=False)

    assert storages["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storages["staticfiles"] == WHITENOISE
    # The options are ones the S3 storage knows (it refuses any other), with our values.
    storage = S3Storage(**storages["default"]["OPTIONS"])
    assert storage.bucket_name == "nnpcf-files"
    assert storage.endpoint_url == "https://objects.example.org"
    assert storage.region_name == "eu-west-2"
    assert (storage.access_key, storage.secret_key) == ("key-id", "secret")
    assert storage.file_overwrite is False
    assert storage.default_acl is None


def test_a_bucket_alone_leaves_the_credentials_to_the_machine():
    options = file_storages({"STORAGE_BUCKET": "nnpcf-files"}, debug=True)["default"]["OPTIONS"]

    assert "access_key" not in options and "secret_key" not in options
    storage = S3Storage(**options)
    assert storage.endpoint_url is None


def test_static_files_are_served_by_runserver_while_debugging():
    assert file_storages(OBJECT_STORE, debug=True)["staticfiles"] == {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"STORAGE_ENDPOINT_URL": "https://objects.example.org"}, "without STORAGE_BUCKET"),
        ({**OBJECT_STORE, "STORAGE_SECRET_ACCESS_KEY": ""}, "go together"),
        ({**OBJECT_STORE, "STORAGE_ADDRESSING_STYLE": "sideways"}, "auto, path or virtual"),
    ],
)
def test_an_incomplete_object_store_is_refused(environ, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        file_storages(environ, debug=False)


def test_production_settings_with_an_object_store_pass_the_deployment_checks():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, **OBJECT_STORE)

    assert result.returncode == 0, result.stdout + result.stderr


IN_MEMORY = {"BACKEND": "django.core.files.storage.InMemoryStorage"}


@pytest.fixture
def store_elsewhere(settings):
    """Stored files in a store that is not the local folder, as an object store is."""
    with override_settings(STORAGES={**settings.STORAGES, "default": IN_MEMORY}):
        yield
    assert not settings.MEDIA_ROOT.exists(), "something wrote to the local folder"


def test_pdf_cache_keeps_its_pdfs_in_the_configured_store(
    client, member, regional_response, monkeypatch, store_elsewhere
):
    rendered = []
    real = cache.html_to_pdf
    monkeypatch.setattr(cache, "html_to_pdf", lambda html: rendered.append(html) or real(html))
    factories.draft(regional_response.sections.get(order=1), "We agree.", author=member)
    client.force_login(member)
    url = reverse("response_pdf", args=[regional_response.pk])

    first = client.get(url).content
    second = client.get(url).content
    factories.draft(regional_response.sections.get(order=1), "We disagree.", author=member)
    third = client.get(url).content

    assert len(rendered) == 2
    assert second == first
    assert "We disagree." in "\n".join(page_texts(third))
    folder = f"{cache.FOLDER}/{regional_response.pk}"
    assert len(default_storage.listdir(folder)[1]) == 1


def test_published_pdf_is_kept_in_the_configured_store(
    client, statement, steering, second_steering, store_elsewhere
):
    publication = factories.publish(statement, approvers=[steering, second_steering])

    assert default_storage.exists(publication.pdf.name)
    download = client.get(
        reverse("statement_pdf", args=[statement.report.slug, publication.version])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == default_storage.open(publication.pdf.name).read()
