"""The tracker Rasa sends with each action-server call, without the rankings of earlier messages.

Rasa sends the whole conversation with every action call, each user message with its full parse
data: the intent ranking and the FAQ ResponseSelector's output, which holds the answer texts of the
ranked topics. In a 120-turn conversation that was 790 KB of JSON per call, 9 ms to encode and a
quarter of Rasa's CPU per turn, growing with every turn. The actions read only the latest message's
parse data (`tracker.latest_message`, sent whole) and the text, intent and entities of earlier ones;
the rest of an earlier message's parse data is dropped from the call. The tracker store keeps all of it.
"""
from __future__ import annotations

from typing import Any

# What an action may read of an earlier message's parse data (rasa_sdk's Tracker reads none of it).
KEPT_PARSE_KEYS = ("intent", "entities", "text", "message_id")


def slim_tracker_state(state: dict[str, Any]) -> dict[str, Any]:
    """The tracker state (`tracker.current_state(EventVerbosity.ALL)`) with every user message but the
    latest reduced to KEPT_PARSE_KEYS of its parse data; the state itself is not changed."""
    events = state.get("events") or []
    latest = max((i for i, event in enumerate(events) if event.get("event") == "user"), default=-1)
    slim = [
        _slim_user(event) if event.get("event") == "user" and i != latest else event
        for i, event in enumerate(events)
    ]
    return {**state, "events": slim}


def _slim_user(event: dict[str, Any]) -> dict[str, Any]:
    parse = event.get("parse_data")
    if not isinstance(parse, dict):
        return event
    return {**event, "parse_data": {key: parse[key] for key in KEPT_PARSE_KEYS if key in parse}}
