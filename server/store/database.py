"""The engine for GATEWAY_DB_URL (or the SQLite file GATEWAY_DB) and its migration to the newest
schema, run once when the gateway starts (by every gateway process: the first one migrates, the
others find the schema current)."""
import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Table, bindparam, create_engine, event, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import QueuePool
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import TextClause

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# any constant: the PostgreSQL advisory lock that lets one gateway at a time migrate
_PG_MIGRATION_LOCK = 4_230_613


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _sqlite_pragmas(dbapi_connection: Any, record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: the live streams read while chat turns write; foreign keys are off by default in SQLite
    cursor.execute("PRAGMA journal_mode=WAL")
    # with WAL, NORMAL syncs at checkpoints, not at every commit: a crash of the process loses
    # nothing; only a power cut may lose the last commits
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("sqlite"):
            path = url.split("///", 1)[1] if "///" in url else ""
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            # timeout: wait for another process's write instead of failing at once. A pool of open
            # connections (SQLAlchemy 1.4 opens a new one per use for a file): opening one and its
            # pragmas were a sixth of the gateway's CPU per turn. Connections move between the
            # worker threads that run the queries, one thread at a time.
            memory = not path or path == ":memory:"
            pooling: dict[str, Any] = {} if memory else {"poolclass": QueuePool, "pool_size": 8, "max_overflow": 8}
            self.engine: Engine = create_engine(
                url, future=True, connect_args={"timeout": 15, "check_same_thread": memory}, **pooling
            )
            event.listen(self.engine, "connect", _sqlite_pragmas)
            self._sqlite_path = Path(path) if path and path != ":memory:" else None
        else:
            self.engine = create_engine(url, future=True, pool_pre_ping=True)
            self._sqlite_path = None

    @contextmanager
    def _migrating(self) -> Iterator[Connection]:
        """A connection for migrating, while no other process migrates (the others wait, then find
        nothing to do). SQLite's file lock is taken before connecting: a new connection's first
        `PRAGMA journal_mode=WAL` takes the database's lock without waiting for it, and four
        processes starting together on a new file failed with "database is locked"."""
        if self._sqlite_path is not None:
            with open(self._sqlite_path.with_name(self._sqlite_path.name + ".migrate-lock"), "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                with self.engine.connect() as connection:
                    yield connection
            return
        with self.engine.connect() as connection:
            if connection.dialect.name != "postgresql":
                yield connection
                return
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
            try:
                connection.commit()  # the lock query opened a transaction; migrations open their own
                yield connection
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _PG_MIGRATION_LOCK})

    def migrate(self) -> None:
        """Brings the schema to the newest revision (migrations/versions)."""
        with self._migrating() as connection:
            config = _alembic_config(connection)
            current = MigrationContext.configure(connection).get_current_revision()
            head = ScriptDirectory.from_config(config).get_current_head()
            if current != head:
                log.info("migrating the gateway database from %s to %s", current or "empty", head)
                command.upgrade(config, "head")
                connection.commit()

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str) -> Database:
    database = Database(url)
    database.migrate()
    return database


def of_conversation(table: Table) -> Select:
    """SELECT a conversation's rows of `table`, with the parameters `channel` and `conversation_id`
    (`conversation_key`). Built once, at import: SQLAlchemy keys a statement object for its compiled
    cache once, but a statement built anew for each query was built and keyed anew (with the rate
    buckets' and the transcript's statements built once too, the gateway's CPU a turn went 5.8 → 4.9 ms)."""
    return select(table).where(
        table.c.channel == bindparam("channel"), table.c.conversation_id == bindparam("conversation_id")
    )


def conversation_key(channel: str, conversation_id: str) -> dict[str, str]:
    return {"channel": channel, "conversation_id": conversation_id}


@cache
def _insert_sql(table: Table, key: tuple[str, ...], columns: tuple[str, ...], update: bool) -> TextClause:
    """INSERT ... ON CONFLICT, the same SQL for SQLite and PostgreSQL. Written as text with typed
    parameters, built once: SQLAlchemy 1.4 cannot cache an ON CONFLICT statement and compiled it
    anew for every execution (a tenth of the gateway's CPU per turn)."""
    names = key + columns
    quoted = ", ".join(f'"{name}"' for name in names)
    placeholders = ", ".join(f":{name}" for name in names)
    conflict = ", ".join(f'"{name}"' for name in key)
    action = "DO UPDATE SET " + ", ".join(f'"{c}" = excluded."{c}"' for c in columns) if update else "DO NOTHING"
    sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({placeholders}) ON CONFLICT ({conflict}) {action}'
    return text(sql).bindparams(*(bindparam(name, type_=table.c[name].type) for name in names))


def upsert(connection: Connection, table: Table, key: dict[str, Any], values: dict[str, Any]) -> None:
    """INSERT the row, or UPDATE `values` of the row with that key (SQLite and PostgreSQL alike:
    one statement, so two processes writing the same new row never collide)."""
    connection.execute(_insert_sql(table, tuple(key), tuple(values), True), {**key, **values})


def insert_missing(connection: Connection, table: Table, rows: list[dict[str, Any]], key: str) -> None:
    """INSERT the rows whose `key` is not there yet; existing rows stay as they are."""
    columns = tuple(name for name in rows[0] if name != key)
    connection.execute(_insert_sql(table, (key,), columns, False), rows)
