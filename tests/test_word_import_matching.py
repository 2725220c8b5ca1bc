"""Finding a response's sections in a document drafted offline, and the stance its
words suggest."""

import pytest

from responses.importing.reading import Block, read_document, read_text
from responses.models import Stance
from responses.word_import.matching import Target, place
from responses.word_import.stances import find_stance

from . import documents

INTRODUCTION, CONCLUSION = 100, 200
TARGETS = [
    Target(INTRODUCTION, "introduction"),
    Target(1, "item", "recommendation", "1", "Vision and guiding principles"),
    Target(2, "item", "recommendation", "2", "A national framework for SEND"),
    Target(3, "item", "recommendation", "3", "Creating a more inclusive mainstream offer"),
    Target(CONCLUSION, "conclusion"),
]
QUESTIONS = [
    Target(11, "item", "question", "1", "Do you agree with the new funding bands?"),
    Target(12, "item", "question", "2", "How should transport be arranged?"),
    Target(13, "item", "question", "10a", "If not, what would you change?"),
]


def placed(blocks, targets=TARGETS) -> dict[int | None, list[str]]:
    """{section id: the texts placed in it}."""
    found: dict[int | None, list[str]] = {}
    for piece in place(blocks, targets):
        found.setdefault(piece.section_id, []).append(piece.text)
    return found


def paragraphs(*lines: str) -> list[Block]:
    return [Block(line) for line in lines]


@pytest.mark.parametrize(
    "heading",
    [
        "Recommendation 2",
        "Recommendation 2: A national framework for SEND",
        "RECOMMENDATION 2 – A national framework",
        "Rec 2.",
        "2. A national framework for SEND",
        "2) A national framework for SEND",
    ],
)
def test_a_line_naming_the_item_by_its_label_starts_its_text(heading):
    blocks = paragraphs(heading, "We want one framework for every council.")
    assert placed(blocks)[2] == ["We want one framework for every council."]


@pytest.mark.parametrize("heading", ["Question 2", "Q2", "Q2:", "Question 2 – transport"])
def test_a_question_number_names_the_question(heading):
    blocks = paragraphs(heading, "Councils should pay for transport.")
    assert placed(blocks, QUESTIONS)[12][-1].endswith("Councils should pay for transport.")


def test_a_label_with_a_letter_names_its_item():
    assert 13 in placed(paragraphs("Question 10a", "Nothing."), QUESTIONS)


def test_a_word_heading_naming_the_title_starts_its_text_even_reworded():
    blocks = [
        Block("A national framework", heading_level=2),
        Block("One framework, please."),
        Block("Inclusive mainstream offer", heading_level=2),
        Block("Local schools first."),
    ]
    assert placed(blocks)[2] == ["One framework, please."]
    assert placed(blocks)[3] == ["Local schools first."]


def test_a_bold_line_naming_the_title_starts_its_text():
    blocks = [Block("Vision and guiding principles", bold=True), Block("A shared vision.")]
    assert placed(blocks)[1] == ["A shared vision."]


def test_a_bold_line_in_pasted_markdown_counts_as_bold():
    blocks = read_text("**Vision and guiding principles**\n\nA shared vision.")
    assert placed(blocks)[1] == ["A shared vision."]


def test_a_numbered_list_inside_the_text_stays_text():
    blocks = paragraphs(
        "Recommendation 3",
        "We ask for three things.",
        "1. More trained staff in every school.",
        "2. Funding that follows the child.",
    )
    found = placed(blocks)
    assert 1 not in found and 2 not in found
    assert "2. Funding that follows the child." in found[3][0]


def test_prose_that_mentions_an_item_is_not_a_heading():
    blocks = paragraphs("Recommendation 1", "Recommendation 2 is where we disagree most.")
    assert placed(blocks) == {1: ["Recommendation 2 is where we disagree most."]}


def test_a_subheading_that_names_no_item_stays_in_the_section_as_its_own_piece():
    blocks = [
        Block("Recommendation 1", heading_level=2),
        Block("We agree."),
        Block("Our concerns", heading_level=3),
        Block("Funding is short."),
    ]
    assert placed(blocks)[1] == ["We agree.", "### Our concerns\n\nFunding is short."]


def test_the_forums_own_words_on_a_heading_line_are_kept():
    blocks = paragraphs("Recommendation 1: we agree", "With the vision.")
    assert placed(blocks)[1] == ["we agree\n\nWith the vision."]


def test_introduction_and_conclusion_headings_name_those_sections():
    blocks = [
        Block("Introduction", heading_level=2),
        Block("We are Camden's forum."),
        Block("Conclusion", heading_level=2),
        Block("Thank you."),
    ]
    assert placed(blocks) == {INTRODUCTION: ["We are Camden's forum."], CONCLUSION: ["Thank you."]}


def test_introduction_and_conclusion_alone_on_a_plain_line_name_those_sections():
    blocks = paragraphs("Introduction", "We are Camden's forum.", "Recommendation 1", "Yes.")
    blocks += paragraphs("Conclusion", "Thank you.", "In conclusion, we agree.")
    assert placed(blocks) == {
        INTRODUCTION: ["We are Camden's forum."],
        1: ["Yes."],
        CONCLUSION: ["Thank you.\n\nIn conclusion, we agree."],
    }


def test_text_before_any_heading_goes_to_the_introduction():
    blocks = paragraphs("We welcome the chance to respond.", "Recommendation 1", "Yes.")
    assert placed(blocks)[INTRODUCTION] == ["We welcome the chance to respond."]


def test_without_an_introduction_text_before_any_heading_is_not_placed():
    targets = [t for t in TARGETS if t.kind != "introduction"]
    blocks = paragraphs("We welcome the chance to respond.", "Recommendation 1", "Yes.")
    assert placed(blocks, targets)[None] == ["We welcome the chance to respond."]


def test_a_document_naming_no_section_places_nothing_in_an_item():
    blocks = paragraphs("Dear colleagues,", "Here are our thoughts on many things.")
    assert set(placed(blocks)) == {INTRODUCTION}


def test_a_word_file_with_headings_bold_lines_and_bullets_is_placed():
    data = documents.as_docx(
        [
            ("title", "Camden Parent Carer Forum's response"),
            ("p", "We are parents of disabled children."),
            ("h1", "Recommendation 1: Vision and guiding principles"),
            ("p", "We agree."),
            ("bold", "A national framework for SEND"),
            ("bullet", "One set of rules."),
            ("bullet", "Checked by inspectors."),
        ]
    )
    found = placed(read_document(data, "camden.docx"))
    assert found[INTRODUCTION] == [
        "### Camden Parent Carer Forum's response",
        "We are parents of disabled children.",
    ]
    assert found[1] == ["We agree."]
    assert found[2] == ["- One set of rules.\n- Checked by inspectors."]


# Stances ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("We agree with this recommendation.", Stance.AGREE),
        ("We strongly agree.", Stance.AGREE),
        ("We support this recommendation.", Stance.AGREE),
        ("Our forum fully supports the proposal.", Stance.AGREE),
        ("Agree. It is long overdue.", Stance.AGREE),
        ("We disagree.", Stance.DISAGREE),
        ("We strongly disagree with the timescale.", Stance.DISAGREE),
        ("We do not agree with the proposal.", Stance.DISAGREE),
        ("We don't agree.", Stance.DISAGREE),
        ("We do not support this.", Stance.DISAGREE),
        ("We cannot support the proposal.", Stance.DISAGREE),
        ("We oppose it.", Stance.DISAGREE),
        ("We agree, but we have concerns about funding.", Stance.AGREE_WITH_CONCERNS),
        ("We agree but have concerns.", Stance.AGREE_WITH_CONCERNS),
        ("We agree. However, we are worried about transport.", Stance.AGREE_WITH_CONCERNS),
        ("We partly agree.", Stance.AGREE_WITH_CONCERNS),
        ("Partly agree: the timescale is too short.", Stance.AGREE_WITH_CONCERNS),
        ("We agree in principle.", Stance.AGREE_WITH_CONCERNS),
        ("We agree with concerns.", Stance.AGREE_WITH_CONCERNS),
        ("We do not fully agree.", Stance.AGREE_WITH_CONCERNS),
        ("We agree with the aim. We disagree with the timescale.", Stance.AGREE_WITH_CONCERNS),
    ],
)
def test_the_words_suggest_a_stance(text, stance):
    assert find_stance(text).stance == stance


@pytest.mark.parametrize(
    "text",
    [
        "We do not agree.",
        "We don’t agree that this will help.",
        "We would not agree with this.",
        "We cannot agree.",
        "I do not agree.",
    ],
)
def test_a_negated_agreement_is_not_read_as_agreeing(text):
    assert find_stance(text).stance == Stance.DISAGREE


@pytest.mark.parametrize(
    "text",
    [
        "We support families every day.",
        "Children need SEN support in school.",
        "The report agrees with the council.",
        "We welcome the chance to respond.",
        "Transport is a big worry.",
        "",
    ],
)
def test_words_that_take_no_position_suggest_none(text):
    assert find_stance(text).stance == Stance.NO_POSITION


def test_the_words_that_suggest_the_stance_are_quoted():
    assert find_stance("Funding matters. We do not agree.").phrase == "We do not agree"


def test_agreeing_that_something_is_not_so_is_still_agreeing():
    assert find_stance("We agree that children do not get help.").stance == Stance.AGREE
