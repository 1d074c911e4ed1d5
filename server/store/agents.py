"""Agent accounts and their signed-in sessions."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from server.store.database import Database
from server.store.schema import agent, agent_session, utc_now


@dataclass(frozen=True)
class Agent:
    id: int
    work_number: str
    name: str
    password_hash: str
    created_at: datetime
    disabled_at: datetime | None = None


@dataclass(frozen=True)
class Session:
    id: int
    agent: Agent
    csrf_token: str
    expires_at: datetime


class WorkNumberTaken(Exception):
    pass


class AgentStore:
    def __init__(self, database: Database) -> None:
        self._engine = database.engine

    def add(self, work_number: str, name: str, password_hash: str) -> Agent:
        try:
            with self._engine.begin() as db:
                db.execute(
                    insert(agent).values(
                        work_number=work_number, name=name, password_hash=password_hash, created_at=utc_now()
                    )
                )
        except IntegrityError:
            raise WorkNumberTaken(work_number) from None
        added = self.by_work_number(work_number)
        assert added is not None
        return added

    def by_work_number(self, work_number: str) -> Agent | None:
        with self._engine.connect() as db:
            row = db.execute(select(agent).where(agent.c.work_number == work_number)).first()
        return Agent(**row._mapping) if row else None

    def by_id(self, agent_id: int) -> Agent | None:
        with self._engine.connect() as db:
            row = db.execute(select(agent).where(agent.c.id == agent_id)).first()
        return Agent(**row._mapping) if row else None

    def work_numbers(self, agent_ids: set[int]) -> dict[int, str]:
        if not agent_ids:
            return {}
        with self._engine.connect() as db:
            rows = db.execute(select(agent.c.id, agent.c.work_number).where(agent.c.id.in_(agent_ids))).all()
        return {row.id: row.work_number for row in rows}

    def all(self) -> list[Agent]:
        with self._engine.connect() as db:
            return [Agent(**row._mapping) for row in db.execute(select(agent).order_by(agent.c.work_number)).all()]

    def set_password(self, agent_id: int, password_hash: str) -> None:
        with self._engine.begin() as db:
            db.execute(update(agent).where(agent.c.id == agent_id).values(password_hash=password_hash))
            # a new password signs every open session out
            db.execute(delete(agent_session).where(agent_session.c.agent_id == agent_id))

    def set_disabled(self, agent_id: int, disabled: bool) -> None:
        with self._engine.begin() as db:
            db.execute(update(agent).where(agent.c.id == agent_id).values(disabled_at=utc_now() if disabled else None))
            if disabled:
                db.execute(delete(agent_session).where(agent_session.c.agent_id == agent_id))

    # --- sessions --------------------------------------------------------------------------

    def open_session(self, agent_id: int, token_hash: str, csrf_token: str, lifetime: timedelta) -> None:
        now = utc_now()
        with self._engine.begin() as db:
            db.execute(delete(agent_session).where(agent_session.c.expires_at < now))  # housekeeping
            db.execute(
                insert(agent_session).values(
                    token_hash=token_hash,
                    agent_id=agent_id,
                    csrf_token=csrf_token,
                    created_at=now,
                    last_seen_at=now,
                    expires_at=now + lifetime,
                )
            )

    def session(self, token_hash: str) -> Session | None:
        """The live session of an enabled agent with this token."""
        with self._engine.connect() as db:
            row = db.execute(
                select(agent_session.c.id.label("session_id"), agent_session.c.csrf_token, agent_session.c.expires_at, *agent.c)
                .select_from(agent_session.join(agent, agent_session.c.agent_id == agent.c.id))
                .where(
                    agent_session.c.token_hash == token_hash,
                    agent_session.c.expires_at > utc_now(),
                    agent.c.disabled_at.is_(None),
                )
            ).first()
        if row is None:
            return None
        values = dict(row._mapping)
        session_id, csrf, expires = values.pop("session_id"), values.pop("csrf_token"), values.pop("expires_at")
        return Session(id=session_id, agent=Agent(**values), csrf_token=csrf, expires_at=expires)

    def touch(self, session_id: int) -> None:
        """The agent's page is open: they count as present."""
        with self._engine.begin() as db:
            db.execute(update(agent_session).where(agent_session.c.id == session_id).values(last_seen_at=utc_now()))

    def close_session(self, session_id: int) -> None:
        with self._engine.begin() as db:
            db.execute(delete(agent_session).where(agent_session.c.id == session_id))

    def present(self, within: timedelta, agent_id: int | None = None) -> int:
        """Agents (or this one agent) whose page was open in the last `within`."""
        now = utc_now()
        where = [
            agent_session.c.last_seen_at >= now - within,
            agent_session.c.expires_at > now,
            agent.c.disabled_at.is_(None),
        ]
        if agent_id is not None:
            where.append(agent.c.id == agent_id)
        with self._engine.connect() as db:
            return int(
                db.execute(
                    select(func.count(func.distinct(agent_session.c.agent_id)))
                    .select_from(agent_session.join(agent, agent_session.c.agent_id == agent.c.id))
                    .where(*where)
                ).scalar_one()
            )
