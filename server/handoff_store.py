"""The hand-off queue: conversations waiting for a human agent, in one SQLite table."""
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS handoff (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    summary TEXT NOT NULL,
    closed_at TEXT
);
-- at most one open hand-off per conversation, even under concurrent requests
CREATE UNIQUE INDEX IF NOT EXISTS handoff_one_open
    ON handoff (channel, conversation_id) WHERE closed_at IS NULL;
"""
_COLUMNS = "id, channel, conversation_id, reason, created_at, summary, closed_at"


@dataclass(frozen=True)
class Handoff:
    id: int
    channel: str
    conversation_id: str
    reason: str
    created_at: datetime
    summary: str
    closed_at: datetime | None = None


class AlreadyClosed(Exception):
    pass


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _row(row: tuple) -> Handoff:
    id_, channel, conversation_id, reason, created_at, summary, closed_at = row
    return Handoff(
        id=id_,
        channel=channel,
        conversation_id=conversation_id,
        reason=reason,
        created_at=datetime.fromisoformat(created_at),
        summary=summary,
        closed_at=datetime.fromisoformat(closed_at) if closed_at else None,
    )


class HandoffStore:
    def __init__(self, path: Path) -> None:
        self._path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self._path, timeout=10)

    def find_open(self, channel: str, conversation_id: str) -> Handoff | None:
        with closing(self._connect()) as db:
            row = db.execute(
                f"SELECT {_COLUMNS} FROM handoff WHERE channel = ? AND conversation_id = ? AND closed_at IS NULL",
                (channel, conversation_id),
            ).fetchone()
        return _row(row) if row else None

    def open(self, channel: str, conversation_id: str, reason: str, summary: str) -> tuple[Handoff, bool]:
        """The conversation's open hand-off, created unless one is open already (then False)."""
        try:
            with closing(self._connect()) as db, db:
                cursor = db.execute(
                    "INSERT INTO handoff (channel, conversation_id, reason, created_at, summary) VALUES (?, ?, ?, ?, ?)",
                    (channel, conversation_id, reason, _now(), summary),
                )
                row = db.execute(f"SELECT {_COLUMNS} FROM handoff WHERE id = ?", (cursor.lastrowid,)).fetchone()
            return _row(row), True
        except sqlite3.IntegrityError:
            existing = self.find_open(channel, conversation_id)
            if existing is None:  # closed in between: try once more
                return self.open(channel, conversation_id, reason, summary)
            return existing, False

    def list_open(self) -> list[Handoff]:
        with closing(self._connect()) as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM handoff WHERE closed_at IS NULL ORDER BY id").fetchall()
        return [_row(row) for row in rows]

    def close(self, handoff_id: int) -> Handoff | None:
        """Closes an open hand-off; None when there is no such id, AlreadyClosed when it was closed."""
        with closing(self._connect()) as db, db:
            row = db.execute(f"SELECT {_COLUMNS} FROM handoff WHERE id = ?", (handoff_id,)).fetchone()
            if row is None:
                return None
            if row[-1] is not None:
                raise AlreadyClosed(handoff_id)
            db.execute("UPDATE handoff SET closed_at = ? WHERE id = ?", (_now(), handoff_id))
            row = db.execute(f"SELECT {_COLUMNS} FROM handoff WHERE id = ?", (handoff_id,)).fetchone()
        return _row(row)
