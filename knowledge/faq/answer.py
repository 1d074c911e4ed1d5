"""Compose the reply to an FAQ topic for the user's city and channel (chat or spoken)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from knowledge.faq.model import REGION_NAMES, KnowledgeBase, Topic


@dataclass(frozen=True)
class FaqReply:
    text: str
    topic_id: str
    region: str


def _region_note(topic: Topic, user_region: Optional[str]) -> str:
    """Say whose rules these are whenever the user might be in the other city."""
    city = REGION_NAMES[topic.region]
    if user_region is None:
        if topic.region == "binzhou" and topic.counterpart:
            return f"以上是{city}的规定；如果您在乌海参保，请告诉我“我是乌海的”。"
        if topic.region == "wuhai":
            return f"以上是{city}的做法。"
        return ""
    if user_region != topic.region:
        other = REGION_NAMES[user_region]
        return f"以上是{city}的做法，{other}的具体规定请向当地医保部门咨询。"
    return ""


def compose_reply(kb: KnowledgeBase, topic_id: str, user_region: Optional[str], spoken: bool) -> FaqReply:
    """The answer text; raises KeyError for an unknown topic id."""
    asked = kb.topics[topic_id]
    topic = kb.for_region(asked, user_region)
    parts = [topic.speech if spoken else topic.chat]
    note = _region_note(topic, user_region)
    if note:
        parts.append(note)
    if not spoken:
        parts.append(topic.citation())
    return FaqReply(text="\n".join(parts), topic_id=topic.id, region=topic.region)
