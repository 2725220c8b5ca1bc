"""The stance a forum's own words suggest for an item: "we agree", "we do not agree",
"we partly agree". Only a suggestion: the preview asks the user to confirm it.

Read sentence by sentence. A sentence that agrees and also raises a concern ("We agree,
but we have concerns about funding") suggests agreeing with concerns; so does a text
that both agrees and disagrees. A negation ("we do not agree", "we cannot support")
turns agreeing into disagreeing, and "we do not fully agree" into agreeing with
concerns.
"""

import re
from dataclasses import dataclass

from ..models import Stance

_SUBJECT = r"(?:we|i|our\s+forum|the\s+forum|our\s+members|parent\s+carers|families)"
_ADVERB = (
    r"(?:strongly|fully|totally|completely|entirely|wholeheartedly|warmly|broadly|very\s+much"
    r"|would|do|does|can|very|generally|largely|mostly|also|really)"
)
# "support" is everyday SEND vocabulary ("SEN support", "we support families"): it
# counts only with what is supported named as the report's.
_SUPPORTED = (
    r"(?:this|these|that|those|it|its|the\s+(?:recommendation|proposal|proposals|aim|aims|"
    r"principle|principles|idea|ideas|intention|direction|ambition|vision|approach|call|"
    r"move|plan|plans|changes?|finding|findings|question)|recommendation|proposal)"
)
_NEGATION = (
    r"(?:do\s+not|don['’]t|does\s+not|doesn['’]t|did\s+not|cannot|can\s*not|can['’]t"
    r"|could\s+not|couldn['’]t|would\s+not|wouldn['’]t|will\s+not|won['’]t|are\s+not"
    r"|aren['’]t|am\s+not|not|never|unable\s+to)"
)
_NOT_WHOLLY = r"(?:fully|totally|completely|entirely|wholly|100%)"

_PARTLY = re.compile(
    rf"\b(?:{_SUBJECT}\s+(?:{_ADVERB}\s+)*)?(?:partly|partially|in\s+part|somewhat|"
    r"conditionally|cautiously|tentatively)\s+(?:agree|agrees|support|supports|welcome|welcomes)\b"
    r"|\bagrees?\s+(?:in\s+part|with\s+(?:some\s+)?(?:concerns?|reservations?|caveats?|conditions?))\b"
    r"|\b(?:agree|agrees|support|supports)\s+(?:this\s+|it\s+)?in\s+principle\b"
    r"|^\s*(?:partly|partially)\s+agree",
    re.IGNORECASE,
)
_NOT_WHOLLY_AGREE = re.compile(
    rf"\b{_SUBJECT}\s+{_NEGATION}\s+{_NOT_WHOLLY}\s+(?:agree|support)\b", re.IGNORECASE
)
_DISAGREE = re.compile(
    rf"\b{_SUBJECT}\s+(?:{_ADVERB}\s+)*(?:disagree|disagrees|oppose|opposes|reject|rejects|object\s+to)\b"
    rf"|\b{_SUBJECT}\s+{_NEGATION}\s+(?:{_ADVERB}\s+)*(?:agree|support\s+{_SUPPORTED}|welcome)\b"
    r"|^\s*(?:strongly\s+)?disagree\b|^\s*no\s*[,.:;–—-]\s*we\b",
    re.IGNORECASE,
)
_AGREE = re.compile(
    rf"\b{_SUBJECT}\s+(?:{_ADVERB}\s+)*(?:agree|agrees|endorse|endorses)\b"
    rf"|\b{_SUBJECT}\s+(?:{_ADVERB}\s+)*(?:support|supports|back|backs|welcome|welcomes)\s+"
    rf"{_SUPPORTED}\b"
    r"|^\s*(?:strongly\s+)?agree(?:d)?\b|^\s*yes\s*[,.:;–—-]\s*we\b",
    re.IGNORECASE,
)
# Said after agreeing, these make it agreeing with concerns.
_CONCERN = re.compile(
    r"\b(?:concerns?|concerned|reservations?|worr(?:y|ies|ied)|caveats?|however|but\s+not|"
    r"but\s+only|only\s+if|as\s+long\s+as|provided\s+that)\b",
    re.IGNORECASE,
)
# A sentence that starts so carries on from the one before: "We agree. However, …"
_TURN = re.compile(r"^(?:however|but|that\s+said|although|though|yet)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")


@dataclass(frozen=True)
class StanceFound:
    stance: str  # a Stance value; NO_POSITION when the words suggest none
    phrase: str = ""  # the words that suggest it, quoted in the preview

    @property
    def label(self) -> str:
        return Stance(self.stance).label


def _sentence_stance(sentence: str, following: str = "") -> StanceFound | None:
    for pattern, stance in (
        (_PARTLY, Stance.AGREE_WITH_CONCERNS),
        (_NOT_WHOLLY_AGREE, Stance.AGREE_WITH_CONCERNS),
        (_DISAGREE, Stance.DISAGREE),
    ):
        if found := pattern.search(sentence):
            return StanceFound(stance, found.group(0).strip())
    if found := _AGREE.search(sentence):
        after = sentence[found.end() :]
        if _CONCERN.search(after):
            return StanceFound(Stance.AGREE_WITH_CONCERNS, sentence.strip())
        if _TURN.match(following) and _CONCERN.search(following):
            return StanceFound(Stance.AGREE_WITH_CONCERNS, f"{sentence.strip()} {following}")
        return StanceFound(Stance.AGREE, found.group(0).strip())
    return None


def find_stance(text: str) -> StanceFound:
    """The stance the text suggests, and the words that suggest it."""
    sentences = [s.strip(" *#-_>") for s in _SENTENCE.split(text or "") if s.strip(" *#-_>")]
    found: dict[str, StanceFound] = {}
    for index, sentence in enumerate(sentences):
        following = sentences[index + 1] if index + 1 < len(sentences) else ""
        if stance := _sentence_stance(sentence, following):
            found.setdefault(stance.stance, stance)
    if Stance.AGREE_WITH_CONCERNS in found:
        return found[Stance.AGREE_WITH_CONCERNS]
    if len(found) == 2:
        agree, disagree = found[Stance.AGREE], found[Stance.DISAGREE]
        return StanceFound(Stance.AGREE_WITH_CONCERNS, f"{agree.phrase} … {disagree.phrase}")
    return next(iter(found.values()), StanceFound(Stance.NO_POSITION))
