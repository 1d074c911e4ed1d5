"""The hand-off queue as the first gateway created it (a database made by that gateway already has
it: the table is adopted as it is).

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

from server.store.schema import Timestamp

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    if sa.inspect(op.get_bind()).has_table("handoff"):
        return
    op.create_table(
        "handoff",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("conversation_id", sa.String(64), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("closed_at", Timestamp),
    )
    op.create_index(
        "handoff_one_open",
        "handoff",
        ["channel", "conversation_id"],
        unique=True,
        sqlite_where=sa.text("closed_at IS NULL"),
        postgresql_where=sa.text("closed_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_table("handoff")
