"""Compose the reply to an FAQ topic for the user's city and channel (chat or spoken)."""
from __future__ import annotations

from dataclasses import dataclass

from knowledge.faq.model import KnowledgeBase, Topic
from knowledge.shared_facts import DEFAULT_REGION, REGIONS


@dataclass(frozen=True)
class FaqReply:
    text: str
    topic_id: str
    region: str


def _region_note(kb: KnowledgeBase, topic: Topic, user_region: str | None) -> str:
    """Say whose rules these are whenever the user might be in the other city."""
    city = REGIONS[topic.region]
    if user_region is None:
        if topic.region == DEFAULT_REGION and topic.counterpart:
            other = REGIONS[kb.topics[topic.counterpart].region].removesuffix("市")
            return f"以上是{city}的规定；如果您在{other}参保，请告诉我“我是{other}的”。"
        if topic.region != DEFAULT_REGION:
            return f"以上是{city}的做法。"
        return ""
    if user_region != topic.region:
        other = REGIONS[user_region]
        return f"以上是{city}的做法，{other}的具体规定请向当地医保部门咨询。"
    return ""


def compose_reply(
    kb: KnowledgeBase, topic_id: str, user_region: str | None, spoken: bool, detailed: bool = False
) -> FaqReply:
    """The answer text; raises KeyError for an unknown topic id. `detailed`: the whole answer even when
    spoken (a caller asking more about what the short spoken answer just said)."""
    asked = kb.topics[topic_id]
    topic = kb.for_region(asked, user_region)
    parts = [topic.speech if spoken and not detailed else topic.chat]
    note = _region_note(kb, topic, user_region)
    if note:
        parts.append(note)
    if not spoken:
        parts.append(topic.citation())
    return FaqReply(text="\n".join(parts), topic_id=topic.id, region=topic.region)
