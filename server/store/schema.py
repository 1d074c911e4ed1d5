"""The tables, in SQLAlchemy Core. The migrations in migrations/versions create exactly this;
a test compares the migrated database with it."""
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.types import TypeDecorator


class Timestamp(TypeDecorator):
    """An aware UTC datetime. PostgreSQL keeps it as timestamptz; SQLite as ISO 8601 text to the
    second (as the first hand-off table did), which sorts and compares in time order."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Any) -> Any:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(32))
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Any) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        value = value.astimezone(timezone.utc).replace(microsecond=0)
        return value.isoformat() if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Any) -> datetime | None:
        if value is None:
            return None
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
        return parsed.astimezone(timezone.utc)


metadata = MetaData()

agent = Table(
    "agent",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("work_number", String(16), nullable=False, unique=True),
    Column("name", String(64), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("created_at", Timestamp, nullable=False),
    Column("disabled_at", Timestamp),
)

agent_session = Table(
    "agent_session",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # the cookie holds a random token; only its SHA-256 is kept, so a copy of the database signs no one in
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("agent_id", Integer, ForeignKey("agent.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", Timestamp, nullable=False),
    Column("last_seen_at", Timestamp, nullable=False),
    Column("expires_at", Timestamp, nullable=False),
)

handoff = Table(
    "handoff",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel", String(16), nullable=False),
    Column("conversation_id", String(64), nullable=False),
    Column("reason", String(32), nullable=False),
    Column("created_at", Timestamp, nullable=False),
    Column("summary", Text, nullable=False),
    Column("closed_at", Timestamp),
    Column("claimed_by", Integer),  # agent.id (no foreign key: see migration 0002)
    Column("claimed_at", Timestamp),
    Column("closed_by", Integer),  # agent.id
    # how it ended: handed_back, resolved, user_left, after_hours, no_agent; NULL: closed through /api/handoff
    Column("outcome", String(16)),
    Column("resolution", Text),
    # at most one open hand-off per conversation, even under concurrent requests
    Index(
        "handoff_one_open",
        "channel",
        "conversation_id",
        unique=True,
        sqlite_where=text("closed_at IS NULL"),
        postgresql_where=text("closed_at IS NULL"),
    ),
)

message = Table(
    "message",
    metadata,
    # increasing: the live streams send the rows after the last id a client has seen
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel", String(16), nullable=False),
    Column("conversation_id", String(64), nullable=False),
    Column("speaker", String(8), nullable=False),  # user, bot, agent, system
    Column("text", Text, nullable=False),
    Column("buttons", Text),  # JSON list of {title, payload}
    # user rows: the turn's meta (kind, topic as columns for the report; the whole object as JSON)
    Column("kind", String(24)),
    Column("topic", String(64)),
    Column("meta", Text),
    Column("event", String(24)),  # system rows: claimed, handed_back, resolved, user_left, rating_request, ...
    Column("data", Text),  # system rows: JSON the event needs (a rating request's subject)
    Column("agent_id", Integer, ForeignKey("agent.id")),
    Column("handoff_id", Integer, ForeignKey("handoff.id")),
    Column("created_at", Timestamp, nullable=False),
    Index("message_conversation", "channel", "conversation_id", "id"),
    Index("message_created", "created_at"),
)

conversation_flow = Table(
    "conversation_flow",
    metadata,
    # what the gateway is asking this conversation for (a work order's question or phone number, a
    # rating, a ticket number), so that the next message goes there, through any gateway process
    Column("channel", String(16), primary_key=True),
    Column("conversation_id", String(64), primary_key=True),
    Column("step", String(32), nullable=False),
    Column("data", Text, nullable=False),  # JSON
    Column("updated_at", Timestamp, nullable=False),
)

work_order = Table(
    "work_order",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ticket", String(16), nullable=False, unique=True),
    Column("channel", String(16), nullable=False),
    Column("conversation_id", String(64), nullable=False),
    Column("question", Text, nullable=False),
    Column("phone", String(32), nullable=False),  # in full: shown to signed-in agents only
    Column("status", String(16), nullable=False),  # open, answered, closed
    Column("created_at", Timestamp, nullable=False),
    Column("due_at", Timestamp, nullable=False),
    Column("answer", Text),
    Column("answered_at", Timestamp),
    Column("answered_by", Integer, ForeignKey("agent.id")),
    Column("closed_at", Timestamp),
    Column("closed_by", Integer, ForeignKey("agent.id")),
    Column("close_note", Text),
    Index("work_order_status", "status", "due_at"),
)

rating = Table(
    "rating",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("channel", String(16), nullable=False),
    Column("conversation_id", String(64), nullable=False),
    Column("subject", String(32), nullable=False),  # "bot" or "handoff:<id>": one rating each (一次一评)
    Column("score", Integer, nullable=False),  # 1..5
    Column("comment", Text),
    Column("handoff_id", Integer, ForeignKey("handoff.id")),
    Column("agent_id", Integer, ForeignKey("agent.id")),
    Column("created_at", Timestamp, nullable=False),
    UniqueConstraint("channel", "conversation_id", "subject", name="rating_once"),
    Index("rating_created", "created_at"),
)

conversation_state = Table(
    "conversation_state",
    metadata,
    # what the gateway carries from one turn of a conversation to the next, so that any gateway
    # process takes any turn
    Column("channel", String(16), primary_key=True),
    Column("conversation_id", String(64), primary_key=True),
    Column("misses", Integer, nullable=False, server_default=text("0")),  # turns in a row not understood
    Column("region", String(32)),  # the widget's region last set in Rasa's slot
    Column("pending_details", Text),  # the part of the last spoken answer not read yet (hotline)
    Column("pending_meta", Text),  # JSON: what that answer was
    Column("updated_at", Timestamp, nullable=False),
)

rate_bucket = Table(
    "rate_bucket",
    metadata,
    # a token bucket of the rate limits, shared by every gateway process; a missing row is a full bucket
    Column("key", String(200), primary_key=True),
    Column("tokens", Float, nullable=False),
    Column("updated", Float, nullable=False),  # seconds since the epoch: one clock for all processes
    Index("rate_bucket_updated", "updated"),
)


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)
