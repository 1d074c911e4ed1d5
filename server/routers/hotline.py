"""POST /api/hotline/turn: the phone system's ASR/TTS bridge."""
from fastapi import APIRouter, Depends, Request

from server.auth import require_hotline_key
from server.dialogue import Conversation
from server.message_text import accept_text
from server.models import ErrorResponse, HotlineTurnRequest, HotlineTurnResponse, MetaOut
from server.services import Services, client_address, get_services

router = APIRouter(tags=["hotline"], dependencies=[Depends(require_hotline_key)])


@router.post(
    "/api/hotline/turn",
    response_model=HotlineTurnResponse,
    responses={s: {"model": ErrorResponse} for s in (401, 413, 422, 429, 503)},
    summary="One caller utterance in, the speech to play out",
    description="Over RATE_SESSION_PER_MIN (30) turns a minute per call, or RATE_HOTLINE_CLIENT_PER_MIN (600) "
    "per client address (the phone bridge): 429 rate_limited with a Retry-After header (seconds).",
)
async def hotline_turn(
    request: HotlineTurnRequest, http: Request, services: Services = Depends(get_services)
) -> HotlineTurnResponse:
    settings = services.settings
    services.limits.check(Conversation("hotline", request.call_id), client_address(http))
    accepted = accept_text(request.transcript, settings.max_text, settings.hard_max_text)
    spoken = await services.hotline.turn(request.call_id, accepted.text, request.confidence)
    return HotlineTurnResponse(
        speech=spoken.speech, handoff=spoken.handoff, end_call=spoken.end_call, meta=MetaOut.of(spoken.meta)
    )
