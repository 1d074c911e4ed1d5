"""A question about what 医保 pays for care in general ("退休了看病怎么报", "报销比例多少"): no topic is
about it alone, since each benefit topic is one scheme's and one care's, so the classifier tends to
say it does not know. The benefit topics it may mean are offered instead, as few as the message
allows: those for the scheme and the care it says (knowledge/reading/lexicon/benefit_question.yml).
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from knowledge.faq.choice import ANSWER, CLARIFY, MAX_CANDIDATES, FaqChoice, narrow
from knowledge.faq.model import KnowledgeBase
from knowledge.reading.choices import letters, nothing_but, parse_care, stay_said_plainly, value_words
from knowledge.reading.vocabulary import read

# the slot vocabularies whose words say which benefit, not what about it (a city we know says whose
# rules: "我在乌海参保的，住院能报多少" is answered as for 滨州, with the note that 乌海's own differ)
_SAYING_WHICH = ("scheme", "status", "care", "level", "region")


def asks_about_benefits_in_general(text: str) -> bool:
    """A question of how much or how 医保 pays, naming nothing but whose and which care; or a care told
    and nothing else, to the hotline ("俺家老头住院了", "我想问问我老伴住院的事")."""
    words = read("benefit_question")
    plain = stay_said_plainly(letters(text))
    asks = any(ask in plain for ask in words["asks"])
    if not asks and parse_care(text) is None:
        return False
    return nothing_but(plain, (*words["asks"], *words["matter_of"], *_words_saying_which(), *words["plain_words"]))


@cache
def _words_saying_which() -> tuple[str, ...]:
    return tuple(w for slot in _SAYING_WHICH for w in value_words(slot))


def benefit_choice(
    kb: KnowledgeBase, ranking: Sequence[str], scheme: str | None, care: str | None
) -> FaqChoice:
    """The benefit topics (one scheme's, one care's) that fit what was said, best ranked first."""
    cares = [care] if care else read("benefit_question")["general_care"]
    benefits = [t.id for t in kb.topics.values() if t.care in cares]
    ordered = sorted(benefits, key=lambda t: ranking.index(t) if t in ranking else len(ranking))
    fitting = narrow(FaqChoice(CLARIFY, candidates=tuple(ordered)), kb, scheme, care)
    if fitting.kind == ANSWER:
        return fitting
    return FaqChoice(CLARIFY, candidates=fitting.candidates[:MAX_CANDIDATES])
