"""The answer to "which one did you mean?": one of the topics just offered, picked by its place
("第二个"), by the scheme or care that tells it from the others ("居民的", "住院那个") or by its title;
or none of them ("都不是"), the last choice offered, which hands over to a person.

Callers on the hotline hear the choices read out and answer in these words, which the NLU alone
cannot read as a topic (knowledge/reading/lexicon/offer_pick.yml).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.faq.choice import ANSWER, CLARIFY, FaqChoice, narrow
from knowledge.faq.model import KnowledgeBase
from knowledge.reading.choices import letters, parse_yes_no
from knowledge.reading.vocabulary import alternation, read


def picked_topic(
    offered: Sequence[str], kb: KnowledgeBase, text: str, scheme: str | None = None, care: str | None = None
) -> str | None:
    """The offered topic the message picks, or None when it picks none (or several)."""
    offered = [t for t in offered if t in kb.topics]
    if not offered:
        return None
    place = _place(text, len(offered))
    if place is not None:
        return offered[place]
    titled = [t for t in offered if kb.topics[t].title in text]
    if len(titled) == 1:
        return titled[0]
    if len(offered) > 1:  # narrowing one offer leaves it whatever the message says ("二级", "两万")
        narrowed = narrow(FaqChoice(CLARIFY, candidates=tuple(offered)), kb, scheme, care)
        if narrowed.kind == ANSWER:
            return narrowed.topic
    # "他是退休的" between 职工住院 and 医疗救助: the one choice that is that scheme's (or care's) benefit
    own = [t for t in offered if (scheme and kb.topics[t].scheme == scheme) or (care and kb.topics[t].care == care)]
    if len(own) == 1:
        return own[0]
    # the one offer ("居民医保的" after the 职工 answer) taken up with a yes, not by telling another scheme
    # ("我是上班的，在单位交的": its 是 is no yes to 居民医保)
    if len(offered) != 1 or (scheme and kb.topics[offered[0]].scheme not in (None, scheme)):
        return None
    return offered[0] if parse_yes_no(text) is True else None


def picks_none(text: str) -> bool:
    """"都不是": the choice offered last, 都不是，转人工."""
    words = read("offer_pick")
    return any(said in words["none_of_them"] for said in _said(text))


def _place(text: str, count: int) -> int | None:
    words = read("offer_pick")
    for said in _said(text):
        if said in words["last"]:
            return count - 1
        for index, place in enumerate(words["places"][:count]):
            if said in [str(word) for word in place]:
                return index
    return None


def _said(text: str) -> tuple[str, str]:
    """The message without punctuation, and without the words around a choice ("我问的是第三个吧")."""
    words = read("offer_pick")
    plain = letters(text)
    before, after = alternation(words["words_before"]), alternation(words["words_after"])
    return plain, re.sub(rf"^(?:{before})+|(?:{after})+$", "", plain)
