"""POST /api/hotline/turn: the phone system's ASR/TTS bridge."""
from fastapi import APIRouter, Depends, Request

from server.auth import require_hotline_key
from server.conversation import Conversation
from server.message_text import accept_text
from server.models import ErrorResponse, HotlineTurnRequest, HotlineTurnResponse, MetaOut
from server.privacy import Unmasked, find_callback_number
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
    await services.limits.check(Conversation("hotline", request.call_id), client_address(http))
    accepted = accept_text(request.transcript, settings.max_text, settings.hard_max_text, silence=True)
    spoken = await services.hotline.turn(
        request.call_id,
        accepted.text,
        request.confidence,
        Unmasked(request.transcript, spoken=True),
        caller_number=find_callback_number(request.caller_number) if request.caller_number else None,
    )
    return HotlineTurnResponse(
        speech=spoken.speech,
        handoff=spoken.handoff,
        transfer_to=settings.hotline_transfer_to if spoken.handoff else None,
        handoff_id=spoken.handoff_id,
        end_call=spoken.end_call,
        meta=MetaOut.of(spoken.meta),
    )
