"""Callback work orders (留言/工单): a question and a phone number left when no agent could take
the conversation, answered and closed by agents.

Ticket numbers are "GD" and eight random digits (secrets), so one ticket does not tell the next;
digits only, so a caller can say them on the phone."""
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from server.store.database import Database
from server.store.schema import agent, utc_now, work_order

OPEN, ANSWERED, CLOSED = "open", "answered", "closed"
TICKET_PREFIX = "GD"
TICKET_DIGITS = 8


@dataclass(frozen=True)
class WorkOrder:
    id: int
    ticket: str
    channel: str
    conversation_id: str
    question: str
    phone: str
    status: str
    created_at: datetime
    due_at: datetime
    answer: str | None = None
    answered_at: datetime | None = None
    answered_by: int | None = None
    answered_by_work_number: str | None = None
    closed_at: datetime | None = None
    closed_by: int | None = None
    close_note: str | None = None


class NotOpen(Exception):
    """The work order is closed already (or does not exist)."""


def new_ticket() -> str:
    return TICKET_PREFIX + str(secrets.randbelow(9 * 10 ** (TICKET_DIGITS - 1)) + 10 ** (TICKET_DIGITS - 1))


def _select() -> Any:
    return select(*work_order.c, agent.c.work_number.label("answered_by_work_number")).select_from(
        work_order.outerjoin(agent, work_order.c.answered_by == agent.c.id)
    )


class WorkOrderStore:
    def __init__(self, database: Database) -> None:
        self._engine = database.engine

    def _one(self, *where: Any) -> WorkOrder | None:
        with self._engine.connect() as db:
            row = db.execute(_select().where(*where)).first()
        return WorkOrder(**row._mapping) if row else None

    def get(self, work_order_id: int) -> WorkOrder | None:
        return self._one(work_order.c.id == work_order_id)

    def by_ticket(self, ticket: str) -> WorkOrder | None:
        return self._one(work_order.c.ticket == ticket.upper())

    def create(self, channel: str, conversation_id: str, question: str, phone: str, due_at: datetime) -> WorkOrder:
        for _ in range(5):  # a random ticket taken already: draw another
            ticket = new_ticket()
            try:
                with self._engine.begin() as db:
                    db.execute(
                        insert(work_order).values(
                            ticket=ticket,
                            channel=channel,
                            conversation_id=conversation_id,
                            question=question,
                            phone=phone,
                            status=OPEN,
                            created_at=utc_now(),
                            due_at=due_at,
                        )
                    )
            except IntegrityError:
                continue
            created = self.by_ticket(ticket)
            assert created is not None
            return created
        raise RuntimeError("no free ticket number")

    def find(self, statuses: tuple[str, ...] = (OPEN, ANSWERED), limit: int = 200) -> list[WorkOrder]:
        """Due first."""
        with self._engine.connect() as db:
            rows = db.execute(
                _select().where(work_order.c.status.in_(statuses)).order_by(work_order.c.due_at, work_order.c.id).limit(limit)
            ).all()
        return [WorkOrder(**row._mapping) for row in rows]

    def for_conversation(self, channel: str, conversation_id: str) -> list[WorkOrder]:
        with self._engine.connect() as db:
            rows = db.execute(
                _select()
                .where(work_order.c.channel == channel, work_order.c.conversation_id == conversation_id)
                .order_by(work_order.c.id.desc())
            ).all()
        return [WorkOrder(**row._mapping) for row in rows]

    def open_counts(self) -> tuple[int, int]:
        """Open work orders, and how many of them are past their promised time."""
        with self._engine.connect() as db:
            total, overdue = db.execute(
                select(
                    func.count(),
                    func.coalesce(func.sum(case((work_order.c.due_at < utc_now(), 1), else_=0)), 0),
                ).where(work_order.c.status == OPEN)
            ).one()
        return int(total), int(overdue)

    def answer(self, work_order_id: int, agent_id: int, answer: str) -> WorkOrder:
        return self._change(work_order_id, status=ANSWERED, answer=answer, answered_at=utc_now(), answered_by=agent_id)

    def close(self, work_order_id: int, agent_id: int, note: str | None) -> WorkOrder:
        return self._change(work_order_id, status=CLOSED, closed_at=utc_now(), closed_by=agent_id, close_note=note)

    def _change(self, work_order_id: int, **values: Any) -> WorkOrder:
        with self._engine.begin() as db:
            done = db.execute(
                update(work_order)
                .where(work_order.c.id == work_order_id, work_order.c.status != CLOSED)
                .values(**values)
            ).rowcount
        if not done:
            raise NotOpen(work_order_id)
        changed = self.get(work_order_id)
        assert changed is not None
        return changed
