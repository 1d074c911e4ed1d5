"""Satisfaction ratings (一次一评): one per conversation and subject ("bot", or "handoff:<id>" for
one agent's service)."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from server.store.database import Database
from server.store.schema import rating, utc_now

BOT_SUBJECT = "bot"


def handoff_subject(handoff_id: int) -> str:
    return f"handoff:{handoff_id}"


@dataclass(frozen=True)
class Rating:
    id: int
    channel: str
    conversation_id: str
    subject: str
    score: int
    comment: str | None
    handoff_id: int | None
    agent_id: int | None
    created_at: datetime


class AlreadyRated(Exception):
    pass


class RatingStore:
    def __init__(self, database: Database) -> None:
        self._engine = database.engine

    def add(
        self,
        channel: str,
        conversation_id: str,
        subject: str,
        score: int,
        comment: str | None = None,
        handoff_id: int | None = None,
        agent_id: int | None = None,
    ) -> Rating:
        try:
            with self._engine.begin() as db:
                db.execute(
                    insert(rating).values(
                        channel=channel,
                        conversation_id=conversation_id,
                        subject=subject,
                        score=score,
                        comment=comment,
                        handoff_id=handoff_id,
                        agent_id=agent_id,
                        created_at=utc_now(),
                    )
                )
        except IntegrityError:
            raise AlreadyRated(subject) from None
        found = self.get(channel, conversation_id, subject)
        assert found is not None
        return found

    def for_conversation(self, channel: str, conversation_id: str) -> list[Rating]:
        with self._engine.connect() as db:
            rows = db.execute(
                select(rating)
                .where(rating.c.channel == channel, rating.c.conversation_id == conversation_id)
                .order_by(rating.c.id)
            ).all()
        return [Rating(**row._mapping) for row in rows]

    def get(self, channel: str, conversation_id: str, subject: str) -> Rating | None:
        with self._engine.connect() as db:
            row = db.execute(
                select(rating).where(
                    rating.c.channel == channel, rating.c.conversation_id == conversation_id, rating.c.subject == subject
                )
            ).first()
        return Rating(**row._mapping) if row else None
