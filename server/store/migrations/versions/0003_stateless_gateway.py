"""A stateless gateway: what a conversation carries between turns, and the rate limits' token
buckets, in the store instead of one process's memory.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

from server.store.schema import Timestamp

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversation_state",
        sa.Column("channel", sa.String(16), primary_key=True),
        sa.Column("conversation_id", sa.String(64), primary_key=True),
        sa.Column("misses", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("region", sa.String(32)),
        sa.Column("pending_details", sa.Text),
        sa.Column("pending_meta", sa.Text),
        sa.Column("updated_at", Timestamp, nullable=False),
    )
    op.create_table(
        "rate_bucket",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("tokens", sa.Float, nullable=False),
        sa.Column("updated", sa.Float, nullable=False),
    )
    op.create_index("rate_bucket_updated", "rate_bucket", ["updated"])


def downgrade() -> None:
    op.drop_table("rate_bucket")
    op.drop_table("conversation_state")
