"""The edits made in the import preview, on the outline alone."""

import pytest

from responses.importing import outline as edits
from responses.importing.outline import DraftItem, DraftPart, Outline, OutlineError


def sample() -> Outline:
    return Outline(
        parts=[DraftPart(label="Part 2", title="Recommendations")],
        items=[
            DraftItem(key=1, kind="recommendation", number="1", title="Vision", text="A."),
            DraftItem(
                key=2,
                kind="recommendation",
                number="2",
                title="Framework",
                text="First paragraph.\n\n3. Inclusion\n\nSchools should include.",
                part=0,
            ),
            DraftItem(key=3, kind="other", number="", title="Annex", text="Tables."),
        ],
        title="A report",
        unplaced="Preface.",
    )


def test_renaming_changes_title_number_and_kind():
    outline = sample()
    edits.rename_item(outline, 3, title="  Zoë’s “annex” – kept  ", number="9a", kind="finding")
    item = outline.item(3)
    assert (item.title, item.number, item.kind) == ("Zoë’s “annex” – kept", "9a", "finding")


def test_renaming_needs_a_title_and_a_known_kind():
    outline = sample()
    with pytest.raises(OutlineError):
        edits.rename_item(outline, 1, title=" ", number="", kind="other")
    with pytest.raises(OutlineError):
        edits.rename_item(outline, 1, title="Vision", number="", kind="wish")
    assert outline.item(1).title == "Vision"


def test_merging_appends_the_item_and_its_heading_to_the_previous_one():
    outline = sample()
    edits.merge_with_previous(outline, 3)
    assert [item.key for item in outline.items] == [1, 2]
    assert outline.item(2).text.endswith("Schools should include.\n\nAnnex\n\nTables.")


def test_merging_skips_a_dropped_previous_item():
    outline = sample()
    edits.drop_item(outline, 2)
    edits.merge_with_previous(outline, 3)
    assert outline.item(1).text == "A.\n\nAnnex\n\nTables."


def test_the_first_item_cannot_be_merged():
    with pytest.raises(OutlineError):
        edits.merge_with_previous(sample(), 1)


def test_splitting_makes_a_new_item_from_a_paragraph_on():
    outline = sample()
    new = edits.split_item(outline, 2, paragraph=1)
    assert [item.key for item in outline.items] == [1, 2, 4, 3]
    assert outline.item(2).text == "First paragraph."
    assert (new.number, new.title, new.text) == ("3", "Inclusion", "Schools should include.")
    assert (new.kind, new.part) == ("recommendation", 0)


def test_splitting_needs_a_paragraph_of_the_item():
    outline = sample()
    with pytest.raises(OutlineError):
        edits.split_item(outline, 2, paragraph=3)
    assert len(outline.items) == 3


def test_dropping_and_putting_back():
    outline = sample()
    edits.drop_item(outline, 1)
    assert [item.key for item in outline.kept_items()] == [2, 3]
    edits.restore_item(outline, 1)
    assert [item.key for item in outline.kept_items()] == [1, 2, 3]


def test_an_unknown_item_is_an_outline_error():
    with pytest.raises(OutlineError):
        edits.drop_item(sample(), 99)


def test_keeping_the_whole_text_when_no_items_were_found():
    outline = Outline(title="A note", unplaced="All of it.\n\nEvery word.")
    item = edits.keep_whole_text(outline)
    assert (item.title, item.text, item.kind) == ("A note", "All of it.\n\nEvery word.", "other")
    assert outline.unplaced == ""
    with pytest.raises(OutlineError):
        edits.keep_whole_text(outline)


def test_the_outline_survives_a_round_trip_through_json():
    outline = sample()
    edits.drop_item(outline, 3)
    assert Outline.from_json(outline.to_json()) == outline


def test_an_item_heading_reads_like_the_reports():
    assert sample().item(1).heading == "Recommendation 1: Vision"
    assert sample().item(3).heading == "Annex"
