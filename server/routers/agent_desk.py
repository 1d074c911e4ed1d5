"""The agent workspace's API: the queue, a conversation's transcript, claiming, live replies, handing
back, closing with a resolution, and callback work orders. Cookie session; X-CSRF-Token on changes."""
import asyncio
from datetime import timedelta
from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query

from server import desk_views
from server.agent_auth import agent_session, checked_change
from server.agent_models import (
    AgentText,
    ConversationOut,
    HandoffCard,
    MessageOut,
    QueueOut,
    Resolution,
    WorkOrderAnswer,
    WorkOrderClose,
    WorkOrderOut,
)
from server.errors import ApiError
from server.human_service import NotChatChannel
from server.models import ID_PATTERN, MAX_ROW_ID, ErrorResponse
from server.services import Services, get_services
from server.store.agents import Session
from server.store.handoffs import NotClaimable, NotHeld
from server.store.schema import utc_now
from server.store.transcripts import AGENT, NewMessage
from server.store.work_orders import ANSWERED, CLOSED, OPEN, NotOpen

router = APIRouter(tags=["agent workspace"], prefix="/agent/api", dependencies=[Depends(agent_session)])
_ERRORS: dict[int | str, dict[str, Any]] = {s: {"model": ErrorResponse} for s in (401, 403, 404, 409, 422)}
HANDOFF_ID = Path(..., ge=1, le=MAX_ROW_ID)


def _blank(text: str) -> str:
    if not text.strip():
        raise ApiError(422, "empty_text", "内容不能为空")
    return text.strip()


@router.get("/queue", response_model=QueueOut, responses=_ERRORS, summary="Waiting hand-offs, mine, agents present")
async def queue(session: Session = Depends(agent_session), services: Services = Depends(get_services)) -> QueueOut:
    presence = timedelta(seconds=services.settings.agent_presence_seconds)
    return await asyncio.to_thread(desk_views.queue, services.stores, session.agent.id, presence)


@router.get("/handoffs/{handoff_id}", response_model=HandoffCard, responses=_ERRORS, summary="One hand-off")
async def handoff(handoff_id: int = HANDOFF_ID, services: Services = Depends(get_services)) -> HandoffCard:
    found = await asyncio.to_thread(services.stores.handoffs.get, handoff_id)
    if found is None:
        raise ApiError(404, "not_found", "没有这个转人工记录")
    [card] = await asyncio.to_thread(desk_views.handoff_cards, services.stores, [found])
    return card


@router.get(
    "/conversations/{channel}/{conversation_id}",
    response_model=ConversationOut,
    responses=_ERRORS,
    summary="A conversation's whole transcript, hand-offs, work orders and ratings",
)
async def conversation(
    channel: Literal["webchat", "hotline"],
    conversation_id: str = Path(..., pattern=ID_PATTERN),
    services: Services = Depends(get_services),
) -> ConversationOut:
    return await asyncio.to_thread(desk_views.conversation, services.stores, channel, conversation_id)


@router.post("/handoffs/{handoff_id}/claim", response_model=HandoffCard, responses=_ERRORS, summary="Take it")
async def claim(
    handoff_id: int = HANDOFF_ID, session: Session = Depends(checked_change), services: Services = Depends(get_services)
) -> HandoffCard:
    try:
        claimed = await services.human.claim(handoff_id, session.agent)
    except NotClaimable:
        raise ApiError(409, "not_claimable", "该会话已被其他客服接入或已结束") from None
    [card] = await asyncio.to_thread(desk_views.handoff_cards, services.stores, [claimed])
    return card


@router.post(
    "/handoffs/{handoff_id}/messages", response_model=MessageOut, responses=_ERRORS, summary="Reply to the user"
)
async def reply(
    body: AgentText,
    handoff_id: int = HANDOFF_ID,
    session: Session = Depends(checked_change),
    services: Services = Depends(get_services),
) -> MessageOut:
    try:
        said = await services.human.agent_says(handoff_id, session.agent, _blank(body.text))
    except NotHeld:
        raise ApiError(409, "not_held", "您没有接入这个会话（可能已结束或由他人接入）") from None
    except NotChatChannel:
        raise ApiError(409, "phone_call", "这是电话会话，请在电话中答复") from None
    return MessageOut.of(said)


async def _finished(handoff: Any, services: Services) -> HandoffCard:
    [card] = await asyncio.to_thread(desk_views.handoff_cards, services.stores, [handoff])
    return card


@router.post(
    "/handoffs/{handoff_id}/hand-back",
    response_model=HandoffCard,
    responses=_ERRORS,
    summary="Give the conversation back to the assistant",
)
async def hand_back(
    handoff_id: int = HANDOFF_ID, session: Session = Depends(checked_change), services: Services = Depends(get_services)
) -> HandoffCard:
    try:
        return await _finished(await services.human.hand_back(handoff_id, session.agent), services)
    except NotHeld:
        raise ApiError(409, "not_held", "您没有接入这个会话（可能已结束或由他人接入）") from None


@router.post(
    "/handoffs/{handoff_id}/close",
    response_model=HandoffCard,
    responses=_ERRORS,
    summary="Close with a resolution note; the user is asked to rate the service",
)
async def close(
    body: Resolution,
    handoff_id: int = HANDOFF_ID,
    session: Session = Depends(checked_change),
    services: Services = Depends(get_services),
) -> HandoffCard:
    try:
        return await _finished(await services.human.resolve(handoff_id, session.agent, _blank(body.resolution)), services)
    except NotHeld:
        raise ApiError(409, "not_held", "您没有接入这个会话（可能已结束或由他人接入）") from None


_STATUSES = {"open": (OPEN,), "answered": (ANSWERED,), "closed": (CLOSED,), "pending": (OPEN, ANSWERED),
             "all": (OPEN, ANSWERED, CLOSED)}


@router.get("/work-orders", response_model=list[WorkOrderOut], responses=_ERRORS, summary="Callback work orders, due first")
async def work_orders(
    status: Literal["open", "answered", "closed", "pending", "all"] = Query("pending"),
    services: Services = Depends(get_services),
) -> list[WorkOrderOut]:
    now = utc_now()
    return [WorkOrderOut.of(o, now) for o in await asyncio.to_thread(services.stores.work_orders.find, _STATUSES[status])]


async def _changed_order(work_order_id: int, change: Any, services: Services) -> WorkOrderOut:
    try:
        order = await asyncio.to_thread(change)
    except NotOpen:
        exists = await asyncio.to_thread(services.stores.work_orders.get, work_order_id)
        if exists is None:
            raise ApiError(404, "not_found", "没有这个工单") from None
        raise ApiError(409, "already_closed", "该工单已办结") from None
    return WorkOrderOut.of(order, utc_now())


@router.post(
    "/work-orders/{work_order_id}/answer",
    response_model=WorkOrderOut,
    responses=_ERRORS,
    summary="Record the answer given (the user sees it by ticket number)",
)
async def answer_work_order(
    body: WorkOrderAnswer,
    work_order_id: int = Path(..., ge=1, le=MAX_ROW_ID),
    session: Session = Depends(checked_change),
    services: Services = Depends(get_services),
) -> WorkOrderOut:
    text = _blank(body.answer)
    stores = services.stores
    out = await _changed_order(
        work_order_id, lambda: stores.work_orders.answer(work_order_id, session.agent.id, text), services
    )
    # the conversation's transcript keeps the answer too (it is not pushed live: the user asks by ticket)
    await asyncio.to_thread(
        stores.transcripts.add, out.channel, out.conversation_id, [NewMessage(AGENT, text, agent_id=session.agent.id)]
    )
    return out


@router.post("/work-orders/{work_order_id}/close", response_model=WorkOrderOut, responses=_ERRORS, summary="Close")
async def close_work_order(
    body: WorkOrderClose,
    work_order_id: int = Path(..., ge=1, le=MAX_ROW_ID),
    session: Session = Depends(checked_change),
    services: Services = Depends(get_services),
) -> WorkOrderOut:
    note = body.note.strip() if body.note and body.note.strip() else None
    stores = services.stores
    return await _changed_order(
        work_order_id, lambda: stores.work_orders.close(work_order_id, session.agent.id, note), services
    )
