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

from knowledge.cost.facts import asks_about_rules, asks_own_cost, is_cost_question, read_facts, states_own_bill

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


def personal_facts(text: str, today: datetime.date) -> set[str]:
    """Which facts about the person's own bill a message gives, besides amounts and dates: who (scheme
    or status), the care, the level, the group, off-site, the disease, the admission."""
    said = set(read_facts(text, today)) & _PERSONAL
    return {"who" if name == "status" else name for name in said}


_PERSONAL = frozenset({"scheme", "status", "care", "level", "group", "offsite", "disease", "admission"})


def starts_an_estimate(message: Message, today: datetime.date) -> bool:
    """Outside a cost conversation: a question about the user's own bill that the rules would not
    start the estimate for. Taken for an FAQ question, it needs an amount of the bill and a fact about
    the person (not only the kind of care), with a word asking what it costs ("退休职工住院花了一万六 自己出多少"), or enough facts
    to say it is their bill ("在职职工 三级医院 住院三万 报销比例多少"): a question about the rules with
    an example amount stays an FAQ question ("住院花了一万六能报多少?"). Facts the classifier could not
    place start it when there are two ("职工 退休 三级医院"); thanks or a greeting with a cost question too."""
    text = message.text
    facts = personal_facts(text, today)
    if message.intent == FAQ:
        if not states_own_bill(text):
            return False
        asks_cost = is_cost_question(text) or asks_own_cost(text)
        # the care alone names the benefit an FAQ answer is about; who, where, which group is the person's
        return (asks_cost and bool(facts - {"care"})) or len(facts) >= 3
    if message.intent == FALLBACK:
        return len(facts) >= 2
    return is_cost_question(text) and bool(facts - {"care"})
