"""The preview of a response brought in from Word: which text goes into which section,
with the stance found for each item, and the user's changes to it.

Nothing is stored in the response before the user confirms: the plan lives in their
session (as JSON, bounded by `MAX_CHARACTERS`) between one page and the next. It
records each section's latest revision when it was made, so that confirming merges
with whatever was typed in the browser since.
"""

import re
from dataclasses import asdict, dataclass, field

from ..importing.reading import Block, UnreadableDocument
from ..models import Response, Section, Stance
from ..text import word_count
from .matching import Piece, Target, place
from .stances import StanceFound, find_stance

# The most text a plan holds: far more than a response (a few thousand words a
# section), and little enough for a session to keep.
MAX_CHARACTERS = 500_000
ADD, REPLACE = "add", "replace"
_SESSION_KEY = "word-import-{pk}"
# The Markdown the pieces are written in: not words of the forum's.
_MARKUP = re.compile(r"(?m)^\s*(?:#{1,6}|[-*+])\s+|\*\*")


class PlanError(ValueError):
    """The plan cannot be made or changed like this; the message is for the user."""


@dataclass
class PlannedPiece:
    key: int
    section: int | None  # a section id of the response, or None: not placed yet
    heading: str
    text: str
    found_by: str = ""
    left_out: bool = False

    @property
    def words(self) -> int:
        return word_count(_MARKUP.sub(" ", self.text))

    @property
    def label(self) -> str:
        """A few words to tell the piece by, for a screen reader's button names."""
        words = _MARKUP.sub(" ", self.heading or self.text).split()
        return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


@dataclass
class Plan:
    response: int
    source: str
    # {section id: its latest revision id when the preview was made}, as strings:
    # the session keeps JSON, whose keys are strings.
    bases: dict[str, int | None]
    pieces: list[PlannedPiece]
    stances: dict[str, str] = field(default_factory=dict)  # chosen by the user
    modes: dict[str, str] = field(default_factory=dict)  # ADD or REPLACE existing text

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Plan":
        return cls(**{**data, "pieces": [PlannedPiece(**piece) for piece in data["pieces"]]})

    def piece(self, key: int) -> PlannedPiece:
        for piece in self.pieces:
            if piece.key == key:
                return piece
        raise PlanError("That text is no longer in the preview.")

    def placed(self, section_id: int) -> list[PlannedPiece]:
        return [p for p in self.pieces if p.section == section_id and not p.left_out]

    def text_for(self, section_id: int) -> str:
        """The document's text for the section, its pieces in the document's order."""
        return "\n\n".join(piece.text for piece in self.placed(section_id))

    @property
    def words_placed(self) -> int:
        return sum(p.words for p in self.pieces if p.section is not None and not p.left_out)

    @property
    def words_left_out(self) -> int:
        return sum(p.words for p in self.pieces if p.left_out)

    @property
    def not_placed(self) -> list[PlannedPiece]:
        return [p for p in self.pieces if p.section is None and not p.left_out]

    @property
    def words_not_placed(self) -> int:
        return sum(p.words for p in self.not_placed)


def _sections(response: Response) -> list[Section]:
    return list(
        response.sections.select_related("item", "latest_revision__author").order_by("order")
    )


def _targets(sections: list[Section]) -> list[Target]:
    return [
        Target(
            section_id=section.pk,
            kind=section.kind,
            item_kind=section.item.kind if section.item_id else "",
            number=section.item.number if section.item_id else "",
            title=section.item.title if section.item_id else "",
        )
        for section in sections
    ]


def make_plan(*, response: Response, blocks: list[Block], source: str) -> Plan:
    """Place the document's text in the response's sections (one query)."""
    if sum(len(block.text) for block in blocks) > MAX_CHARACTERS:
        raise UnreadableDocument(
            f"The document holds more than {MAX_CHARACTERS:,} characters, far more than a "
            "response. Check that it is your forum's response, or bring it in in parts."
        )
    sections = _sections(response)
    pieces: list[Piece] = place(blocks, _targets(sections))
    if not any(piece.heading for piece in pieces):
        raise UnreadableDocument(
            "No heading in the document names a section of this response, so we cannot "
            "tell which text goes where. Put a heading before each part of your text, "
            "such as “Recommendation 3” or “Question 3” (or the item’s title), and try again."
        )
    return Plan(
        response=response.pk,
        source=source[:200],
        bases={str(section.pk): section.latest_revision_id for section in sections},
        pieces=[
            PlannedPiece(key, piece.section_id, piece.heading, piece.text, piece.found_by)
            for key, piece in enumerate(pieces, start=1)
        ],
    )


# The user's changes ---------------------------------------------------------------------


def move_piece(plan: Plan, key: int, section_id: int | None) -> None:
    if section_id is not None and str(section_id) not in plan.bases:
        raise PlanError("Choose one of this response's sections.")
    plan.piece(key).section = section_id


def leave_out(plan: Plan, key: int) -> None:
    plan.piece(key).left_out = True


def put_back(plan: Plan, key: int) -> None:
    plan.piece(key).left_out = False


def choose_stance(plan: Plan, section_id: int, stance: str) -> None:
    if str(section_id) not in plan.bases or stance not in Stance.values:
        raise PlanError("Choose a position from the list.")
    plan.stances[str(section_id)] = stance


def choose_mode(plan: Plan, section_id: int, mode: str) -> None:
    if str(section_id) not in plan.bases or mode not in (ADD, REPLACE):
        raise PlanError("Choose whether to add the text or replace what is there.")
    plan.modes[str(section_id)] = mode


# Between pages: the user's session -------------------------------------------------------


def keep_plan(session, plan: Plan) -> None:
    session[_SESSION_KEY.format(pk=plan.response)] = plan.to_json()


def kept_plan(session, response: Response) -> Plan | None:
    data = session.get(_SESSION_KEY.format(pk=response.pk))
    return Plan.from_json(data) if data else None


def forget_plan(session, response: Response) -> None:
    session.pop(_SESSION_KEY.format(pk=response.pk), None)


# What the preview page shows --------------------------------------------------------------


@dataclass
class SectionPreview:
    section: Section
    pieces: list[PlannedPiece]  # left-out ones too, shown where they were
    found: StanceFound
    stance: str
    mode: str
    text: str  # what the section's text would be
    over_limit: bool

    @property
    def brings_text(self) -> bool:
        return any(not piece.left_out for piece in self.pieces)

    @property
    def existing_words(self) -> int:
        return word_count(self.section.text)

    @property
    def words(self) -> int:
        return sum(piece.words for piece in self.pieces if not piece.left_out)


@dataclass
class PreviewPage:
    response: Response
    plan: Plan
    sections: list[SectionPreview]
    not_placed: list[PlannedPiece]
    left_out_unplaced: list[PlannedPiece]

    @property
    def choices(self) -> list[tuple[int, str]]:
        return [(entry.section.pk, entry.section.heading) for entry in self.sections]

    @property
    def receiving(self) -> list[SectionPreview]:
        return [entry for entry in self.sections if entry.brings_text]

    @property
    def ready(self) -> bool:
        return not self.not_placed and bool(self.receiving)


def stance_found(plan: Plan, section_id: int) -> StanceFound:
    """What the section's placed text, and the headings that named it, suggest."""
    headings = [piece.heading for piece in plan.placed(section_id)]
    return find_stance("\n".join([*headings, plan.text_for(section_id)]))


def stance_for(plan: Plan, section: Section, found: StanceFound) -> str:
    """The user's choice, else the stance the text suggests, else the one it has."""
    if not section.takes_stance:
        return Stance.NO_POSITION
    chosen = plan.stances.get(str(section.pk))
    if chosen:
        return chosen
    return found.stance if found.stance != Stance.NO_POSITION else section.stance


def new_text(plan: Plan, section_id: int, base_text: str) -> str:
    """The section's text after the import: the document's text after the text it had
    (or instead of it, when the user chose to replace it)."""
    imported = plan.text_for(section_id)
    if plan.modes.get(str(section_id), ADD) == ADD and base_text.strip():
        return f"{base_text.rstrip()}\n\n{imported}"
    return imported


def preview_page(response: Response, plan: Plan) -> PreviewPage:
    """Everything the preview page shows, in one query whatever the response's size."""
    from ..drafting import MAX_WORDS

    entries = []
    for section in _sections(response):
        section.response = response
        pieces = [piece for piece in plan.pieces if piece.section == section.pk]
        found = stance_found(plan, section.pk)
        text = new_text(plan, section.pk, section.text)
        entries.append(
            SectionPreview(
                section=section,
                pieces=pieces,
                found=found if section.takes_stance else StanceFound(Stance.NO_POSITION),
                stance=stance_for(plan, section, found),
                mode=plan.modes.get(str(section.pk), ADD),
                text=text,
                over_limit=word_count(text) > MAX_WORDS,
            )
        )
    return PreviewPage(
        response=response,
        plan=plan,
        sections=entries,
        not_placed=plan.not_placed,
        left_out_unplaced=[p for p in plan.pieces if p.section is None and p.left_out],
    )
