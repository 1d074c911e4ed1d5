"""The turn's `meta` signal for the gateway (server/turn_meta.py reads it): what this turn was.

Sent as the custom part of the reply it describes (`utter_message(..., json_message=meta(...))`); on a
domain response it replaces the response's own `custom` mark with the same kind and the details.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any


def meta(
    kind: str, topic: str | None = None, offered: list[str] | None = None, amount: Decimal | None = None
) -> dict[str, Any]:
    signal: dict[str, Any] = {"kind": kind}
    if topic is not None:
        signal["topic"] = topic
    if offered:
        signal["offered"] = offered
    if amount is not None:
        signal["amount"] = f"{amount:.2f}"
    return {"meta": signal}


def reply_meta(bot_event: dict[str, Any]) -> dict[str, Any]:
    """The signal a bot event of the tracker carries ({} when none): what `meta` put in its custom part."""
    return ((bot_event.get("data") or {}).get("custom") or {}).get("meta") or {}
