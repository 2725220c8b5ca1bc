import itertools
from collections import Counter

import pytest

from responses import merging, provenance, workspace
from responses.merging import (
    REFLECTED_THRESHOLD,
    SAME_POINT_THRESHOLD,
    insert_paragraph,
    reflected_score,
    same_point_score,
    split_points,
    tally_sentence,
)
from responses.models import AuditEvent, Item, ItemKind, Provenance, Response, Stance
from responses.positions import Tally, positions_matrix

from . import factories
from .realistic import NOT_REFLECTED, RECOMMENDATION_2, REFLECTED, SAME_POINTS


def _tally(kind=ItemKind.RECOMMENDATION, no_response=0, **counts):
    return Tally(item=Item(kind=kind, title="t"), counts=Counter(counts), no_response=no_response)


# Tallying ------------------------------------------------------------------------


def test_tally_sentence_reads_like_the_statement():
    tally = _tally(agree=6, agree_with_concerns=2, disagree=1)
    assert tally_sentence(tally) == (
        "Six of the nine regions agree with this recommendation; "
        "two agree with concerns; one disagrees."
    )


def test_tally_sentence_counts_silence_and_singulars():
    tally = _tally(agree_with_concerns=1, disagree=2, no_position=1, no_response=1)
    assert tally_sentence(tally) == (
        "One of the five regions agrees with this recommendation, with concerns; "
        "two disagree; one has not yet taken a position; one has not responded."
    )


def test_tally_sentence_when_everyone_agrees_and_for_findings():
    assert tally_sentence(_tally(agree=9)) == "All nine regions agree with this recommendation."
    assert (
        tally_sentence(_tally(kind=ItemKind.FINDING, disagree=1))
        == "The one region disagrees with this finding."
    )
    assert tally_sentence(_tally(agree=96, disagree=54)) == (
        "96 of the 150 regions agree with this recommendation; 54 disagree."
    )


# Points --------------------------------------------------------------------------


def test_points_are_paragraphs_and_list_items():
    text = (
        "## Our view\n\nFirst paragraph\ncontinues here.\n\n"
        "- One point.\n- Another point\n  that wraps.\n\n1. Numbered.\n\nLast."
    )
    assert split_points(text) == [
        "First paragraph continues here.",
        "One point.",
        "Another point that wraps.",
        "Numbered.",
        "Last.",
    ]
    assert split_points("") == []


def test_grouping_threshold_separates_realistic_points():
    """The threshold sits between the same point reworded by two regions and two
    different points on the same recommendation."""
    points = [
        (region, point)
        for region, (_stance, text) in RECOMMENDATION_2.items()
        for point in split_points(text)
    ]
    scores = {
        (region_a, a, region_b, b): same_point_score(a, b)
        for (region_a, a), (region_b, b) in itertools.combinations(points, 2)
        if region_a != region_b
    }
    # Of each pair of regions that made the same point, their closest two points are it.
    same_keys = {
        max((key for key in scores if {key[0], key[2]} == pair), key=scores.get)
        for pair in SAME_POINTS
    }
    same = [scores[key] for key in same_keys]
    different = [score for key, score in scores.items() if key not in same_keys]
    assert min(same) >= SAME_POINT_THRESHOLD + 5
    assert max(different) <= SAME_POINT_THRESHOLD - 10


def test_near_duplicate_points_from_different_regions_merge(report, national):
    cells = _realistic_cells(report)
    groups = merging.group_points(merging.points_of(cells))
    by_regions = [{forum.name for forum in group.forums} for group in groups]
    for pair in SAME_POINTS:
        assert pair in by_regions
    # Thirteen points from eight regions, four of them made twice: nine groups.
    assert sorted(len(regions) for regions in by_regions) == [1] * 5 + [2] * 4
    # The most widely made points come first.
    assert [len(regions) for regions in by_regions][:4] == [2, 2, 2, 2]


def _realistic_cells(report):
    item = report.items.order_by("order").first()
    for name, (stance, text) in RECOMMENDATION_2.items():
        response = factories.make_response(report, factories.make_region(name))
        section = response.sections.get(item=item)
        if text:
            factories.draft(section, text, stance)
    return [row.cells[0] for row in positions_matrix(report, items=[item]).rows]


def test_assembled_draft_gives_the_balance_then_merged_points_with_their_regions(report, national):
    cells = _realistic_cells(report)
    draft = merging.assemble(positions_matrix(report).tallies[0], cells)
    paragraphs = draft.text.split("\n\n")
    assert paragraphs[0] == (
        "Three of the nine regions agree with this recommendation; "
        "four agree with concerns; one disagrees; one has not yet taken a position."
    )
    assert len(paragraphs) == 1 + 9
    assert (
        "We are worried that fixed bands of need will not fit children whose needs change, "
        "and that support could be rationed to the band rather than to the child. "
        "(East Midlands and London)"
    ) in paragraphs
    assert paragraphs[-1].endswith("(Yorkshire and the Humber)")


# Coverage ------------------------------------------------------------------------


def test_coverage_threshold_separates_realistic_text():
    """Pasted, reworded, merged or folded into a longer paragraph, a point scores well
    above the threshold; a national paragraph making another point well below it."""
    reflected = [reflected_score(point, national) for point, national in REFLECTED]
    not_reflected = [reflected_score(point, national) for point, national in NOT_REFLECTED]
    assert min(reflected) >= REFLECTED_THRESHOLD + 5
    assert max(not_reflected) <= REFLECTED_THRESHOLD - 10


def test_coverage_lists_each_regions_points_not_yet_in_the_national_text(report, national):
    cells = _realistic_cells(report)
    national_text = (
        "Most regions agree with concerns.\n\n"
        "We are concerned that fixed bands of need would not suit children whose needs "
        "change, and that support would be rationed to the band, not the child.\n\n"
        "Rural families already travel long distances for support, and a national "
        "framework that rations support by category would make this even worse."
    )
    by_region = {entry.forum.name: entry for entry in merging.coverage(cells, national_text)}
    assert "East of England" not in by_region  # no text, nothing to reflect
    assert by_region["South West"].count == 0
    assert [point.text for point in by_region["London"].missing] == [
        "A national framework could bring consistency between boroughs, so that families "
        "who move do not have to start again."
    ]
    assert by_region["East Midlands"].count == 2
    assert by_region["North West"].count == 2
    assert all(entry.count == len(split_points(entry.revision.text)) for entry in [
        by_region["Yorkshire and the Humber"], by_region["West Midlands"]
    ])  # fmt: skip


def test_everything_is_missing_from_an_empty_national_text(report, national):
    cells = _realistic_cells(report)
    total = sum(entry.count for entry in merging.coverage(cells, ""))
    assert total == 13


# Provenance ----------------------------------------------------------------------


def test_assembling_saves_a_revision_with_the_paragraphs_it_drew_on(report, national, steering):
    _realistic_cells(report)
    item = report.items.order_by("order").first()
    revision = workspace.assemble_starting_draft(
        report=report, forum=national, item=item, base_revision_id=None, actor=steering
    )
    statement = Response.objects.get(report=report, forum=national)
    section = statement.sections.get(item=item)
    assert section.latest_revision == revision
    assert revision.author == steering
    rows = list(revision.provenance.select_related("source_revision__section__response__forum"))
    assert len(rows) == 13
    sources = {
        (row.source_revision.section.response.forum.name, row.source_paragraph) for row in rows
    }
    assert ("London", 1) in sources and ("East Midlands", 0) in sources
    assert AuditEvent.objects.filter(verb="statement.assembled").count() == 1

    paragraphs = provenance.paragraph_sources([section.latest_revision])[section.pk]
    assert paragraphs[0].forums == []  # the balance of positions is written here
    shared = next(p for p in paragraphs if p.text.startswith("We are worried"))
    assert [forum.name for forum in shared.forums] == ["East Midlands", "London"]


def test_provenance_follows_a_paragraph_through_later_edits(
    report, national, region, member, steering
):
    item = report.items.order_by("order").first()
    regional = factories.make_response(report, region, author=member)
    text = RECOMMENDATION_2["London"][1]
    source = factories.draft(regional.sections.get(item=item), text, author=member)
    point = workspace.source_paragraph(
        report=report, forum=national, item=item, revision_id=source.pk, index=1
    )

    revision, caret = workspace.use_paragraph(
        report=report, forum=national, item=item, point=point, text="Our opening.",
        stance=Stance.AGREE, cursor=None, base_revision_id=None, actor=steering,
    )  # fmt: skip
    assert revision.text == "Our opening.\n\n" + point.text
    assert caret == len(revision.text)
    row = Provenance.objects.get(revision=revision)
    assert (row.source_revision, row.source_paragraph, row.how) == (source, 1, "inserted")

    # A steering member rewords it; the paragraph still shows where it came from.
    section = revision.section
    reworded = revision.text.replace("We worry", "Families worry").replace("will be", "would be")
    factories.draft(section, reworded + "\n\nA new point of our own.", author=steering)
    paragraphs = provenance.paragraph_sources([section.latest_revision])[section.pk]
    assert [[f.name for f in p.forums] for p in paragraphs] == [[], ["London"], []]


def test_use_this_inserts_at_the_cursor_as_its_own_paragraph():
    text = "First paragraph.\n\nSecond paragraph."
    new, caret = insert_paragraph(text, "Inserted.", len("First paragraph."))
    assert new == "First paragraph.\n\nInserted.\n\nSecond paragraph."
    assert new[:caret].endswith("Inserted.")
    assert insert_paragraph("", "Only.", 5) == ("Only.", 5)
    assert insert_paragraph("Mid", "X", 0) == ("X\n\nMid", 1)


def test_a_paragraph_of_another_item_or_the_statement_is_refused(
    report, national, region, member, steering
):
    first, second = report.items.order_by("order")[:2]
    regional = factories.make_response(report, region, author=member)
    source = factories.draft(regional.sections.get(item=second), "Elsewhere.", author=member)
    with pytest.raises(merging.UnknownParagraph):
        workspace.source_paragraph(
            report=report, forum=national, item=first, revision_id=source.pk, index=0
        )
    with pytest.raises(merging.UnknownParagraph):
        workspace.source_paragraph(
            report=report, forum=national, item=second, revision_id=source.pk, index=3
        )
    statement = factories.make_response(report, national, author=steering)
    own = factories.draft(statement.sections.get(item=first), "National.", author=steering)
    with pytest.raises(merging.UnknownParagraph):
        workspace.source_paragraph(
            report=report, forum=national, item=first, revision_id=own.pk, index=0
        )


def test_assembling_on_a_stale_page_never_overwrites(report, national, region, member, steering):
    item = report.items.order_by("order").first()
    regional = factories.make_response(report, region, author=member)
    factories.draft(regional.sections.get(item=item), "A point.", author=member)
    statement = factories.make_response(report, national, author=steering)
    section = statement.sections.get(item=item)
    first = factories.draft(section, "Someone's text.", author=steering)
    factories.draft(section, "Someone else's text.", author=steering)
    workspace.assemble_starting_draft(
        report=report, forum=national, item=item, base_revision_id=first.pk, actor=steering
    )
    section.refresh_from_db()
    assert "Someone else's text." in section.text
    for row in Provenance.objects.select_related("revision"):
        assert row.national_text in row.revision.text


def test_provenance_of_every_section_is_read_in_one_query(
    report, national, steering, django_assert_num_queries
):
    _realistic_cells(report)
    first = report.items.order_by("order").first()
    workspace.assemble_starting_draft(
        report=report, forum=national, item=first, base_revision_id=None, actor=steering
    )
    statement = national.responses.get(report=report)
    revisions = [
        section.latest_revision
        for section in statement.sections.select_related("latest_revision")
        if section.latest_revision
    ]
    with django_assert_num_queries(1):
        by_section = provenance.paragraph_sources(revisions)
    credited = {
        forum.name for paragraphs in by_section.values() for p in paragraphs for forum in p.forums
    }
    assert credited == {name for name, (_stance, text) in RECOMMENDATION_2.items() if text}
