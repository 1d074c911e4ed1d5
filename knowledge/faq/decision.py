"""What a 医保 question gets, all steps together: the NLU's reading (choice.py), narrowed to the topics
that fit what the message says (its scheme and care), and for a question about benefits in general
the benefit topics it may mean (benefits.py). The FAQ action and nlu/evaluate_faq.py both decide so."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from knowledge.faq.benefits import asks_about_benefits_in_general, benefit_choice
from knowledge.faq.choice import (
    DEFAULT_POLICY,
    NOT_UNDERSTOOD,
    OUT_OF_KNOWLEDGE,
    FaqChoice,
    Policy,
    Reading,
    choose,
    named_topic,
    narrow,
)
from knowledge.faq.model import KnowledgeBase


def decide(
    kb: KnowledgeBase,
    reading: Reading,
    text: str,
    said: Mapping[str, Any],
    just_answered: str | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> FaqChoice:
    """`said`: the cost facts the message states (knowledge.cost.facts.read_facts)."""
    scheme, care = said.get("scheme"), said.get("care")
    choice = choose(reading, named_topic(kb, text), policy, just_answered)
    choice = narrow(choice, kb, scheme, care)
    if choice.kind in (OUT_OF_KNOWLEDGE, NOT_UNDERSTOOD) and asks_about_benefits_in_general(text):
        # "退休了看病怎么报": no topic is about it alone, but the benefits it may mean are known
        return benefit_choice(kb, [topic for topic, _ in reading.ranking], scheme, care)
    return choice
