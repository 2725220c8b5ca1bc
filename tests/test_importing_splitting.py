"""Recognising parts and items in documents numbered in the ways reports are."""

import io

import docx
import pytest

from responses.importing.reading import read_document, read_text
from responses.importing.splitting import split_document

from . import documents

FORMATS = ["txt", "md", "docx", "pdf"]


def outline_of(outline: documents.Outline, file_format: str):
    if file_format == "docx":
        data = documents.as_docx(outline)
    elif file_format == "pdf":
        data = documents.as_pdf(outline)
    else:
        data = documents.as_text(outline, markdown=file_format == "md").encode()
    return split_document(read_document(data, f"report.{file_format}"))


def split_text(text: str):
    return split_document(read_text(text))


def headings(outline):
    return [(item.number, item.title) for item in outline.items]


@pytest.mark.parametrize("file_format", FORMATS)
def test_recommendations_one_to_eight_fall_under_their_two_parts(file_format):
    outline = outline_of(documents.RECOMMENDATIONS_IN_TWO_PARTS, file_format)
    assert [(part.label, part.title) for part in outline.parts] == [
        ("Part 1", "Early help"),
        ("Part 2", "Specialist provision"),
    ]
    assert [item.number for item in outline.items] == [str(n) for n in range(1, 9)]
    assert {item.kind for item in outline.items} == {"recommendation"}
    assert [item.part for item in outline.items] == [0] * 4 + [1] * 4
    assert outline.items[0].title == "Early help theme 1"
    assert outline.items[0].text == "Councils should act on theme 1."
    assert outline.items[7].text == "The government should fund theme 8."
    assert outline.title == "Towards an effective SEND system"


@pytest.mark.parametrize("file_format", ["txt", "docx", "pdf"])
def test_fifty_two_questions_with_a_sub_question_10a(file_format):
    outline = outline_of(documents.fifty_two_questions(), file_format)
    numbers = [item.number for item in outline.items]
    assert len(numbers) == 53
    assert numbers[9:12] == ["10", "10a", "11"]
    assert numbers[-1] == "52"
    assert {item.kind for item in outline.items} == {"question"}
    assert outline.items[10].title == "If not, what would you change?"
    assert outline.items[0].title == "Do you agree with proposal 1?"
    assert outline.items[0].text == "Please give reasons for your answer to question 1."


def test_short_question_labels_q12_make_question_items():
    outline = split_text(
        "Q1. Do you agree?\n\nWhy.\n\nQ2 Should this change?\n\nQ12: Anything else?\n"
    )
    assert headings(outline) == [
        ("1", "Do you agree?"),
        ("2", "Should this change?"),
        ("12", "Anything else?"),
    ]
    assert {item.kind for item in outline.items} == {"question"}


def test_a_question_label_alone_takes_its_title_from_the_next_paragraph():
    outline = split_text("Question 12\n\nDo you agree with the proposed bands?\n\nExplain why.\n")
    assert headings(outline) == [("12", "Do you agree with the proposed bands?")]
    assert outline.items[0].text == "Explain why."


@pytest.mark.parametrize("file_format", FORMATS)
def test_decimal_sub_points_stay_inside_their_item(file_format):
    outline = outline_of(documents.DECIMAL_PARAGRAPHS, file_format)
    assert headings(outline) == [("4", "Background"), ("5", "Funding"), ("6", "Workforce")]
    assert outline.items[1].text == (
        "5.1 High needs spending has risen faster than funding.\n\n"
        "5.2 Most councils now carry a deficit."
    )


@pytest.mark.parametrize("file_format", FORMATS)
def test_unnumbered_bulleted_recommendations_are_each_an_item(file_format):
    outline = outline_of(documents.BULLETED_RECOMMENDATIONS, file_format)
    assert [part.title for part in outline.parts] == ["Recommendations"]
    assert [item.title for item in outline.items] == [
        "Every school should name a trained inclusion lead",
        f"Councils should publish transport rules: {documents.NON_ASCII}",
        "Inspections should reward inclusive practice",
    ]
    assert {item.kind for item in outline.items} == {"recommendation"}
    assert "families want local schools" in outline.unplaced


@pytest.mark.parametrize("file_format", FORMATS)
def test_headings_phrased_as_questions_are_question_items(file_format):
    outline = outline_of(documents.QUESTION_HEADINGS, file_format)
    assert [item.title for item in outline.items] == [
        "What works well now?",
        "What should change?",
        "Who should pay for it?",
    ]
    assert {item.kind for item in outline.items} == {"question"}
    assert outline.items[2].text == "Tell us how costs should be shared."


def test_chapters_make_parts_and_markdown_headings_make_items():
    outline = split_text(
        "# A review\n\n## Chapter 4: Transport\n\n### Eligibility\n\nWho can travel.\n\n"
        "### Travel training\n\nHelp to travel alone.\n\n## Chapter 5 – Money\n\n"
        "### Budgets\n\nWho pays.\n"
    )
    assert [(part.label, part.title) for part in outline.parts] == [
        ("Chapter 4", "Transport"),
        ("Chapter 5", "Money"),
    ]
    assert [(item.part, item.title) for item in outline.items] == [
        (0, "Eligibility"),
        (0, "Travel training"),
        (1, "Budgets"),
    ]


def test_a_part_with_text_and_no_items_is_itself_an_item():
    outline = split_text(
        "Part 1: Key findings\n\nHigh needs spending has risen.\n\n"
        "Part Two: Recommendations\n\nRecommendation 1: Vision\n\nSet a vision.\n"
    )
    assert [(item.kind, item.number, item.title) for item in outline.items] == [
        ("finding", "", "Key findings"),
        ("recommendation", "1", "Vision"),
    ]
    assert outline.items[0].text == "High needs spending has risen."
    assert outline.parts[1].label == "Part Two"


def test_a_list_numbered_from_one_inside_an_item_stays_in_its_text():
    outline = split_text(
        "1. Early help\n\nCouncils should:\n\n1. publish their offer\n\n2. train staff\n\n"
        "2. Transport\n\nRoutes should be planned.\n"
    )
    assert headings(outline) == [("1", "Early help"), ("2", "Transport")]
    assert "1. publish their offer" in outline.items[0].text


def test_numbering_that_starts_again_inside_an_item_stays_in_its_text():
    outline = split_text("3. Transport\n\n1. Routes\n\n2. Costs\n\n4. Money\n")
    assert headings(outline) == [("3", "Transport"), ("4", "Money")]
    assert outline.items[0].text == "1. Routes\n\n2. Costs"


def test_a_sentence_that_starts_with_a_recommendation_number_is_not_a_heading():
    outline = split_text(
        "Recommendation 1: Vision\n\n"
        "Recommendation 2 is the one families asked about most, and it follows from this.\n"
    )
    assert headings(outline) == [("1", "Vision")]
    assert outline.items[0].text.startswith("Recommendation 2 is the one")


def test_a_long_numbered_paragraph_gets_a_short_title_and_keeps_its_words():
    sentence = "Councils should publish a local offer that families can find and use. " * 5
    outline = split_text(f"1. {sentence}\n\n2. Short title\n")
    first = outline.items[0]
    assert first.title == "Councils should publish a local offer that families can find and use."
    assert first.text == sentence.strip()


def test_a_document_without_headings_has_no_items_and_keeps_all_its_text():
    outline = split_text("A short note.\n\nIt has two paragraphs and no numbering at all.\n")
    assert outline.items == []
    assert outline.unplaced == "A short note.\n\nIt has two paragraphs and no numbering at all."


@pytest.mark.parametrize("file_format", FORMATS)
def test_non_ascii_text_survives_exactly(file_format):
    words = f"{documents.NON_ASCII}. Café owners in Ashby-de-la-Zouch — “naïve” façades."
    outline = outline_of(
        [("h1", f"Recommendation 1: {documents.NON_ASCII}"), ("p", words)], file_format
    )
    assert outline.items[0].title == documents.NON_ASCII
    assert outline.items[0].text == words


def test_line_breaks_inside_a_pasted_paragraph_are_kept():
    outline = split_text("Recommendation 1: Vision\nFirst line\nsecond line\n\nNext paragraph\n")
    assert outline.items[0].text == "First line\nsecond line\n\nNext paragraph"


def test_the_seed_statement_splits_into_its_findings_and_eight_recommendations():
    text = (
        "Part 1: Key findings \n\nMuch of the data is known.\n\nPart Two: Recommendations \n\n"
        + "\n\n".join(f"Recommendation {n}: Theme {n}. \n\nThe NNPCF agree." for n in range(1, 9))
    )
    outline = split_text(text)
    assert [item.number for item in outline.items] == [""] + [str(n) for n in range(1, 9)]
    assert outline.items[1].title == "Theme 1"


def test_word_automatic_numbering_makes_numbered_items():
    document = docx.Document()
    document.add_heading("Recommendations", level=1)
    for title in ("Fund transport", "Train staff", "Reward inclusion"):
        document.add_paragraph(title, style="List Number")
    document.add_paragraph("Every school, every year.")
    buffer = io.BytesIO()
    document.save(buffer)
    outline = split_document(read_document(buffer.getvalue(), "report.docx"))
    assert [(i.kind, i.number, i.title) for i in outline.items] == [
        ("recommendation", "1", "Fund transport"),
        ("recommendation", "2", "Train staff"),
        ("recommendation", "3", "Reward inclusion"),
    ]
    assert outline.items[2].text == "Every school, every year."
