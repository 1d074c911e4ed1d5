"""Decide what a 医保 question gets: one topic's answer, "which one did you mean?" among close
topics, or the honest "I have no reliable information on that" (out of knowledge).

It reads two things the NLU gives: the intent confidences (`faq` against `out_of_knowledge`
and the rest) and the FAQ response selector's topic ranking; and one thing the topics give:
their key terms (a question naming one topic's key term is never asked "which one?").
The thresholds are measured on the held-out data (nlu/evaluate_faq.py; README "How the NLU
decides").
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from knowledge.faq.model import KnowledgeBase, Topic
from knowledge.faq.small_talk import CLOSING_INTENTS, SMALL_TALK_INTENTS, asks_beyond_small_talk, says_a_closing
from knowledge.reading.cancel_or_question import asks_rather_than_stops
from knowledge.reading.terms import canonical

ANSWER, CLARIFY, OUT_OF_KNOWLEDGE = "answer", "clarify", "out_of_knowledge"
OUT_OF_SCOPE, NOT_UNDERSTOOD = "out_of_scope", "not_understood"
FAQ_INTENT, OOK_INTENT, FALLBACK_INTENT = "faq", "out_of_knowledge", "nlu_fallback"
CANCEL_INTENT = "cancel"
# a thanks or goodbye the NLU was unsure of ("算了 不问了 谢谢你": thank 0.45, under the fallback threshold)
# is still one, answered by its own response (utter_thank, utter_goodbye), not "I did not understand",
# when it says one (knowledge/faq/small_talk.py); a greeting is not: an unsure mumble often ranks it first
_CHINESE = re.compile("[\u4e00-\u9fff]")
MAX_CANDIDATES = 3


@dataclass(frozen=True)
class Policy:
    """The thresholds of the decision (README "How the NLU decides" says how they were chosen)."""

    clear_confidence: float = 0.6  # the best topic alone is this sure: answer it
    min_margin: float = 0.2  # or this far ahead of the second: answer it
    plausible: float = 0.15  # a topic is offered as a choice only from this confidence on
    ook_confidence: float = 0.5  # out_of_knowledge this sure beats a key term
    # and this sure, a clear ranking too (0.7: the seed ensemble's averaged out_of_knowledge confidence
    # seldom reaches 0.9, where one model's did; README "How the bot decides")
    ook_sure: float = 0.7
    # right after an answer, its topic among the best three from this confidence on: a follow-up about it
    follow_up: float = 0.1


DEFAULT_POLICY = Policy()


@dataclass(frozen=True)
class Reading:
    """What the NLU made of one message."""

    intents: Mapping[str, float]  # intent → confidence (nlu_fallback left out)
    ranking: tuple[tuple[str, float], ...]  # FAQ topics, best first

    @property
    def top_intent(self) -> str | None:
        return _best(self.intents)

    @classmethod
    def from_parse(cls, parse: Mapping[str, Any]) -> Reading:
        return cls(intents=intents_from_parse(parse), ranking=tuple(ranking_from_parse(parse)))

    def clear_topic(self, policy: Policy = DEFAULT_POLICY) -> str | None:
        """The best topic when the ranking is clear about it: sure alone, or far ahead of the second."""
        if not self.ranking:
            return None
        (top_id, top), second = self.ranking[0], (self.ranking[1][1] if len(self.ranking) > 1 else 0.0)
        return top_id if top >= policy.clear_confidence or top - second >= policy.min_margin else None

    def credited_to_faq(self, intent: str) -> Reading:
        """The same reading of a message known to be a 医保 question after all: what the NLU gave
        `intent` counts for `faq`."""
        intents = dict(self.intents)
        intents[FAQ_INTENT] = intents.get(FAQ_INTENT, 0.0) + intents.pop(intent, 0.0)
        return Reading(intents=intents, ranking=self.ranking)

    def cancel_as_question(self, text: str) -> Reading:
        """A `cancel` that asks ("听说取消个人账户了", "门诊统筹取消了吗") is the 医保 question it is, also
        when the NLU was unsure of it: credited to `faq`. Any other reading stays as it is."""
        if self.top_intent == CANCEL_INTENT and asks_rather_than_stops(text):
            return self.credited_to_faq(CANCEL_INTENT)
        return self

    def small_talk_as_question(self, text: str) -> Reading:
        """A greeting, thanks or goodbye that asks a 医保 question ("我在村里 离县城远 必须跑医保局吗") is that
        question: credited to `faq`. Any other reading stays as it is."""
        if self.top_intent in SMALL_TALK_INTENTS and asks_beyond_small_talk(text):
            return self.credited_to_faq(self.top_intent)
        return self


@dataclass(frozen=True)
class FaqChoice:
    kind: str  # ANSWER, CLARIFY, OUT_OF_KNOWLEDGE, OUT_OF_SCOPE or NOT_UNDERSTOOD
    topic: str | None = None  # the topic to answer
    candidates: tuple[str, ...] = ()  # the topics to offer when asking, best first


def choose(
    reading: Reading, named: str | None = None, policy: Policy = DEFAULT_POLICY, just_answered: str | None = None
) -> FaqChoice:
    """`named`: the topic the question names by a key term (`named_topic`), if exactly one;
    `just_answered`: the topic the bot answered right before this message, if it did.

    Also decides for a message the NLU was unsure of (nlu_fallback): its best intent says whether
    it was a 医保 question at all."""
    top_intent = reading.top_intent
    ook = reading.intents.get(OOK_INTENT, 0.0)
    ranking = reading.ranking
    top = ranking[0][1] if ranking else 0.0
    clear_topic = reading.clear_topic(policy)
    # an unsure out-of-knowledge reading gives way to a topic the ranking is clear about (held-out data)
    clear = top >= policy.clear_confidence and ook < policy.ook_sure
    if top_intent == OOK_INTENT and not clear and (named is None or ook >= policy.ook_confidence):
        return FaqChoice(OUT_OF_KNOWLEDGE)
    if top_intent not in (FAQ_INTENT, OOK_INTENT) and named is None:
        return FaqChoice(OUT_OF_SCOPE if top_intent == OUT_OF_SCOPE else NOT_UNDERSTOOD)
    if clear_topic is not None:
        # a clear ranking is right more often than a key term it disagrees with (held-out data)
        return FaqChoice(ANSWER, clear_topic)
    if named is not None:
        return FaqChoice(ANSWER, named)
    if just_answered is not None and dict(ranking[:MAX_CANDIDATES]).get(just_answered, 0.0) >= policy.follow_up:
        # an unclear question right after an answer that could be about it is a follow-up about it
        # ("绑了以后我爸拿药能直接用我的钱吗" after 家庭共济), not a "which one?" or "I don't know"
        return FaqChoice(ANSWER, just_answered)
    plausible = tuple(topic for topic, score in ranking[:MAX_CANDIDATES] if score >= policy.plausible)
    if len(plausible) < 2:
        # nothing close enough to offer: an honest "I don't know" beats a guess
        return FaqChoice(OUT_OF_KNOWLEDGE)
    return FaqChoice(CLARIFY, candidates=plausible)


def unsure_closing(reading: Reading, text: str) -> bool:
    """An unsure reading that is most likely a thanks or goodbye ("算了 不问了 谢谢你"); not a run of
    Latin letters and digits ("asdfghjkl 123"), which the classifier can only guess at."""
    return reading.top_intent in CLOSING_INTENTS and _CHINESE.search(text) is not None and says_a_closing(text)


def narrow(choice: FaqChoice, kb: KnowledgeBase, scheme: str | None, care: str | None) -> FaqChoice:
    """"Which one?" only among the topics that fit what the message says: of a benefit told for 职工 and
    for 居民, the one for the scheme said; of benefits for 住院 and 门诊, the one for the care said
    ("我妈是居民医保，住院花了八千，起付线是多少" is not asked 门诊 or 住院). One left: answered."""
    if choice.kind != CLARIFY:
        return choice
    fitting = tuple(t for t in choice.candidates if _fits(kb.topics[t], scheme, care))
    if len(fitting) == 1:
        return FaqChoice(ANSWER, fitting[0])
    return FaqChoice(CLARIFY, candidates=fitting) if fitting else choice


def _fits(topic: Topic, scheme: str | None, care: str | None) -> bool:
    # only a topic with a twin for the other scheme is one scheme's: 家庭共济 is asked about by 居民 too
    other_scheme = topic.scheme_counterpart is not None and scheme is not None and topic.scheme != scheme
    other_care = topic.care is not None and care is not None and topic.care != care
    return not (other_scheme or other_care)


def named_topic(kb: KnowledgeBase, text: str) -> str | None:
    """The one topic whose key term the text names; None when none or several do."""
    named = named_topics(kb, text)
    return named[0] if len(named) == 1 else None


def named_topics(kb: KnowledgeBase, text: str) -> list[str]:
    """The topics whose key terms the text names ("家庭共济怎么办 还有异地备案怎么弄": two).

    A topic whose matched words are all part of another topic's match gives way to it: 家庭共济
    and 亲情账户 named together mean 共济与亲情账户, not either alone."""
    plain = canonical(text)
    matches = {
        topic.id: best
        for topic in kb.trained_topics()
        if (best := _largest(topic.key_terms_in(plain)))
    }
    return [t for t, words in matches.items() if not any(words < other for other in matches.values())]


def _largest(groups: Iterable[frozenset[str]]) -> frozenset[str]:
    return max(groups, key=lambda words: (len(words), sum(map(len, words))), default=frozenset())


def _best(intents: Mapping[str, float]) -> str | None:
    return max(intents, key=intents.__getitem__) if intents else None


def intents_from_parse(parse: Mapping[str, Any]) -> dict[str, float]:
    """intent → confidence from a Rasa parse result, nlu_fallback left out."""
    intents: dict[str, float] = {}
    for item in parse.get("intent_ranking") or [parse.get("intent") or {}]:
        name = item.get("name")
        if name and name != FALLBACK_INTENT:
            intents[name] = max(intents.get(name, 0.0), float(item.get("confidence") or 0.0))
    return intents


def best_intent(parse: Mapping[str, Any]) -> str | None:
    """The intent the NLU ranked first besides nlu_fallback (without reading the topic ranking)."""
    return _best(intents_from_parse(parse))


def ranking_from_parse(parse: Mapping[str, Any]) -> list[tuple[str, float]]:
    """The (topic id, confidence) ranking from a Rasa parse result's response selector output."""
    selector = (parse.get("response_selector") or {}).get("faq") or {}
    ranked = []
    for item in selector.get("ranking") or []:
        key = item.get("intent_response_key") or ""
        if key.startswith("faq/"):
            ranked.append((key[len("faq/") :], float(item.get("confidence") or 0.0)))
    return ranked
