"""The three-way merge of concurrent edits and the word diff, as plain functions."""

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from responses.revisions import DiffPart, merge_stances, merge_texts, tokens, word_diff

BASE = "We agree with the recommendation. Families need clear timescales.\n\nFunding must follow."


def test_tokens_join_back_to_the_exact_text():
    text = "  Two  spaces\n\nand a\ttab \n"
    assert "".join(tokens(text)) == text


def test_edits_to_different_sentences_of_one_paragraph_both_survive():
    ours = BASE.replace("We agree", "We strongly agree")
    theirs = BASE.replace("clear timescales", "clear, published timescales")
    merged = merge_texts(BASE, ours, theirs)
    assert merged == (
        "We strongly agree with the recommendation. Families need clear, published "
        "timescales.\n\nFunding must follow."
    )


def test_text_added_at_the_end_merges_with_an_edit_at_the_start():
    ours = BASE + " Now."
    theirs = BASE.replace("We agree", "The forum agrees")
    assert merge_texts(BASE, ours, theirs) == BASE.replace("We agree", "The forum agrees") + " Now."


def test_edits_to_the_same_words_clash():
    ours = BASE.replace("clear timescales", "short timescales")
    theirs = BASE.replace("clear timescales", "fixed timescales")
    assert merge_texts(BASE, ours, theirs) is None


def test_the_same_edit_made_twice_is_no_clash():
    ours = theirs = BASE.replace("must", "should")
    assert merge_texts(BASE, ours, theirs) == ours


def test_an_unchanged_side_takes_the_other_sides_text():
    changed = BASE.replace("Funding", "Money")
    assert merge_texts(BASE, BASE, changed) == changed
    assert merge_texts(BASE, changed, BASE) == changed


def test_stances_merge_unless_both_changed_differently():
    assert merge_stances("no_position", "agree", "no_position") == "agree"
    assert merge_stances("no_position", "no_position", "disagree") == "disagree"
    assert merge_stances("no_position", "agree", "agree") == "agree"
    assert merge_stances("no_position", "agree", "disagree") is None


def test_a_rewritten_sentence_reads_as_one_deletion_and_one_insertion():
    parts = word_diff("Families need clear timescales.", "We want published plans.")
    assert parts == [
        DiffPart("deleted", "Families need clear timescales."),
        DiffPart("inserted", "We want published plans."),
    ]


def test_word_diff_marks_inserted_and_deleted_words():
    parts = word_diff("We agree with it.", "We strongly agree with this.")
    assert DiffPart("inserted", " strongly") in parts
    assert DiffPart("deleted", "it.") in parts
    assert DiffPart("inserted", "this.") in parts
    assert "".join(p.text for p in parts if p.kind != "deleted") == "We strongly agree with this."
    assert "".join(p.text for p in parts if p.kind != "inserted") == "We agree with it."


# Property: two people edit different parts of the same text (at least one untouched
# word between their edits); the merge keeps both edits. Some words end a sentence,
# some a line too, so that the matcher's cutting into lines and sentences is tried.
WORDS = [f"w{n}" for n in range(40)] + [f"s{n}." for n in range(10)] + [f"l{n}." for n in range(10)]


def joined(words: list[str]) -> str:
    return "".join(word + ("\n" if word.startswith("l") else " ") for word in words).rstrip()


NEW_WORDS = st.lists(st.sampled_from(["new", "added", "NEW", "extra"]), max_size=4)


@st.composite
def two_separate_edits(draw):
    base = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=30, unique=True))
    cuts = sorted(draw(st.lists(st.integers(0, len(base)), min_size=4, max_size=4)))
    a1, a2, b1, b2 = cuts
    assume(b1 - a2 >= 1)  # at least one untouched word between the two edits
    ours = base[:a1] + draw(NEW_WORDS) + base[a2:]
    theirs = base[:b1] + draw(NEW_WORDS) + base[b2:]
    expected = base[:a1] + ours[a1 : len(ours) - (len(base) - a2)] + base[a2:b1]
    expected += theirs[b1 : len(theirs) - (len(base) - b2)] + base[b2:]
    return [joined(words) for words in (base, ours, theirs, expected)]


@settings(max_examples=300, deadline=None)
@given(two_separate_edits())
def test_non_overlapping_edits_both_survive(case):
    base, ours, theirs, expected = case
    assert merge_texts(base, ours, theirs) == expected
    assert merge_texts(base, theirs, ours) == expected


def test_a_long_section_with_many_lines_merges_edits_far_apart():
    lines = [f"Point {n} from the forums. Families asked for plan {n}." for n in range(400)]
    base = "\n\n".join(lines)
    ours = base.replace("plan 7.", "plan 7 this year.")
    theirs = base.replace("Point 390 from", "Point 390, agreed by all, from")
    merged = merge_texts(base, ours, theirs)
    assert merged == ours.replace("Point 390 from", "Point 390, agreed by all, from")


WORDS_AND_BREAKS = st.lists(st.sampled_from(["a", "b.", "c", "the", " ", "\n", "\n\n", "d!"]))


@settings(max_examples=300, deadline=None)
@given(WORDS_AND_BREAKS, WORDS_AND_BREAKS)
def test_the_word_diff_of_any_two_texts_gives_back_both(old_words, new_words):
    old, new = " ".join(old_words), " ".join(new_words)
    parts = word_diff(old, new)
    assert "".join(p.text for p in parts if p.kind != "inserted") == old
    assert "".join(p.text for p in parts if p.kind != "deleted") == new
