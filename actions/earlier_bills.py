"""The bills told earlier in a conversation, by whose they were: "第三次住院呢 我妈" after the father's estimate
is a what-if of the mother's bill told before it, not of his."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions.history import before_the_latest_message
from knowledge.cost.facts import FACT_SLOTS, facts_in_slots
from knowledge.cost.turns import person_named

_ESTIMATES = frozenset({"action_estimate_cost", "action_change_fact"})
_RESET = "action_reset_cost"


def bill_told_earlier(tracker: Tracker) -> dict[str, Any] | None:
    """The facts of the bill of the relative the latest message names, as last estimated, when the bill estimated
    last was someone else's; None otherwise (no one named, the same person, or no bill of theirs)."""
    person = person_named(tracker.latest_message.get("text") or "")
    if person is None:
        return None
    bills, last = _bills_by_person(tracker)
    return bills.get(person) if last != person else None


def _bills_by_person(tracker: Tracker) -> tuple[dict[str, dict[str, Any]], str | None]:
    """Each person's facts at their bill's last estimate, and whose bill was estimated last (None: no one named).
    A bill is the person's named in the message that started it (or in a what-if of it: "那俺家老头子 … 一样的呢")."""
    slots: dict[str, Any] = {}
    bills: dict[str, dict[str, Any]] = {}
    person: str | None = None
    named: str | None = None  # by the user's last message
    estimated: str | None = None  # whose bill the last estimate was, its facts taken when its events are in
    last: str | None = None
    for event in before_the_latest_message(tracker):
        kind, name = event.get("event"), event.get("name")
        if kind == "slot" and name in FACT_SLOTS:
            slots[name] = event.get("value")
        elif kind == "user":
            named = person_named(event.get("text") or "")
            person = named or person
            if estimated is not None:
                bills[estimated] = facts_in_slots(slots.get)
            estimated = None
        elif kind == "action" and name == _RESET:
            person = named  # a new bill: whoever its message names, or no one
        elif kind == "action" and name in _ESTIMATES:
            estimated = last = person
    if estimated is not None:
        bills[estimated] = facts_in_slots(slots.get)
    return bills, last
