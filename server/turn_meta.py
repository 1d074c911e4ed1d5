"""What a turn was (`meta` of the chat and hotline answers): read from the bot's signals, one per turn.

The bot marks its messages with custom `{"meta": {"kind": ..., "topic": ..., "offered": [...],
"amount": "1285.00"}}` signals. A turn may carry several (an FAQ answered mid-form, then the form's
next question): the most telling one describes the turn, by the precedence below. Turns the gateway
answers itself are `handoff`, `busy` or, on the hotline, `not_heard`.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

# Most telling first: an amount stated outweighs the question asked after it, an answer the
# form's re-asked question, and anything the small talk around it.
KINDS = (
    "estimate",
    "refusal",
    "cancelled",
    "answer",
    "clarify",
    "out_of_knowledge",
    "out_of_scope",
    "handoff",
    "ask",
    "smalltalk",
    "busy",
    "not_heard",
)
_RANK = {kind: rank for rank, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class TurnMeta:
    kind: str
    topic: str | None = None
    offered: tuple[str, ...] = ()
    amount: str | None = None  # the personal pay stated, "1285.00"

    @classmethod
    def from_signal(cls, raw: Any) -> TurnMeta | None:
        """A bot's meta signal, or None when it is not one (unknown kind, wrong shapes)."""
        if not isinstance(raw, Mapping) or raw.get("kind") not in _RANK:
            return None
        topic = raw.get("topic")
        offered = raw.get("offered")
        return cls(
            kind=str(raw["kind"]),
            topic=topic if isinstance(topic, str) else None,
            offered=tuple(item for item in offered if isinstance(item, str)) if isinstance(offered, list) else (),
            amount=_amount(raw.get("amount")),
        )


def _amount(raw: Any) -> str | None:
    if raw is None or isinstance(raw, bool):
        return None
    try:
        return str(Decimal(str(raw)).quantize(Decimal("0.01")))
    except InvalidOperation:
        return None


def merge(metas: Iterable[TurnMeta]) -> TurnMeta | None:
    """The turn's meta: the most telling kind; signals of that kind describe the same thing (a
    response's own mark and its action's details), so each field is the first one given."""
    metas = list(metas)
    if not metas:
        return None
    kind = min((meta.kind for meta in metas), key=_RANK.__getitem__)
    same = [meta for meta in metas if meta.kind == kind]
    return TurnMeta(
        kind=kind,
        topic=next((meta.topic for meta in same if meta.topic), None),
        offered=next((meta.offered for meta in same if meta.offered), ()),
        amount=next((meta.amount for meta in same if meta.amount), None),
    )


HANDOFF = TurnMeta("handoff")
BUSY = TurnMeta("busy")
NOT_HEARD = TurnMeta("not_heard")
