"""Rendered text kept in the database: each distinct text rendered once, read back in
one query, never stale, and as safe as rendering it afresh."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from responses import rendering
from responses.models import RenderedText
from responses.text import render_markdown

from . import factories

TEXTS = ["We **agree**.", "- Funding that follows the child\n- Plans written with families"]


@pytest.fixture
def renders(monkeypatch):
    """The texts actually rendered (not read from the store)."""
    done: list[str] = []

    def counting(text):
        done.append(text)
        return render_markdown(text)

    monkeypatch.setattr(rendering, "render_markdown", counting)
    return done


@pytest.mark.django_db
def test_each_text_is_rendered_once_then_read_in_one_query(renders):
    first = rendering.rendered(TEXTS)
    assert sorted(renders) == sorted(TEXTS)
    assert first == {text: render_markdown(text) for text in TEXTS}
    renders.clear()
    with CaptureQueriesContext(connection) as queries:
        again = rendering.rendered([*TEXTS, TEXTS[0]])
    assert again == first and renders == []
    assert len(queries) == 1
    assert RenderedText.objects.count() == 2


@pytest.mark.django_db
def test_blank_texts_cost_nothing(renders):
    with CaptureQueriesContext(connection) as queries:
        assert rendering.rendered(["", "  \n"]) == {}
    assert len(queries) == 0 and renders == []


@pytest.mark.django_db
def test_hostile_text_is_kept_as_sanitised_as_when_rendered_afresh():
    hostile = "<script>alert(1)</script> [click](javascript:alert(1)) <img src=x onerror=1>"
    stored = rendering.rendered([hostile])[hostile]
    assert stored == render_markdown(hostile)
    assert "<script" not in stored and "<img" not in stored and "href" not in stored
    assert "&lt;script&gt;" in stored  # shown as the text it is


def test_the_key_changes_with_the_text_and_with_the_rendering(monkeypatch):
    key = rendering.key_of("Our view.")
    assert rendering.key_of("Our view!") != key
    monkeypatch.setattr(rendering, "_RENDERING", b"a changed renderer")
    assert rendering.key_of("Our view.") != key


@pytest.mark.django_db
def test_the_filter_answers_from_what_the_view_prefetched(renders):
    with rendering.prefetched(TEXTS):
        renders.clear()
        assert rendering.markdown_html(TEXTS[0]) == render_markdown(TEXTS[0])
        assert renders == []
        rendering.markdown_html("Not named by the view.")
        assert renders == ["Not named by the view."]
    renders.clear()
    rendering.markdown_html(TEXTS[0])
    assert renders == [TEXTS[0]]  # outside, nothing is prefetched


def test_a_reader_sees_the_text_as_saved_now(client, regional_response, member, steering):
    """A region's draft read by a steering member: each save's own words show, never
    the HTML of the text before it."""
    section = regional_response.sections.get(order=1)
    client.force_login(steering)
    url = regional_response.get_absolute_url()
    for words in ("First **thoughts**.", "Second **thoughts**."):
        factories.draft(section, words, author=member)
        page = client.get(url).content.decode()
        assert f"{words.split()[0]} <strong>thoughts</strong>." in page
    assert "First <strong>thoughts</strong>" not in page


def test_a_page_read_again_renders_nothing_afresh(
    client, regional_response, member, steering, renders
):
    for number, section in enumerate(regional_response.sections.all()):
        factories.draft(section, f"Point number {number}, in *our* words.", author=member)
    client.force_login(steering)
    url = regional_response.get_absolute_url()
    assert "<em>our</em>" in client.get(url).content.decode()
    assert len(renders) == regional_response.sections.count()
    renders.clear()
    assert "<em>our</em>" in client.get(url).content.decode()
    assert renders == []
