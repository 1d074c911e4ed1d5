"""What was said before the message being answered: the tracker's events up to the user's latest one."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions.turn_meta import reply_meta


def before_the_latest_message(tracker: Tracker) -> list[dict[str, Any]]:
    """The events before the user's latest message, oldest first ([] when there is none yet)."""
    events = list(tracker.events)
    latest = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=0)
    return events[:latest]


def _last_reply(tracker: Tracker) -> dict[str, Any] | None:
    return next((e for e in reversed(before_the_latest_message(tracker)) if e.get("event") == "bot"), None)


def last_reply_was(tracker: Tracker, responses: frozenset[str]) -> bool:
    """The bot's last reply before the latest message was one of these domain responses."""
    return last_reply_of(tracker, responses) is not None


def last_reply_of(tracker: Tracker, responses: frozenset[str]) -> dict[str, Any] | None:
    """The metadata of the bot's last reply before the latest message (its response and the values filled
    into it: {"utter_action": …, "title": …}), when it was one of these domain responses; else None."""
    said = _last_reply(tracker)
    metadata = (said.get("metadata") or {}) if said is not None else {}
    return metadata if metadata.get("utter_action") in responses else None


def last_reply_kind(tracker: Tracker) -> str | None:
    """The kind of the bot's last reply before the latest message, as its turn signal says ("estimate",
    "answer" …: actions/turn_meta.py), or None."""
    said = _last_reply(tracker)
    return reply_meta(said).get("kind") if said is not None else None


def last_reply_texts(tracker: Tracker) -> list[str]:
    """The texts of the bot's replies to the user's message before the latest one (an answer and a note)."""
    before = before_the_latest_message(tracker)
    previous = max((i for i, e in enumerate(before) if e.get("event") == "user"), default=-1)
    return [e["text"] for e in before[previous + 1:] if e.get("event") == "bot" and e.get("text")]


def said_before(tracker: Tracker, text: str) -> bool:
    """The bot already said exactly this in the conversation, before the latest message."""
    return any(e.get("event") == "bot" and e.get("text") == text for e in before_the_latest_message(tracker))
