"""What a message is to the cost conversation: an answer, a what-if, a new cost question, or none.

Facts first: whether a message states a cost fact is read by the same readers that fill the slots
(knowledge.cost.facts), for any wording the vocabularies know; the intent classifier's guess only
decides among the messages without one. A message with a fact is a stop or an FAQ question only when
it asks about the rules ("异地就医要备案吗"). Used by the cost form's validation (actions/) and by
FactsFirstPolicy (policies/), so both decide alike.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from knowledge.cost.facts import asks_about_rules, asks_own_cost, is_cost_question, read_facts

# Below this an FAQ-looking message is not trusted to be a question: in the form it is an (unclear) answer.
FAQ_MIN_CONFIDENCE = 0.6
FAQ = "faq"
FALLBACK = "nlu_fallback"
# Intents that end or leave the cost conversation; rules handle them.
STOPS = frozenset({"cancel", "goodbye", "thank", "human_handoff"})
# Facts that say nothing about a bill on their own ("我是乌海的" sets the city: a rule's job).
NOT_ABOUT_THE_BILL = frozenset({"region"})


@dataclass(frozen=True)
class Message:
    text: str
    intent: str | None
    confidence: float


def _left_to_the_rules(message: Message, facts: dict) -> bool:
    """A stop or a confident FAQ question: without a fact, or asking about the rules."""
    confident = message.confidence >= FAQ_MIN_CONFIDENCE
    leaves = message.intent == FAQ or message.intent in STOPS
    return confident and leaves and (not facts or asks_about_rules(message.text))


def answers_the_form(message: Message, requested: str | None, today: datetime.date) -> bool:
    """In the cost form: the form reads this message (an answer, maybe an unclear one), or it is left
    to the rules (算了, 再见, 谢谢, 转人工, "异地就医怎么备案")."""
    return not _left_to_the_rules(message, read_facts(message.text, today, requested))


def changes_the_estimate(message: Message, today: datetime.date) -> bool:
    """After an estimate: a correction or a what-if ("不对是二级的", "那要是两万呢")."""
    facts = read_facts(message.text, today)
    return bool(set(facts) - NOT_ABOUT_THE_BILL) and not _left_to_the_rules(message, facts)


def starts_an_estimate(message: Message, today: datetime.date) -> bool:
    """Outside a cost conversation: a cost question, whatever the classifier took it for: an amount
    with a cost word ("谢谢，住院花了两万五 个人负担多少"), a question about the user's own pay taken
    for an FAQ question ("住院报销完自己要出多少"), or facts the classifier could not place
    ("职工 退休 三级医院")."""
    if is_cost_question(message.text):
        return True
    if message.intent == FAQ:
        return asks_own_cost(message.text)
    return message.intent == FALLBACK and bool(set(read_facts(message.text, today)) - NOT_ABOUT_THE_BILL)
