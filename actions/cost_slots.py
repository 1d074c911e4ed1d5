"""Moving cost facts between the tracker's slots and knowledge.cost.facts (slots hold plain strings)."""
from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.history import before_the_latest_message
from actions.turn_meta import reply_meta
from knowledge.cost.facts import FACT_SLOTS, asks_about_rules, facts_in_slots, facts_of_topic, read_facts
from knowledge.cost.turns import COST_ENDINGS, FAQ_MIN_CONFIDENCE
from knowledge.faq.choice import Reading

# How many earlier messages a new cost question looks back at for facts stated before it.
EARLIER_MESSAGES = 5
# Facts a question about the rules may state about the asker ("我是退休职工，住院报销比例多少")
# and keep for a cost question that follows; its places, dates and filing describe the rules asked about.
ABOUT_THE_ASKER = {"scheme", "status", "care", "level", "disease", "group"}


def today() -> datetime.date:
    return datetime.date.today()


def slot_value(name: str, value: object) -> object:
    """Slots hold JSON-friendly values: amounts and dates as strings, the level as "1"/"2"/"3"."""
    if name == "level" or isinstance(value, (Decimal, datetime.date)):
        return str(value)
    return value


def known_facts(tracker: Tracker) -> dict[str, Any]:
    return facts_in_slots(tracker.get_slot)


def fact_events(facts: dict[str, Any]) -> list[dict]:
    """SlotSets for the cost facts in `facts` (a city named goes to the `region` slot)."""
    return [SlotSet(name, slot_value(name, value)) for name, value in facts.items() if name in FACT_SLOTS + ("region",)]


def changed_fact_events(known: dict[str, Any], merged: dict[str, Any]) -> list[dict]:
    """SlotSets that turn `known` into `merged`: changed or new facts, and dropped ones set to None."""
    events = [
        SlotSet(name, slot_value(name, value))
        for name, value in merged.items()
        if name in FACT_SLOTS + ("region",) and slot_value(name, value) != known.get(name)
    ]
    return events + [SlotSet(name, None) for name in known if name not in merged]


def earlier_facts(tracker: Tracker) -> list[dict[str, Any]]:
    """The facts of the messages before the latest one since the last cost question ended, to merge in
    this order: what the user said before the cost conversation began (the question that started it,
    or a question that was clarified first), oldest last, after the care of the FAQ topics answered in
    between. What the user said outranks what a reply implied, whatever came first: "看门诊" stays
    门诊 when a later message ("在镇上卫生院看的") was taken for a question about hospital stays."""
    said: list[dict[str, Any]] = []
    implied: list[dict[str, Any]] = []  # the facts of the FAQ replies to those messages
    reply: dict[str, Any] = {}  # the facts of the FAQ reply to the message being read
    for event in reversed(before_the_latest_message(tracker)):
        kind = event.get("event")
        if kind == "action" and event.get("name") in COST_ENDINGS:
            break
        if kind == "session_started" or len(said) >= EARLIER_MESSAGES:
            break
        if kind == "bot":
            reply = _facts_of_reply(event) or reply
        elif kind == "user":
            text = event.get("text") or ""
            facts = {} if text.startswith("/") else read_facts(text, today())  # "/…": a button's intent
            if asks_about_rules(text):
                facts = {name: value for name, value in facts.items() if name in ABOUT_THE_ASKER}
            said.append(facts)
            implied.append(reply)
            reply = {}
    return implied[::-1] + said[::-1]


def classified_topic(parse_data: dict[str, Any]) -> str | None:
    """The FAQ topic the classifier confidently took a message for ("inpatient_employee"): the intent
    sure, and the topic ranking clear (not the best of a flat ranking: "那俺老伴呢 她是居民医保 …
    花了两万五" ranked 门诊慢特病 first at 0.11, and was estimated for it)."""
    intent = parse_data.get("intent") or {}
    if intent.get("name") != "faq" or float(intent.get("confidence") or 0) < FAQ_MIN_CONFIDENCE:
        return None
    return Reading.from_parse(parse_data).clear_topic()


def _facts_of_reply(bot_event: dict[str, Any]) -> dict[str, Any]:
    """The cost facts an FAQ reply implies: its topic's when it answered one; when it asked "which
    one?", those all the offered topics agree on (职工大额医疗补助 or 职工住院: either way 住院)."""
    meta = reply_meta(bot_event)
    if meta.get("kind") == "answer":
        return facts_of_topic(meta.get("topic"))
    offered = [facts_of_topic(topic) for topic in meta.get("offered") or []] if meta.get("kind") == "clarify" else []
    if not offered:
        return {}
    return {name: value for name, value in offered[0].items() if all(o.get(name) == value for o in offered[1:])}
