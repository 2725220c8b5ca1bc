import datetime
import logging

import pytest
from django.core.management import call_command

from responses.document import PublicationDetails, nest_headings, response_document
from responses.drafting import start_response
from responses.models import Forum, ForumKind, Report, Response, Stance
from responses.pdf import render_response_pdf

from . import factories
from .pdf_reading import outline, page_texts, read, structure_tags


def drafted(response, author, stances=(Stance.AGREE, Stance.AGREE_WITH_CONCERNS, Stance.DISAGREE)):
    """Every section of `response` drafted, the items with `stances` in turn."""
    stances = iter(stances)
    for section in response.sections.select_related("item").order_by("order"):
        stance = next(stances) if section.takes_stance else Stance.NO_POSITION
        factories.draft(section, f"Our view on {section.heading}.", stance, author=author)
    return response


@pytest.fixture
def drafted_statement(statement, steering, region):
    return drafted(statement, steering)


def test_statement_headings_and_bookmarks_follow_the_report(drafted_statement):
    pdf = render_response_pdf(drafted_statement).content

    title = (
        f"Response of National Network of Parent Carer Forums to “{drafted_statement.report.title}”"
    )
    assert outline(pdf) == [
        (0, title),
        (1, "Contents"),
        (1, "Introduction"),
        (1, "Part 2: Recommendations"),
        (2, "Recommendation 1: Recommendation title 1"),
        (2, "Recommendation 2: Recommendation title 2"),
        (2, "Recommendation 3: Recommendation title 3"),
        (1, "Conclusion"),
        (1, "Annex: the regions’ positions"),
        (2, "Positions by item"),
        (2, "Tally per item"),
    ]
    body = "\n".join(page_texts(pdf))
    positions = [body.index(f"Our view on Recommendation {n}") for n in (1, 2, 3)]
    assert body.index("Our view on Introduction") < positions[0]
    assert positions == sorted(positions)
    assert positions[-1] < body.index("Our view on Conclusion")


def test_each_item_states_its_position_in_words(drafted_statement):
    body = "\n".join(page_texts(render_response_pdf(drafted_statement).content))

    assert "Position: Agrees\n" in body
    assert "Position: Agrees with concerns" in body
    assert "Position: Disagrees" in body
    assert body.count("Position:") == 3  # the introduction and conclusion take no stance


def test_small_statement_has_cover_contents_body_and_annex_pages(drafted_statement):
    pages = page_texts(render_response_pdf(drafted_statement).content)

    assert len(pages) == 4
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of 4" in text
    assert "Contents" in pages[1] and "Introduction" in pages[1]
    assert "Annex: the regions’ positions" in pages[3]


def test_contents_give_the_page_of_each_heading(drafted_statement):
    contents = page_texts(render_response_pdf(drafted_statement).content)[1]

    assert "Introduction" in contents and "Conclusion" in contents
    lines = [line for line in contents.splitlines() if "Recommendation 1:" in line]
    assert lines and lines[0].rstrip().endswith("3")


def test_metadata_has_title_author_language_and_tags(drafted_statement):
    reader = read(render_response_pdf(drafted_statement).content)

    assert reader.metadata.title.startswith("Response of National Network of Parent Carer Forums")
    assert reader.metadata.author == "National Network of Parent Carer Forums"
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a PDF boolean object
    assert "/StructTreeRoot" in catalog


def test_tagged_headings_are_in_order_and_never_skip_a_level(drafted_statement, steering):
    introduction = drafted_statement.sections.get(kind="introduction")
    factories.draft(introduction, "Why.\n\n##### Point\n\nText.", author=steering)

    tags = structure_tags(render_response_pdf(drafted_statement).content)

    headings = [int(tag[1]) for tag in tags if tag in {"H1", "H2", "H3", "H4", "H5", "H6"}]
    assert headings == [1, 2, 2, 3, 2, 3, 3, 3, 2, 2, 3, 3]
    assert "TH" in tags and "Link" in tags  # table headers of the annex, contents links


def test_fonts_are_the_open_font_and_embedded(drafted_statement):
    reader = read(render_response_pdf(drafted_statement).content)

    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor
    assert fonts and all(fonts.values())
    assert all("Atkinson-Hyperlegible" in name for name in fonts)


def test_draft_is_marked_on_every_page(drafted_statement):
    pages = page_texts(render_response_pdf(drafted_statement).content)

    assert all("DRAFT" in text for text in pages)
    assert "not published" in pages[0]


def test_publication_shows_its_version_and_no_draft_mark(drafted_statement):
    publication = PublicationDetails(version="2", published_on=datetime.date(2026, 3, 4))
    pdf = render_response_pdf(drafted_statement, publication=publication).content

    pages = page_texts(pdf)
    assert not any("DRAFT" in text.upper() for text in pages)
    assert all("Version 2, published 4 March 2026" in text for text in pages)
    assert "Status\nPublished" in pages[0] or "StatusPublished" in pages[0].replace(" ", "")
    metadata = read(pdf).metadata
    assert metadata["/version"] == "2"
    assert metadata.subject == "Version 2, published 4 March 2026"


def test_given_revisions_are_rendered_instead_of_the_latest(statement, steering):
    section = statement.sections.get(order=1)
    first = factories.draft(section, "The approved wording.", Stance.AGREE, author=steering)
    factories.draft(section, "A later edit.", Stance.DISAGREE, author=steering)

    body = "\n".join(
        page_texts(render_response_pdf(statement, revisions={section.pk: first}).content)
    )

    assert "The approved wording." in body and "Position: Agrees" in body
    assert "A later edit." not in body


def test_revision_of_another_section_is_refused(statement, steering):
    first, second = statement.sections.order_by("order")[:2]
    revision = factories.draft(first, "Text.", author=steering)

    with pytest.raises(ValueError, match="is not one of section"):
        render_response_pdf(statement, revisions={second.pk: revision})


def test_same_inputs_give_the_same_bytes(drafted_statement):
    assert render_response_pdf(drafted_statement) == render_response_pdf(drafted_statement)


def test_regional_response_has_no_annex(regional_response, member):
    pdf = render_response_pdf(drafted(regional_response, member)).content

    assert "Annex" not in "\n".join(page_texts(pdf))
    assert outline(pdf)[0] == (0, f"Response of London to “{regional_response.report.title}”")


def test_annex_lists_each_regions_position_and_the_tally(statement, regional_response, member):
    sections = regional_response.sections.filter(item__isnull=False).order_by("order")
    factories.draft(sections[0], "Yes.", Stance.AGREE_WITH_CONCERNS, author=member)
    factories.make_region("South West")

    annex = page_texts(render_response_pdf(statement).content)[-1]

    assert "London" in annex and "South West" in annex
    assert "Agrees with concerns" in annex and "No response" in annex
    tally_row = annex[annex.index("Tally per item") :].splitlines()
    first_item = next(line for line in tally_row if line.startswith("Recommendation 1"))
    # Agrees, with concerns, disagrees, no position yet, no response
    assert first_item.split()[-5:] == ["0", "1", "0", "0", "1"]


def test_published_annex_keeps_the_regions_positions_of_its_day(
    statement, steering, second_steering, regional_response, member
):
    first = regional_response.sections.filter(item__isnull=False).order_by("order")[0]
    factories.draft(first, "Yes.", Stance.AGREE, author=member)
    publication = factories.publish(statement, approvers=[steering, second_steering])
    factories.draft(first, "On reflection, no.", Stance.DISAGREE, author=member)

    published = response_document(statement, publication=publication).annex
    now = response_document(statement).annex

    assert published.rows[0].cells[0].stance == Stance.AGREE
    assert now.rows[0].cells[0].stance == Stance.DISAGREE


def test_user_headings_sit_below_their_section_in_the_bookmarks(statement, steering):
    introduction = statement.sections.get(kind="introduction")
    factories.draft(
        introduction, "#### Why we answer\n\nText.\n\n###### Detail\n\nMore.", author=steering
    )

    bookmarks = outline(render_response_pdf(statement).content)

    place = bookmarks.index((1, "Introduction"))
    assert bookmarks[place + 1 : place + 3] == [(2, "Why we answer"), (3, "Detail")]


@pytest.mark.parametrize(
    ("html", "level", "expected"),
    [
        ("<h5>a</h5><p>x</p><h6>b</h6>", 2, "<h3>a</h3><p>x</p><h4>b</h4>"),
        ("<h3>a</h3><h6>b</h6><h3>c</h3>", 3, "<h4>a</h4><h5>b</h5><h4>c</h4>"),
        ("<h6>a</h6><h3>b</h3>", 3, "<h4>a</h4><h4>b</h4>"),
        ("<p>no headings</p>", 2, "<p>no headings</p>"),
    ],
)
def test_nest_headings_never_skips_a_level(html, level, expected):
    assert nest_headings(html, level) == expected


@pytest.mark.parametrize("items", [2, 6])
def test_document_is_read_in_a_fixed_number_of_queries(
    items, national, region, steering, member, django_assert_num_queries
):
    report = factories.make_report(items=items)
    drafted(factories.make_response(report, region, author=member), member, [Stance.AGREE] * 6)
    statement = drafted(factories.make_response(report, national), steering, [Stance.AGREE] * 6)
    statement = Response.objects.select_related("report", "forum").get(pk=statement.pk)

    # Sections (with their items), parts, and the positions matrix's responses,
    # sections and regions.
    with django_assert_num_queries(5):
        document = response_document(statement)

    assert len(document.annex.rows) == items


def test_renders_print_no_warnings(drafted_statement, caplog):
    with caplog.at_level(logging.WARNING):
        render_response_pdf(drafted_statement)

    assert caplog.records == []


def test_seed_statement_comes_out_with_all_its_headings_in_order(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    national = Forum.objects.get(kind=ForumKind.NATIONAL)
    steering = national.memberships.first().user
    statement = drafted(
        start_response(report=Report.objects.get(), forum=national, actor=steering),
        steering,
        stances=[Stance.AGREE] * 9,
    )

    bookmarks = [title for depth, title in outline(render_response_pdf(statement).content)]

    assert bookmarks[1:] == [
        "Contents",
        "Introduction",
        "Part 1: Key findings",
        "Key findings",
        "Part 2: Recommendations",
        "Recommendation 1: Vision and Guiding principles",
        "Recommendation 2: A National Framework",
        "Recommendation 3: Creating a more inclusive mainstream offer",
        "Recommendation 4: Reforming the statutory framework for inclusion",
        "Recommendation 5: Preparation for Adulthood",
        "Recommendation 6: Realigning powers and responsibilities",
        "Recommendation 7: The role of the independent sector",
        "Recommendation 8: Developing a national workforce strategy",
        "Conclusion",
        "Annex: the regions’ positions",
        "Positions by item",
        "Tally per item",
    ]
