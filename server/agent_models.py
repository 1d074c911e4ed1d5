"""Request and response bodies of the agent workspace's API (/agent/api, cookie session)."""
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, StrictStr

from server.models import ButtonOut
from server.request_body import RequestBody
from server.store.handoffs import Handoff
from server.store.transcripts import Message
from server.store.work_orders import WorkOrder

AGENT_TEXT_MAX = 2000


class SignInRequest(RequestBody):
    work_number: StrictStr = Field(..., max_length=16, description="工号")
    password: StrictStr = Field(..., max_length=256)


class AgentOut(BaseModel):
    work_number: str
    name: str


class SessionOut(BaseModel):
    agent: AgentOut
    csrf_token: str = Field(..., description="Send it back as the X-CSRF-Token header of every POST.")


class HandoffCard(BaseModel):
    """A hand-off as the workspace lists it."""

    id: int
    channel: Literal["webchat", "hotline"]
    conversation_id: str
    reason: str
    summary: str
    created_at: datetime
    status: Literal["waiting", "claimed", "closed"]
    claimed_by: str | None = Field(None, description="The holding agent's work number.")
    claimed_at: datetime | None = None
    closed_at: datetime | None = None
    outcome: str | None = None
    resolution: str | None = None

    @classmethod
    def of(cls, handoff: Handoff, claimed_by: str | None) -> "HandoffCard":
        status = "closed" if not handoff.is_open else "waiting" if handoff.waiting else "claimed"
        return cls.parse_obj(
            dict(
                id=handoff.id,
                channel=handoff.channel,
                conversation_id=handoff.conversation_id,
                reason=handoff.reason,
                summary=handoff.summary,
                created_at=handoff.created_at,
                status=status,
                claimed_by=claimed_by,
                claimed_at=handoff.claimed_at,
                closed_at=handoff.closed_at,
                outcome=handoff.outcome,
                resolution=handoff.resolution,
            )
        )


class QueueOut(BaseModel):
    waiting: list[HandoffCard] = Field(..., description="Open and not taken, oldest first: any agent may claim.")
    mine: list[HandoffCard] = Field(..., description="Open and held by the signed-in agent.")
    agents_present: int
    open_work_orders: int
    overdue_work_orders: int


class MessageOut(BaseModel):
    id: int
    speaker: Literal["user", "bot", "agent", "system"]
    text: str
    buttons: list[ButtonOut] = Field(default_factory=list)
    kind: str | None = Field(None, description="user messages: what the turn was (meta.kind).")
    topic: str | None = None
    event: str | None = Field(None, description="system notes: claimed, agent_left, handed_back, resolved, user_left, rating_request.")
    agent: str | None = Field(None, description="The work number of the agent who wrote it (or whose action it notes).")
    handoff_id: int | None = None
    created_at: datetime

    @classmethod
    def of(cls, message: Message) -> "MessageOut":
        return cls.parse_obj(
            dict(
                id=message.id,
                speaker=message.speaker,
                text=message.text,
                buttons=list(message.buttons),
                kind=message.kind,
                topic=message.topic,
                event=message.event,
                agent=message.agent_work_number,
                handoff_id=message.handoff_id,
                created_at=message.created_at,
            )
        )


class WorkOrderOut(BaseModel):
    id: int
    ticket: str
    channel: Literal["webchat", "hotline"]
    conversation_id: str
    question: str
    phone: str = Field(..., description="In full: only signed-in agents see it.")
    status: Literal["open", "answered", "closed"]
    created_at: datetime
    due_at: datetime
    overdue: bool
    answer: str | None = None
    answered_at: datetime | None = None
    answered_by: str | None = None
    closed_at: datetime | None = None
    close_note: str | None = None

    @classmethod
    def of(cls, order: WorkOrder, now: datetime) -> "WorkOrderOut":
        return cls.parse_obj(
            dict(
                id=order.id,
                ticket=order.ticket,
                channel=order.channel,
                conversation_id=order.conversation_id,
                question=order.question,
                phone=order.phone,
                status=order.status,
                created_at=order.created_at,
                due_at=order.due_at,
                overdue=order.status == "open" and order.due_at < now,
                answer=order.answer,
                answered_at=order.answered_at,
                answered_by=order.answered_by_work_number,
                closed_at=order.closed_at,
                close_note=order.close_note,
            )
        )


class RatingOut(BaseModel):
    subject: str
    score: int
    comment: str | None
    created_at: datetime


class ConversationOut(BaseModel):
    channel: Literal["webchat", "hotline"]
    conversation_id: str
    messages: list[MessageOut] = Field(..., description="The whole transcript, oldest first (the last 1,000).")
    handoffs: list[HandoffCard] = Field(..., description="Every hand-off of the conversation, newest first.")
    work_orders: list[WorkOrderOut]
    ratings: list[RatingOut]


class AgentText(RequestBody):
    text: StrictStr = Field(..., min_length=1, max_length=AGENT_TEXT_MAX)


class Resolution(RequestBody):
    resolution: StrictStr = Field(..., min_length=1, max_length=AGENT_TEXT_MAX, description="What was settled (kept for the record).")


class WorkOrderAnswer(RequestBody):
    answer: StrictStr = Field(
        ..., min_length=1, max_length=AGENT_TEXT_MAX, description="What the caller was told; shown to them by ticket number."
    )


class WorkOrderClose(RequestBody):
    note: StrictStr | None = Field(None, max_length=AGENT_TEXT_MAX)


class OkOut(BaseModel):
    ok: bool = True
