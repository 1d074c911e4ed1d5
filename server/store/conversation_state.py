"""What the gateway carries from one turn of a conversation to the next (misses in a row, the region
last set in Rasa, the unread part of a spoken answer), kept in the database so that any gateway
process takes any turn and a restart loses nothing."""
import json
from dataclasses import dataclass, fields
from typing import Any

from server.conversation import Conversation
from server.store.database import Database, conversation_key, of_conversation, upsert
from server.store.schema import conversation_state, utc_now
from server.turn_meta import TurnMeta


@dataclass(frozen=True)
class ConversationState:
    misses: int = 0  # turns in a row the bot did not understand or the caller was not heard
    region: str | None = None  # the widget's region last set in Rasa's slot
    pending_details: str | None = None  # the part of the last spoken answer not read yet
    pending_meta: TurnMeta | None = None  # what that answer was


_FIELDS = {field.name for field in fields(ConversationState)}
_GET = of_conversation(conversation_state)


def _column(name: str, value: Any) -> Any:
    if name == "pending_meta" and value is not None:
        return json.dumps(
            {"kind": value.kind, "topic": value.topic, "offered": list(value.offered), "amount": value.amount},
            ensure_ascii=False,
        )
    return value


def _state(row: Any) -> ConversationState:
    meta = TurnMeta.from_signal(json.loads(row.pending_meta)) if row.pending_meta else None
    return ConversationState(row.misses, row.region, row.pending_details, meta)


class ConversationStateStore:
    def __init__(self, database: Database) -> None:
        self._engine = database.engine

    def get(self, conversation: Conversation) -> ConversationState:
        with self._engine.connect() as db:
            row = db.execute(_GET, conversation_key(conversation.channel, conversation.conversation_id)).first()
        return _state(row) if row else ConversationState()

    def update(self, conversation: Conversation, **changes: Any) -> None:
        """Writes only the fields given: the hotline's unread answer and the dialogue's counters are
        kept by different steps of one turn, and neither may undo the other's."""
        unknown = set(changes) - _FIELDS
        if unknown:
            raise ValueError(f"not conversation state: {', '.join(sorted(unknown))}")
        values = {name: _column(name, value) for name, value in changes.items()} | {"updated_at": utc_now()}
        with self._engine.begin() as db:
            upsert(db, conversation_state, conversation_key(conversation.channel, conversation.conversation_id), values)
