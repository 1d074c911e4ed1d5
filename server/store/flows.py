"""What the gateway is waiting for from a conversation (the next step of leaving a work order, a
rating, a ticket number), kept in the database so that any gateway process takes the next message."""
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert

from server.store.database import Database, conversation_key, of_conversation
from server.store.schema import conversation_flow, utc_now

_GET = of_conversation(conversation_flow)


@dataclass(frozen=True)
class Flow:
    step: str
    data: dict[str, Any]


class FlowStore:
    def __init__(self, database: Database) -> None:
        self._engine = database.engine

    @staticmethod
    def _key(channel: str, conversation_id: str) -> Any:
        return (conversation_flow.c.channel == channel) & (conversation_flow.c.conversation_id == conversation_id)

    def get(self, channel: str, conversation_id: str) -> Flow | None:
        with self._engine.connect() as db:
            row = db.execute(_GET, conversation_key(channel, conversation_id)).first()
        return Flow(row.step, json.loads(row.data)) if row else None

    def set(self, channel: str, conversation_id: str, step: str, data: dict[str, Any] | None = None) -> None:
        with self._engine.begin() as db:
            db.execute(delete(conversation_flow).where(self._key(channel, conversation_id)))
            db.execute(
                insert(conversation_flow).values(
                    channel=channel,
                    conversation_id=conversation_id,
                    step=step,
                    data=json.dumps(data or {}, ensure_ascii=False),
                    updated_at=utc_now(),
                )
            )

    def clear(self, channel: str, conversation_id: str) -> None:
        with self._engine.begin() as db:
            db.execute(delete(conversation_flow).where(self._key(channel, conversation_id)))
