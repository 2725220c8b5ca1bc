from django.core.files.storage import default_storage
from django.urls import reverse

from responses.models import Stance
from responses.pdf import cache

from . import factories
from .pdf_reading import page_texts


def counting_renders(monkeypatch) -> list[str]:
    rendered = []
    real = cache.html_to_pdf

    def counting(html):
        rendered.append(html)
        return real(html)

    monkeypatch.setattr(cache, "html_to_pdf", counting)
    return rendered


def test_member_downloads_their_forums_pdf(client, member, regional_response):
    factories.draft(regional_response.sections.get(order=1), "We agree.", author=member)
    client.force_login(member)

    download = client.get(reverse("response_pdf", args=[regional_response.pk]))

    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    filename = f"{regional_response.report.slug}-{regional_response.forum.slug}-draft.pdf"
    assert download["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert "We agree." in "\n".join(page_texts(download.content))


def test_response_page_links_to_its_pdf(client, member, regional_response):
    client.force_login(member)

    page = client.get(reverse("response_detail", args=[regional_response.pk])).content.decode()

    assert f'href="{reverse("response_pdf", args=[regional_response.pk])}"' in page


def test_statement_page_links_to_its_pdf(client, steering, statement):
    client.force_login(steering)

    page = client.get(reverse("response_detail", args=[statement.pk])).content.decode()

    assert f'href="{reverse("response_pdf", args=[statement.pk])}"' in page


def test_repeat_download_of_unchanged_response_is_not_rendered_again(
    client, member, regional_response, monkeypatch
):
    rendered = counting_renders(monkeypatch)
    client.force_login(member)
    url = reverse("response_pdf", args=[regional_response.pk])

    first = client.get(url).content
    second = client.get(url).content

    assert len(rendered) == 1
    assert second == first
    assert len(default_storage.listdir(f"{cache.FOLDER}/{regional_response.pk}")[1]) == 1


def test_download_after_an_edit_renders_the_new_text(
    client, member, regional_response, monkeypatch
):
    rendered = counting_renders(monkeypatch)
    client.force_login(member)
    url = reverse("response_pdf", args=[regional_response.pk])
    client.get(url)

    factories.draft(regional_response.sections.get(order=1), "Changed our mind.", Stance.DISAGREE)
    after = client.get(url).content

    assert len(rendered) == 2
    assert "Changed our mind." in "\n".join(page_texts(after))
    # Only the latest PDF of the response is kept.
    assert len(default_storage.listdir(f"{cache.FOLDER}/{regional_response.pk}")[1]) == 1


def test_other_forums_member_gets_404_and_nothing_is_rendered(
    client, other_member, regional_response, monkeypatch
):
    rendered = counting_renders(monkeypatch)
    client.force_login(other_member)

    download = client.get(reverse("response_pdf", args=[regional_response.pk]))

    assert download.status_code == 404
    assert rendered == []
    assert not default_storage.exists(cache.FOLDER)
