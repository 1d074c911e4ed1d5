"""Compose the reply to an FAQ topic for the user's city and channel (chat or spoken)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.cost.render import SPOKEN_DETAILS_OFFER
from knowledge.faq.focus import ABOUT_THE_ANSWER, Strictness, answering_sentence, figure_not_given
from knowledge.faq.model import KnowledgeBase, Topic
from knowledge.reading.choices import names_both_schemes
from knowledge.reading.terms import canonical
from knowledge.shared_facts import DEFAULT_REGION, REGIONS


@dataclass(frozen=True)
class FaqReply:
    text: str
    topic_id: str
    region: str
    whole: bool = True  # False: only the sentence that answers what was asked


def _region_note(kb: KnowledgeBase, topic: Topic, user_region: str | None, offer: bool = True) -> str:
    """Say whose rules these are whenever the user might be in the other city; `offer`: also when they are
    滨州's, with how to ask for the other's (not with one sentence of the answer just given, which offered it)."""
    city = REGIONS[topic.region]
    if user_region is None:
        if topic.region == DEFAULT_REGION and topic.counterpart and offer:
            other = REGIONS[kb.topics[topic.counterpart].region].removesuffix("市")
            return f"以上是{city}的规定；如果您在{other}参保，说一声“{other}的”就行。"
        if topic.region != DEFAULT_REGION:
            return f"以上是{city}的做法。"
        return ""
    if user_region != topic.region:
        other = REGIONS[user_region]
        return f"以上是{city}的做法，{other}的具体规定请向当地医保部门咨询。"
    return ""


def answering(
    kb: KnowledgeBase, topic_id: str, user_region: str | None, question: str, strictness: Strictness = ABOUT_THE_ANSWER
) -> str | None:
    """The sentence of the topic's answer (for the user's city) that answers `question`, if one clearly does."""
    topic = kb.for_region(kb.topics[topic_id], user_region)
    # its key terms that its title names (大额医疗补助), not those naming a part of it (胰岛素 of 集采降价)
    title = canonical(topic.title)
    subject = {word for words in topic.key_terms for word in words if word in title}
    return answering_sentence(topic.chat, question, strictness, subject)


def other_scheme_note(kb: KnowledgeBase, topic_id: str) -> tuple[str, Topic] | None:
    """After one scheme's benefit answered for someone who has not said whose: that the other scheme's
    differs ("以上是职工医保的；居民医保的不一样。"), and the topic that answers it (职工住院 → 居民住院)."""
    topic = kb.topics[topic_id]
    if topic.scheme_counterpart is None:
        return None
    other = kb.topics[topic.scheme_counterpart]
    return f"以上是{topic.scheme}医保的；{other.scheme}医保的不一样。", other


def schemes_compared(kb: KnowledgeBase, topics: Sequence[str], text: str) -> tuple[str, str] | None:
    """"职工和居民住院哪个报得多": both schemes named, of a benefit one topic gives for each (the first of
    `topics` that has a twin): that topic and its twin, both to answer; None otherwise."""
    if not names_both_schemes(text):
        return None
    topic = next((kb.topics[t] for t in topics if kb.topics[t].scheme_counterpart), None)
    return (topic.id, topic.scheme_counterpart) if topic and topic.scheme_counterpart else None


def compose_reply(
    kb: KnowledgeBase,
    topic_id: str,
    user_region: str | None,
    spoken: bool,
    detailed: bool = False,
    question: str | None = None,
) -> FaqReply:
    """The answer text; raises KeyError for an unknown topic id. `detailed`: the whole answer even when
    spoken (a caller asking more about what the short spoken answer just said). `question`: a follow-up
    about this answer ("能看几次病"): the sentence that answers it, when one clearly does."""
    topic = kb.for_region(kb.topics[topic_id], user_region)
    sentence = answering(kb, topic_id, user_region, question) if question else None
    # "限额是500是吧": that the material does not say that figure, before what it says (which may give it
    # another way: "退休人员再提高5%")
    checked = figure_not_given(topic.chat, question) if sentence and question else None
    if checked is not None:
        sentence = f"资料上没有直接写您说的{checked}，原文是这样说的：\n{sentence}"
    parts = [sentence or (topic.speech if spoken and not detailed else topic.chat)]
    note = _region_note(kb, topic, user_region, offer=sentence is None)
    if note:
        parts.append(note)
    if sentence and spoken:  # the rest on request (on the chat, a button offers it)
        parts.append(SPOKEN_DETAILS_OFFER)
    if not spoken:
        parts.append(topic.citation())
    return FaqReply(text="\n".join(parts), topic_id=topic.id, region=topic.region, whole=sentence is None)
