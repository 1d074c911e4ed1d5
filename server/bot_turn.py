"""What one Rasa answer means for the gateway: visible replies plus the bot's custom signals.

Rasa's REST channel answers a JSON list; items may carry "text", "buttons" and "custom".
The custom objects the bot sends (contract):
  {"handoff": {"reason": "user_request"}}  the user asked for a person
  {"not_understood": true}                  the bot's fallback turn
  {"end_call": true}                        the bot said goodbye (hotline hangs up)
  {"meta": {"kind": ..., ...}}              what the turn was (server/turn_meta.py)
  {"estimate": {...}}                       the estimate card of the reply just before it
                                            (knowledge/cost/card.py; the widget draws it)
Items with only "custom" are signals, never shown. Neither is the text of the message carrying the
hand-off signal: only the gateway knows whether a person is there to take the conversation, so it
says what happens (server/reception.py). Rasa's REST channel sends a response's text and its custom
part as two items, the text first: the text right before a hand-off signal is that message's.
"""
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from server.turn_meta import TurnMeta, merge

HANDOFF_REASONS = ("user_request", "not_understood", "low_confidence")


class MalformedBotAnswer(ValueError):
    """Rasa answered something that is not its REST channel's message list."""


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = ()
    estimate: Mapping[str, Any] | None = None  # the card data; checked against the API model when sent


@dataclass(frozen=True)
class BotTurn:
    replies: tuple[Reply, ...]
    handoff_reason: str | None = None
    not_understood: bool = False
    end_call: bool = False
    meta: TurnMeta | None = None  # None: the bot marked nothing


def buttons_of(raw: Any) -> tuple[Button, ...]:
    """Quick-reply buttons from their JSON form (Rasa's answer, a recorded reply); malformed ones dropped."""
    if not isinstance(raw, list):
        return ()
    return tuple(
        Button(title=item["title"], payload=item["payload"])
        for item in raw
        if isinstance(item, dict) and isinstance(item.get("title"), str) and isinstance(item.get("payload"), str)
    )


def parse_bot_messages(items: Any) -> BotTurn:
    if not isinstance(items, list):
        raise MalformedBotAnswer(f"expected a list, got {type(items).__name__}")
    replies: list[Reply] = []
    handoff_reason: str | None = None
    not_understood = end_call = False
    metas: list[TurnMeta] = []
    text_just_before = False  # the item before this one was a text of its own, no signal with it
    for item in items:
        if not isinstance(item, dict):
            raise MalformedBotAnswer(f"expected message objects, got {type(item).__name__}")
        custom = item.get("custom")
        hands_off = False
        if isinstance(custom, dict):
            handoff = custom.get("handoff")
            if isinstance(handoff, dict):
                reason = handoff.get("reason")
                handoff_reason = reason if reason in HANDOFF_REASONS else "user_request"
                hands_off = True
                if text_just_before and not item.get("text"):
                    replies.pop()  # "正在为您转接…": the gateway says whether anyone can take it
            not_understood = not_understood or custom.get("not_understood") is True
            end_call = end_call or custom.get("end_call") is True
            meta = TurnMeta.from_signal(custom.get("meta"))
            if meta is not None:
                metas.append(meta)
            card = custom.get("estimate")
            if isinstance(card, dict) and replies:
                # Rasa sends a message's custom part right after its text: the card belongs to that reply.
                replies[-1] = replace(replies[-1], estimate=card)
        raw_text = item.get("text")
        text = raw_text if isinstance(raw_text, str) else ""
        buttons = buttons_of(item.get("buttons"))
        shown = bool(text.strip() or buttons) and not hands_off
        if shown:
            replies.append(Reply(text=text, buttons=buttons))
        text_just_before = shown and not isinstance(custom, dict)
    return BotTurn(tuple(replies), handoff_reason, not_understood, end_call, merge(metas))
