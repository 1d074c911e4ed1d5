"""Every message of every conversation: what the user typed (as masked by the gateway), the bot's
and the agents' replies, and the gateway's notes (an agent joined, the conversation was handed
back, a rating is asked for). A user row carries its turn's meta, which the operator report reads."""
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from server.store.database import Database
from server.store.schema import agent, handoff, message, utc_now

USER, BOT, AGENT, SYSTEM = "user", "bot", "agent", "system"
# rows committed out of id order (PostgreSQL hands out ids before commit) are still found by a
# stream that looks this many ids back and skips what it sent
STREAM_LOOKBACK = 50


@dataclass(frozen=True)
class NewMessage:
    speaker: str
    text: str
    buttons: Sequence[dict[str, str]] = ()
    meta: dict[str, Any] | None = None  # user rows: the turn's meta
    event: str | None = None  # system rows
    agent_id: int | None = None
    handoff_id: int | None = None
    data: dict[str, Any] | None = None  # system rows: what the event needs (a rating's subject)


@dataclass(frozen=True)
class Message:
    id: int
    channel: str
    conversation_id: str
    speaker: str
    text: str
    created_at: datetime
    buttons: tuple[dict[str, str], ...] = ()
    kind: str | None = None
    topic: str | None = None
    meta: dict[str, Any] | None = None
    event: str | None = None
    agent_id: int | None = None
    agent_work_number: str | None = None
    handoff_id: int | None = None
    data: dict[str, Any] = field(default_factory=dict)


_INSERT = insert(message)  # built once: SQLAlchemy keys a statement object once


def insert_messages(db: Connection, channel: str, conversation_id: str, messages: Iterable[NewMessage]) -> list[int]:
    """Within the caller's transaction (a hand-off's change and its notes commit together)."""
    now = utc_now()
    ids = []
    for new in messages:
        ids.append(
            db.execute(  # parameters apart from the statement: SQLAlchemy caches its compiled form
                _INSERT,
                dict(
                    channel=channel,
                    conversation_id=conversation_id,
                    speaker=new.speaker,
                    text=new.text,
                    buttons=json.dumps(list(new.buttons), ensure_ascii=False) if new.buttons else None,
                    kind=(new.meta or {}).get("kind"),
                    topic=(new.meta or {}).get("topic"),
                    meta=json.dumps(new.meta, ensure_ascii=False) if new.meta else None,
                    data=json.dumps(new.data, ensure_ascii=False) if new.data else None,
                    event=new.event,
                    agent_id=new.agent_id,
                    handoff_id=new.handoff_id,
                    created_at=now,
                )
            ).inserted_primary_key[0]
        )
    return ids


def _message(row: Any) -> Message:
    values = dict(row._mapping)
    for name in ("meta", "data"):
        values[name] = json.loads(values[name]) if values[name] else None
    values["data"] = values["data"] or {}
    values["buttons"] = tuple(json.loads(values["buttons"])) if values["buttons"] else ()
    return Message(**values)


_COLUMNS = [*message.c, agent.c.work_number.label("agent_work_number")]


def _select() -> Any:
    return select(*_COLUMNS).select_from(message.outerjoin(agent, message.c.agent_id == agent.c.id))


class TranscriptStore:
    def __init__(self, database: Database) -> None:
        self._engine = database.engine

    def add(self, channel: str, conversation_id: str, messages: Iterable[NewMessage]) -> list[int]:
        """Stores the messages in order, in one transaction; their ids."""
        with self._engine.begin() as db:
            return insert_messages(db, channel, conversation_id, messages)

    def get(self, message_id: int) -> Message | None:
        with self._engine.connect() as db:
            row = db.execute(_select().where(message.c.id == message_id)).first()
        return _message(row) if row else None

    def history(self, channel: str, conversation_id: str, limit: int = 1000) -> list[Message]:
        """The conversation's last `limit` messages, oldest first."""
        with self._engine.connect() as db:
            rows = db.execute(
                _select()
                .where(message.c.channel == channel, message.c.conversation_id == conversation_id)
                .order_by(message.c.id.desc())
                .limit(limit)
            ).all()
        return [_message(row) for row in reversed(rows)]

    def human_service_since(self, channel: str, conversation_id: str, after: int) -> list[Message]:
        """What the user's widget shows live: agents' replies and the gateway's notes of a hand-off,
        with ids from `after - STREAM_LOOKBACK` on (the caller skips what it has)."""
        with self._engine.connect() as db:
            rows = db.execute(
                _select()
                .where(
                    message.c.channel == channel,
                    message.c.conversation_id == conversation_id,
                    message.c.id > after - STREAM_LOOKBACK,
                    message.c.speaker.in_((AGENT, SYSTEM)),
                    message.c.handoff_id.is_not(None),
                )
                .order_by(message.c.id)
            ).all()
        return [_message(row) for row in rows]

    def held_by_since(self, agent_id: int, after: int) -> list[Message]:
        """Every new message of the hand-offs this agent holds or held (an agent sees a user leave)."""
        held = select(handoff.c.id).where(handoff.c.claimed_by == agent_id)
        with self._engine.connect() as db:
            rows = db.execute(
                _select().where(message.c.id > after - STREAM_LOOKBACK, message.c.handoff_id.in_(held)).order_by(message.c.id)
            ).all()
        return [_message(row) for row in rows]

    def count(self, channel: str, conversation_id: str, speaker: str, handoff_id: int) -> int:
        with self._engine.connect() as db:
            return int(
                db.execute(
                    select(func.count())
                    .select_from(message)
                    .where(
                        message.c.channel == channel,
                        message.c.conversation_id == conversation_id,
                        message.c.speaker == speaker,
                        message.c.handoff_id == handoff_id,
                    )
                ).scalar_one()
            )

    def last_id(self) -> int:
        with self._engine.connect() as db:
            return int(db.execute(select(message.c.id).order_by(message.c.id.desc()).limit(1)).scalar() or 0)
