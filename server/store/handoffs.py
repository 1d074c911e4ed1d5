"""The hand-off queue: conversations waiting for a human agent, held by one, or finished.

A hand-off is open until it is closed; while open it is waiting (no agent yet) or claimed by
one agent. Claiming is one conditional UPDATE, so two agents (in any gateway process) can never
both hold a conversation."""
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, insert, select, true, update
from sqlalchemy.exc import IntegrityError

from server.store.database import Database, conversation_key, of_conversation
from server.store.schema import handoff, utc_now
from server.store.transcripts import NewMessage, insert_messages

# how a hand-off ended (NULL: closed through the /api/handoff integration)
HANDED_BACK, RESOLVED, USER_LEFT = "handed_back", "resolved", "user_left"
AFTER_HOURS, NO_AGENT = "after_hours", "no_agent"  # asked for outside service hours / with nobody signed in
_OPEN = of_conversation(handoff).where(handoff.c.closed_at.is_(None))  # read before every turn


@dataclass(frozen=True)
class Handoff:
    id: int
    channel: str
    conversation_id: str
    reason: str
    created_at: datetime
    summary: str
    closed_at: datetime | None = None
    claimed_by: int | None = None
    claimed_at: datetime | None = None
    closed_by: int | None = None
    outcome: str | None = None
    resolution: str | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def waiting(self) -> bool:
        return self.is_open and self.claimed_by is None


class AlreadyClosed(Exception):
    pass


class NotClaimable(Exception):
    """Closed, or claimed by another agent already."""


class NotHeld(Exception):
    """The agent does not hold this open hand-off."""


def _handoff(row: Any) -> Handoff:
    return Handoff(**row._mapping)


class HandoffStore:
    def __init__(self, database: Database) -> None:
        self._engine = database.engine

    def _one(self, query: Any, parameters: dict[str, Any] | None = None) -> Handoff | None:
        with self._engine.connect() as db:
            row = db.execute(query, parameters).first()
        return _handoff(row) if row else None

    def get(self, handoff_id: int) -> Handoff | None:
        return self._one(select(handoff).where(handoff.c.id == handoff_id))

    def find_open(self, channel: str, conversation_id: str) -> Handoff | None:
        return self._one(_OPEN, conversation_key(channel, conversation_id))

    def open(self, channel: str, conversation_id: str, reason: str, summary: str) -> tuple[Handoff, bool]:
        """The conversation's open hand-off, created unless one is open already (then False)."""
        values = dict(channel=channel, conversation_id=conversation_id, reason=reason, summary=summary)
        try:
            with self._engine.begin() as db:
                new_id = db.execute(insert(handoff).values(created_at=utc_now(), **values)).inserted_primary_key[0]
        except IntegrityError:
            existing = self.find_open(channel, conversation_id)
            if existing is None:  # closed in between: try once more
                return self.open(channel, conversation_id, reason, summary)
            return existing, False
        created = self.get(new_id)
        assert created is not None
        return created, True

    def record_unserved(self, channel: str, conversation_id: str, reason: str, summary: str, outcome: str) -> Handoff:
        """A hand-off asked for when nobody could take it: kept (closed at once) for the operator report."""
        now = utc_now()
        with self._engine.begin() as db:
            new_id = db.execute(
                insert(handoff).values(
                    channel=channel,
                    conversation_id=conversation_id,
                    reason=reason,
                    summary=summary,
                    created_at=now,
                    closed_at=now,
                    outcome=outcome,
                )
            ).inserted_primary_key[0]
        created = self.get(new_id)
        assert created is not None
        return created

    def list_open(self) -> list[Handoff]:
        with self._engine.connect() as db:
            rows = db.execute(select(handoff).where(handoff.c.closed_at.is_(None)).order_by(handoff.c.id)).all()
        return [_handoff(row) for row in rows]

    def list_waiting(self) -> list[Handoff]:
        """Open and not claimed by anyone, oldest first: the agents' queue."""
        with self._engine.connect() as db:
            rows = db.execute(
                select(handoff)
                .where(handoff.c.closed_at.is_(None), handoff.c.claimed_by.is_(None))
                .order_by(handoff.c.id)
            ).all()
        return [_handoff(row) for row in rows]

    def list_held_by(self, agent_id: int) -> list[Handoff]:
        with self._engine.connect() as db:
            rows = db.execute(
                select(handoff)
                .where(handoff.c.closed_at.is_(None), handoff.c.claimed_by == agent_id)
                .order_by(handoff.c.claimed_at, handoff.c.id)
            ).all()
        return [_handoff(row) for row in rows]

    def for_conversation(self, channel: str, conversation_id: str) -> list[Handoff]:
        """Newest first."""
        with self._engine.connect() as db:
            rows = db.execute(
                select(handoff)
                .where(handoff.c.channel == channel, handoff.c.conversation_id == conversation_id)
                .order_by(handoff.c.id.desc())
            ).all()
        return [_handoff(row) for row in rows]

    def position(self, handoff_id: int) -> int:
        """1 for the first waiting hand-off, ..."""
        with self._engine.connect() as db:
            return int(
                db.execute(
                    select(func.count())
                    .select_from(handoff)
                    .where(handoff.c.closed_at.is_(None), handoff.c.claimed_by.is_(None), handoff.c.id <= handoff_id)
                ).scalar_one()
            )

    def close(self, handoff_id: int, note_if_held: Callable[[str], NewMessage] | None = None) -> Handoff | None:
        """Closes an open hand-off (the API integration); None when there is no such id,
        AlreadyClosed when it was closed. When an agent held it, `note_if_held(channel)` is stored for the
        transcript in the same transaction."""
        with self._engine.begin() as db:
            row = db.execute(
                select(handoff.c.channel, handoff.c.conversation_id, handoff.c.claimed_by).where(handoff.c.id == handoff_id)
            ).first()
            done = db.execute(
                update(handoff).where(handoff.c.id == handoff_id, handoff.c.closed_at.is_(None)).values(closed_at=utc_now())
            ).rowcount
            if done and row.claimed_by is not None and note_if_held is not None:
                insert_messages(db, row.channel, row.conversation_id, [note_if_held(row.channel)])
        closed = self.get(handoff_id)
        if closed is not None and not done:
            raise AlreadyClosed(handoff_id)
        return closed

    def claim(self, handoff_id: int, agent_id: int, notes: Sequence[NewMessage] = ()) -> Handoff:
        """NotClaimable when it is closed or claimed already. The notes (for the transcript) are
        stored in the same transaction."""
        return self._change(
            handoff_id,
            handoff.c.claimed_by.is_(None),
            dict(claimed_by=agent_id, claimed_at=utc_now()),
            notes,
            NotClaimable(handoff_id),
        )

    def finish(
        self,
        handoff_id: int,
        agent_id: int,
        outcome: str,
        resolution: str | None = None,
        notes: Sequence[NewMessage] = (),
    ) -> Handoff:
        """The holding agent hands the conversation back or closes it; NotHeld unless they hold it."""
        values = dict(closed_at=utc_now(), outcome=outcome, resolution=resolution, closed_by=agent_id)
        return self._change(handoff_id, handoff.c.claimed_by == agent_id, values, notes, NotHeld(handoff_id))

    def release(self, handoff_id: int, agent_id: int, notes: Sequence[NewMessage] = ()) -> Handoff:
        """The holding agent is gone (signed out, or their workspace closed): the hand-off waits in the
        queue again for another; NotHeld unless that agent holds it."""
        values = dict(claimed_by=None, claimed_at=None)
        return self._change(handoff_id, handoff.c.claimed_by == agent_id, values, notes, NotHeld(handoff_id))

    def note_resolution(self, handoff_id: int, agent_id: int, resolution: str) -> Handoff:
        """The agent's resolution note of a conversation they held that the user ended first (the user
        left); NotHeld unless it is such a conversation of theirs with no note yet."""
        condition = and_(handoff.c.outcome == USER_LEFT, handoff.c.claimed_by == agent_id, handoff.c.resolution.is_(None))
        return self._change(handoff_id, condition, dict(resolution=resolution), (), NotHeld(handoff_id), closed=True)

    def stop_waiting(self, handoff_id: int, outcome: str, notes: Sequence[NewMessage] = ()) -> Handoff:
        """A queued hand-off nobody can take any more (every agent gone, service hours over): closed with
        that outcome; NotHeld when an agent claimed it, or it was closed, meanwhile."""
        values = dict(closed_at=utc_now(), outcome=outcome)
        return self._change(handoff_id, handoff.c.claimed_by.is_(None), values, notes, NotHeld(handoff_id))

    def leave(self, handoff_id: int, notes: Sequence[NewMessage] = ()) -> Handoff:
        """The user stops waiting for, or talking to, a person."""
        values = dict(closed_at=utc_now(), outcome=USER_LEFT)
        return self._change(handoff_id, true(), values, notes, NotHeld(handoff_id))

    def _change(
        self,
        handoff_id: int,
        condition: Any,
        values: dict[str, Any],
        notes: Sequence[NewMessage],
        error: Exception,
        closed: bool = False,
    ) -> Handoff:
        """Changes an open hand-off (a closed one when `closed`) when the condition holds, and stores the
        notes with it."""
        state = handoff.c.closed_at.is_not(None) if closed else handoff.c.closed_at.is_(None)
        with self._engine.begin() as db:
            row = db.execute(select(handoff.c.channel, handoff.c.conversation_id).where(handoff.c.id == handoff_id)).first()
            done = db.execute(
                update(handoff)
                .where(handoff.c.id == handoff_id, state, condition)
                .values(**values)
            ).rowcount
            if not done:
                raise error
            insert_messages(db, row.channel, row.conversation_id, notes)
        changed = self.get(handoff_id)
        assert changed is not None
        return changed
