"""The Word file of a response: Word's own structure, from the same read model as the
PDF, safe from what a writer types, and the same to the byte for a published version."""

import datetime
import re
import time
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from docx.oxml.ns import qn

from responses.document import PublicationDetails
from responses.models import Stance
from responses.word import CONTENT_TYPE, published_docx, render_response_docx
from responses.word.markdown import link_target

from . import factories
from .word_reading import headings, hyperlinks, paragraph_after, parts, read, styled

MARKDOWN = """We **strongly** agree, with *one* concern.

- First point
  - A point within it
- Second point

  Said at more length.

1. Fund it
2. Staff it

Between the lists.

3. Then a list that starts at three

Read [the report](https://example.org/report) or [write to us](mailto:hello@example.org).

#### What families told us

Plain text.

###### In detail

More."""


def drafted(response, author, text="Our view.", stances=(Stance.AGREE,)):
    stances = iter(stances * 10)
    for section in response.sections.select_related("item").order_by("order"):
        stance = next(stances) if section.takes_stance else Stance.NO_POSITION
        factories.draft(section, f"{text} ({section.heading})", stance, author=author)
    return response


def first_item(response):
    return response.sections.filter(item__isnull=False).order_by("order")[0]


def test_headings_follow_the_report_in_words_heading_styles(statement, steering):
    document = read(render_response_docx(drafted(statement, steering)))

    assert headings(document) == [
        (
            "Title",
            f"Response of National Network of Parent Carer Forums to “{statement.report.title}”",
        ),
        ("Heading 1", "Introduction"),
        ("Heading 1", "Part 2: Recommendations"),
        ("Heading 2", "Recommendation 1: Recommendation title 1"),
        ("Heading 2", "Recommendation 2: Recommendation title 2"),
        ("Heading 2", "Recommendation 3: Recommendation title 3"),
        ("Heading 1", "Conclusion"),
        ("Heading 1", "Annex: the regions’ positions"),
        ("Heading 2", "Positions by item"),
        ("Heading 2", "Tally per item"),
    ]


def test_only_items_state_their_position_in_words(statement, steering):
    drafted(statement, steering, stances=(Stance.AGREE_WITH_CONCERNS, Stance.DISAGREE))
    document = read(render_response_docx(statement))

    positions = [text for _style, text in styled(document) if text.startswith("Position: ")]
    assert positions == [
        "Position: Agrees with concerns",
        "Position: Disagrees",
        "Position: Agrees with concerns",
    ]
    introduction = paragraph_after(document, "Introduction")
    assert introduction[1].text == "Our view. (Introduction)"


def test_section_markdown_becomes_word_runs_lists_links_and_headings(statement, steering):
    factories.draft(first_item(statement), MARKDOWN, Stance.AGREE, author=steering)
    document = read(render_response_docx(statement))
    body = paragraph_after(document, "Recommendation 1: Recommendation title 1")

    assert [(p.style.name, p.text) for p in body[2:17]] == [
        ("Normal", "We strongly agree, with one concern."),
        ("List Bullet", "First point"),
        ("List Bullet 2", "A point within it"),
        ("List Bullet", "Second point"),
        ("List Continue", "Said at more length."),
        ("List Number", "Fund it"),
        ("List Number", "Staff it"),
        ("Normal", "Between the lists."),
        ("List Number", "Then a list that starts at three"),
        ("Normal", "Read the report or write to us."),
        ("Heading 3", "What families told us"),
        ("Normal", "Plain text."),
        ("Heading 4", "In detail"),
        ("Normal", "More."),
        ("Heading 2", "Recommendation 2: Recommendation title 2"),
    ]
    runs = [(run.text, bool(run.bold), bool(run.italic)) for run in body[2].runs]
    assert ("strongly", True, False) in runs and ("one", False, True) in runs
    assert ("We ", False, False) in runs
    assert hyperlinks(document) == [
        ("the report", "https://example.org/report"),
        ("write to us", "mailto:hello@example.org"),
    ]


def test_each_numbered_list_counts_from_its_own_start(statement, steering):
    factories.draft(first_item(statement), MARKDOWN, Stance.AGREE, author=steering)
    document = read(render_response_docx(statement))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    numbering = document.part.numbering_part.element

    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert ids[0] == ids[1] != ids[2]
    starts = [numbering.num_having_numId(i).find(qn("w:lvlOverride")) for i in (ids[0], ids[2])]
    assert [s.find(qn("w:startOverride")).get(qn("w:val")) for s in starts] == ["1", "3"]


def test_a_table_in_the_text_is_a_word_table_with_a_repeating_header(regional_response, member):
    table = "| Need | Met |\n|---|---|\n| Speech therapy | **No** |"
    factories.draft(first_item(regional_response), table, Stance.AGREE, author=member)
    document = read(render_response_docx(regional_response))

    (word_table,) = document.tables
    assert [[cell.text for cell in row.cells] for row in word_table.rows] == [
        ["Need", "Met"],
        ["Speech therapy", "No"],
    ]
    assert word_table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


UNSAFE = """[script](javascript:alert(1)) [local](file:///etc/passwd) [page](/admin/)
[data](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(2)> [ftp](ftp://example.org/)
[share](\\\\server\\share) [no host](http:nohost)

{ HYPERLINK "https://evil.example/" } and { INCLUDETEXT "c:\\\\secret.txt" }

<w:fldSimple w:instr="HYPERLINK https://evil.example/"><w:r><w:t>x</w:t></w:r></w:fldSimple>

<w:altChunk r:id="rId99"/> and a stray\x0b control character"""


def test_writers_text_cannot_make_fields_or_external_references(regional_response, member):
    factories.draft(first_item(regional_response), UNSAFE, Stance.AGREE, author=member)
    content = render_response_docx(regional_response)
    xml = parts(content)
    document_xml = xml["word/document.xml"]

    text = "\n".join(p.text for p in read(content).paragraphs)
    # As on the web page: links the parser refuses stay as typed; the others are text.
    assert "[script](javascript:alert(1)) [local](file:///etc/passwd) page" in text
    assert "<javascript:alert(2)> ftp" in text and "no host" in text
    assert '{ HYPERLINK "https://evil.example/" }' in text
    assert '<w:fldSimple w:instr="HYPERLINK https://evil.example/">' in text
    assert "<w:altChunk" in text and "stray control character" in text
    assert hyperlinks(read(content)) == []
    for element in ("fldSimple", "fldChar", "instrText", "altChunk", "object", "hyperlink"):
        assert f"<w:{element}" not in document_xml, element
    for name, part in xml.items():
        assert 'TargetMode="External"' not in part, name
        for reference in ("<w:altChunk", "/aFChunk", "attachedTemplate", "oleObject"):
            assert reference not in part, (name, reference)


@pytest.mark.parametrize(
    ("href", "allowed"),
    [
        ("https://example.org/a?b=c", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("mailto:hello@example.org", True),
        ("mailto:", False),
        ("http:nohost", False),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html,x", False),
        ("/admin/", False),
        ("ftp://example.org/", False),
        ("http://[::1", False),
    ],
)
def test_only_web_and_email_addresses_become_hyperlinks(href, allowed):
    assert (link_target(href) == href) is allowed


def test_the_only_external_references_are_its_hyperlinks(regional_response, member):
    factories.draft(first_item(regional_response), MARKDOWN, Stance.AGREE, author=member)
    xml = parts(render_response_docx(regional_response))

    external = [
        (kind, target)
        for name, part in xml.items()
        if name.endswith(".rels")
        for kind, target in re.findall(
            r'Type="[^"]*/([A-Za-z]+)" Target="([^"]*)" TargetMode="External"', part
        )
    ]
    assert sorted(external) == [
        ("hyperlink", "https://example.org/report"),
        ("hyperlink", "mailto:hello@example.org"),
    ]
    assert xml["word/document.xml"].count("<w:hyperlink ") == 2


def test_properties_name_title_author_and_language(regional_response, member):
    document_bytes = render_response_docx(drafted(regional_response, member))
    properties = read(document_bytes).core_properties

    assert properties.title == f"Response of London to “{regional_response.report.title}”"
    assert properties.author == "London"
    assert properties.language == "en-GB"
    defaults = parts(document_bytes)["word/styles.xml"].split("<w:docDefaults>")[1]
    assert '<w:lang w:val="en-GB"' in defaults.split("</w:docDefaults>")[0]


def test_a_draft_says_draft_in_its_page_header(regional_response, member):
    document = read(render_response_docx(drafted(regional_response, member)))

    header = document.sections[0].header.paragraphs[0].text
    assert header.startswith("DRAFT – London: Draft of ")
    assert document.core_properties.content_status == "Draft"


def test_a_published_version_carries_its_version_and_date(statement, steering):
    publication = PublicationDetails(version=2, published_on=datetime.date(2026, 3, 4))
    document = read(render_response_docx(drafted(statement, steering), publication=publication))

    header = document.sections[0].header.paragraphs[0].text
    assert header == "National Network of Parent Carer Forums: Version 2, published 4 March 2026"
    assert "Version: 2" in [p.text for p in document.paragraphs]
    assert "DRAFT" not in "\n".join(p.text for p in document.paragraphs).upper()
    assert document.core_properties.version == "2"
    assert document.core_properties.created.date().isoformat() == "2026-03-04"


def test_the_statement_ends_with_the_regions_positions_table(statement, regional_response, member):
    factories.draft(
        first_item(regional_response), "Yes.", Stance.AGREE_WITH_CONCERNS, author=member
    )
    factories.make_region("South West")
    document = read(render_response_docx(statement))

    positions, tally = document.tables
    rows = [[cell.text for cell in row.cells] for row in positions.rows]
    assert rows[0] == ["Item", "London", "South West"]
    assert rows[1] == [
        "Recommendation 1: Recommendation title 1",
        "Agrees with concerns",
        "No response",
    ]
    assert positions.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [cell.text for cell in tally.rows[1].cells][-5:] == ["0", "1", "0", "0", "1"]
    assert document.sections[-1].orientation == 1  # landscape: ten columns fit across
    # Item headings are long: their column is the widest, in the grid other programs
    # read as well as in the cells Word reads; and no row breaks across two pages.
    grid = [column.width for column in positions.columns]
    assert grid[0] > 2 * grid[1] and positions.rows[1].cells[0].width == grid[0]
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in positions.rows)


def test_a_regional_response_has_no_annex(regional_response, member):
    document = read(render_response_docx(drafted(regional_response, member)))

    assert document.tables == []
    assert "Annex: the regions’ positions" not in [text for _style, text in headings(document)]


@pytest.fixture
def publication(statement, steering, second_steering):
    drafted(statement, steering, text="The national view.")
    return factories.publish(statement, approvers=[steering, second_steering])


def test_a_published_version_is_the_same_to_the_byte_every_time(
    client, publication, statement, steering, regional_response, member, monkeypatch
):
    url = reverse("statement_docx", args=[statement.report.slug, publication.version])
    first = client.get(url)

    # Drafting goes on after publication, in the statement and in the regions; and the
    # second download is made an hour later by the clock that zip files are stamped with.
    factories.draft(first_item(statement), "A later draft.", Stance.DISAGREE, author=steering)
    factories.draft(first_item(regional_response), "Changed.", Stance.DISAGREE, author=member)
    later = time.time() + 3600
    monkeypatch.setattr(zipfile.time, "time", lambda: later)
    second = client.get(url)

    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    text = "\n".join(p.text for p in read(first.content).paragraphs)
    assert "The national view." in text and "A later draft." not in text
    assert "DRAFT" not in text.upper()


def test_a_published_version_downloads_as_word_with_its_versions_name(client, publication):
    slug = publication.response.report.slug
    download = client.get(reverse("statement_docx", args=[slug, publication.version]))

    assert download["Content-Type"] == CONTENT_TYPE
    assert download["Content-Disposition"] == (
        f'attachment; filename="nnpcf-statement-{slug}-v{publication.version}.docx"'
    )
    assert download.content == published_docx(publication)
    header = read(download.content).sections[0].header.paragraphs[0].text
    day = timezone.localdate(publication.published_at)
    assert header.endswith(f"Version 1, published {day.day} {day:%B %Y}")


def test_member_downloads_their_forums_word_file(client, member, regional_response):
    factories.draft(first_item(regional_response), "We agree.", author=member)
    client.force_login(member)

    download = client.get(reverse("response_docx", args=[regional_response.pk]))

    assert download.status_code == 200
    assert download["Content-Type"] == CONTENT_TYPE
    filename = f"{regional_response.report.slug}-{regional_response.forum.slug}-draft.docx"
    assert download["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert "We agree." in [p.text for p in read(download.content).paragraphs]


def test_response_page_offers_word_beside_the_pdf(client, steering, statement):
    client.force_login(steering)

    page = client.get(reverse("response_detail", args=[statement.pk])).content.decode()

    pdf = page.index(f'href="{reverse("response_pdf", args=[statement.pk])}"')
    word = page.index(f'href="{reverse("response_docx", args=[statement.pk])}"')
    assert 0 < word - pdf < 300 and "Download as Word" in page


def test_public_statement_page_offers_word_beside_the_pdf(client, publication):
    slug, version = publication.response.report.slug, publication.version

    page = client.get(reverse("statement_version", args=[slug, version])).content.decode()

    assert f'href="{reverse("statement_pdf", args=[slug, version])}"' in page
    assert f'href="{reverse("statement_docx", args=[slug, version])}"' in page
