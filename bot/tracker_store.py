"""Rasa's SQL tracker store, keeping each conversation's tracker between its turns.

On every turn Rasa's SQLTrackerStore loads the conversation (every event's JSON parsed and replayed
into a new tracker) and saves it (a count of the stored events, then the inserts): about a third of
Rasa's CPU per turn under load (README, "Benchmark"). This store keeps the tracker a turn saved and
hands it to the conversation's next turn, after one indexed query has shown that no other process
wrote to the conversation since (the gateway may move a conversation to another Rasa process when
one is down); a save then inserts only the events after those already stored. A conversation with
nothing stored is created without loading it, and its first save needs no count either.

A kept tracker is handed out once (taken out of the cache), so two readers never share one object; a
tracker the store cannot vouch for is loaded and counted the way Rasa does it.
"""
from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

NOTHING_STORED = 0  # the tracker_id of a conversation the database held no event of: any tracker may save


@dataclass
class _Conversation:
    """What the database holds of a conversation's current tracker object, and the object when kept."""

    tracker_id: int  # id() of the tracker object handed out or saved
    stored: int  # how many of its events are in the database
    last_id: int | None  # the conversation's highest event id in the database
    kept: DialogueStateTracker | None = None  # None while a turn has it


class ConversationCacheTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that remembers its last `cached_conversations` conversations (LRU)."""

    def __init__(self, *args: Any, cached_conversations: int = 256, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # SQLAlchemy 1.4 opens and closes a file database's connection for every session (NullPool):
            # a tenth of Rasa's CPU per turn. Rasa uses the store from its event loop's thread only.
            self.engine = sa.create_engine(
                self.engine.url, poolclass=QueuePool, pool_size=1, connect_args={"check_same_thread": False}
            )
            self.sessionmaker = sessionmaker(bind=self.engine)
        self._capacity = int(cached_conversations)
        self._conversations: OrderedDict[str, _Conversation] = OrderedDict()
        # built once: SQLAlchemy keys a statement object for its compiled cache once, a new one on every use
        events = self.SQLEvent.__table__
        self._last_id_query = sa.select(sa.func.max(events.c.id)).where(events.c.sender_id == sa.bindparam("sender_id"))
        self._insert_events = events.insert()

    def _last_event_id(self, sender_id: str) -> int | None:
        with self.engine.connect() as connection:
            return connection.execute(self._last_id_query, {"sender_id": sender_id}).scalar()

    def _remember(self, sender_id: str, conversation: _Conversation) -> None:
        self._conversations[sender_id] = conversation
        self._conversations.move_to_end(sender_id)
        while len(self._conversations) > self._capacity:
            self._conversations.popitem(last=False)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        known = self._conversations.pop(sender_id, None)
        last_id = self._last_event_id(sender_id)
        if last_id is None:
            # a new conversation: Rasa creates its tracker and saves it, which then needs no count
            self._remember(sender_id, _Conversation(NOTHING_STORED, 0, None))
            return None
        if known is not None and known.kept is not None and known.last_id == last_id:
            tracker = known.kept
            known.kept = None  # handed out: the next reader loads its own
            self._remember(sender_id, known)
            return tracker
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            # Rasa loads the events after the latest session start: all of them are stored
            self._remember(sender_id, _Conversation(id(tracker), len(tracker.events), last_id))
        return tracker

    async def exists(self, conversation_id: str) -> bool:
        known = self._conversations.get(conversation_id)
        return (known is not None and known.kept is not None) or self._last_event_id(conversation_id) is not None

    async def save(self, tracker: DialogueStateTracker) -> None:
        sender_id = tracker.sender_id
        known = self._conversations.pop(sender_id, None)
        if known is not None and known.tracker_id in (id(tracker), NOTHING_STORED):
            await self.stream_events(tracker)
            last_id = self._insert(sender_id, list(tracker.events)[known.stored :], known.last_id)
        else:
            await super().save(tracker)
            if known is not None:
                # another reader loaded the conversation after this tracker: keep neither
                return
            last_id = self._last_event_id(sender_id)
        if sum(isinstance(event, SessionStarted) for event in tracker.events) > 1:
            # a new session began in this tracker: the next turn loads only that session, as Rasa does
            return
        self._remember(sender_id, _Conversation(id(tracker), len(tracker.events), last_id, kept=tracker))

    def _insert(self, sender_id: str, events: list[Event], last_id: int | None) -> int | None:
        """Stores the events; returns the conversation's highest event id after them."""
        # Core inserts, all but the last in one executemany (the last gives the id): a turn's six
        # events took 0.44 ms against 1.02 ms through the ORM's unit of work
        insert = self._insert_events
        rows = [self._row(sender_id, event.type_name, event.as_dict()) for event in events]
        with self.session_scope() as session:
            if rows[:-1]:
                session.execute(insert, rows[:-1])
            if rows:
                last_id = session.execute(insert, rows[-1]).inserted_primary_key[0]
            session.commit()
        return last_id

    @staticmethod
    def _row(sender_id: str, type_name: str, data: dict[str, Any]) -> dict[str, Any]:
        """An events row as SQLTrackerStore.save writes it."""
        return {
            "sender_id": sender_id,
            "type_name": type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }
