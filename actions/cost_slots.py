"""Moving cost facts between the tracker's slots and knowledge.cost.facts (slots hold plain strings)."""
from __future__ import annotations

import datetime
from decimal import Decimal

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from knowledge.cost.facts import FACTS, OPTIONAL_FACTS

FACT_SLOTS = FACTS + OPTIONAL_FACTS
# Intents whose text is read for facts; a question (faq) mid-form must not be taken as an answer.
ANSWER_INTENTS = {"ask_cost", "inform", "change_fact", "nlu_fallback"}


def today() -> datetime.date:
    return datetime.date.today()


def slot_value(name: str, value: object) -> object:
    """Slots hold JSON-friendly values: amounts and dates as strings, the level as "1"/"2"/"3"."""
    if name == "level" or isinstance(value, (Decimal, datetime.date)):
        return str(value)
    return value


def known_facts(tracker: Tracker) -> dict[str, object]:
    return {name: tracker.get_slot(name) for name in FACT_SLOTS if tracker.get_slot(name) not in (None, "")}


def answer_text(tracker: Tracker) -> str:
    """The latest message's text if it may carry facts, else ''."""
    if (tracker.latest_message.get("intent") or {}).get("name") not in ANSWER_INTENTS:
        return ""
    return tracker.latest_message.get("text") or ""


def fact_events(facts: dict[str, object]) -> list[dict]:
    return [SlotSet(name, slot_value(name, value)) for name, value in facts.items()]
