"""Human service: agent accounts and sessions, hand-offs claimed and closed by agents, every
message of every conversation, work orders, ratings, and the gateway's open questions to a user.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

from server.store.schema import Timestamp

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agent",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("work_number", sa.String(16), nullable=False, unique=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("disabled_at", Timestamp),
    )
    op.create_table(
        "agent_session",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("agent_id", sa.Integer, sa.ForeignKey("agent.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("last_seen_at", Timestamp, nullable=False),
        sa.Column("expires_at", Timestamp, nullable=False),
    )
    # plain ADD COLUMN, without foreign keys: SQLite adds those only by copying the table, and the copy
    # would lose the partial index's condition (agent ids are checked by the store instead)
    op.add_column("handoff", sa.Column("claimed_by", sa.Integer))
    op.add_column("handoff", sa.Column("claimed_at", Timestamp))
    op.add_column("handoff", sa.Column("closed_by", sa.Integer))
    op.add_column("handoff", sa.Column("outcome", sa.String(16)))
    op.add_column("handoff", sa.Column("resolution", sa.Text))
    op.create_table(
        "message",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("conversation_id", sa.String(64), nullable=False),
        sa.Column("speaker", sa.String(8), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("buttons", sa.Text),
        sa.Column("kind", sa.String(24)),
        sa.Column("topic", sa.String(64)),
        sa.Column("meta", sa.Text),
        sa.Column("event", sa.String(24)),
        sa.Column("data", sa.Text),
        sa.Column("agent_id", sa.Integer, sa.ForeignKey("agent.id")),
        sa.Column("handoff_id", sa.Integer, sa.ForeignKey("handoff.id")),
        sa.Column("created_at", Timestamp, nullable=False),
    )
    op.create_index("message_conversation", "message", ["channel", "conversation_id", "id"])
    op.create_index("message_created", "message", ["created_at"])
    op.create_table(
        "conversation_flow",
        sa.Column("channel", sa.String(16), primary_key=True),
        sa.Column("conversation_id", sa.String(64), primary_key=True),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("updated_at", Timestamp, nullable=False),
    )
    op.create_table(
        "work_order",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("ticket", sa.String(16), nullable=False, unique=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("conversation_id", sa.String(64), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("phone", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("due_at", Timestamp, nullable=False),
        sa.Column("answer", sa.Text),
        sa.Column("answered_at", Timestamp),
        sa.Column("answered_by", sa.Integer, sa.ForeignKey("agent.id")),
        sa.Column("closed_at", Timestamp),
        sa.Column("closed_by", sa.Integer, sa.ForeignKey("agent.id")),
        sa.Column("close_note", sa.Text),
    )
    op.create_index("work_order_status", "work_order", ["status", "due_at"])
    op.create_table(
        "rating",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("conversation_id", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(32), nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("comment", sa.Text),
        sa.Column("handoff_id", sa.Integer, sa.ForeignKey("handoff.id")),
        sa.Column("agent_id", sa.Integer, sa.ForeignKey("agent.id")),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.UniqueConstraint("channel", "conversation_id", "subject", name="rating_once"),
    )
    op.create_index("rating_created", "rating", ["created_at"])


def downgrade() -> None:
    for table in ("rating", "work_order", "conversation_flow", "message"):
        op.drop_table(table)
    with op.batch_alter_table("handoff") as batch:
        for column in ("resolution", "outcome", "closed_by", "claimed_at", "claimed_by"):
            batch.drop_column(column)
    op.drop_table("agent_session")
    op.drop_table("agent")
