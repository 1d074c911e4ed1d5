"""The hand-off queue for human agents: list open hand-offs, close one."""

import asyncio
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Depends, Path

from server.auth import require_handoff_key
from server.errors import ApiError
from server.models import MAX_ROW_ID, ErrorResponse, HandoffClosed, HandoffOut
from server.services import Services, get_services
from server.store.handoffs import AlreadyClosed, Handoff

router = APIRouter(tags=["handoff"], dependencies=[Depends(require_handoff_key)])
_ERRORS: dict[int | str, dict[str, Any]] = {s: {"model": ErrorResponse} for s in (401, 503)}


def _out(handoff: Handoff) -> HandoffOut:
    return HandoffOut.parse_obj(asdict(handoff))


@router.get("/api/handoff", response_model=list[HandoffOut], responses=_ERRORS, summary="Open hand-offs, oldest first")
async def list_handoffs(services: Services = Depends(get_services)) -> list[HandoffOut]:
    # the store blocks: it runs in a worker thread, never on the event loop
    return [_out(handoff) for handoff in await asyncio.to_thread(services.stores.handoffs.list_open)]


@router.post(
    "/api/handoff/{handoff_id}/close",
    response_model=HandoffClosed,
    responses={**_ERRORS, 404: {"model": ErrorResponse}, 409: {"model": ErrorResponse}},
    summary="An agent has taken over: close the hand-off",
)
async def close_handoff(
    handoff_id: int = Path(..., ge=1, le=MAX_ROW_ID), services: Services = Depends(get_services)
) -> HandoffClosed:
    try:
        closed = await services.human.close_from_outside(handoff_id)
    except AlreadyClosed:
        raise ApiError(409, "already_closed", "该转人工请求已经关闭") from None
    if closed is None:
        raise ApiError(404, "not_found", "没有这个转人工请求")
    return HandoffClosed.parse_obj(asdict(closed))
