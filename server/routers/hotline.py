"""POST /api/hotline/turn: the phone system's ASR/TTS bridge."""
from fastapi import APIRouter, Depends

from server.auth import require_hotline_key
from server.message_text import accept_text
from server.models import ErrorResponse, HotlineTurnRequest, HotlineTurnResponse
from server.services import Services, get_services

router = APIRouter(tags=["hotline"], dependencies=[Depends(require_hotline_key)])


@router.post(
    "/api/hotline/turn",
    response_model=HotlineTurnResponse,
    responses={s: {"model": ErrorResponse} for s in (401, 413, 422, 503)},
    summary="One caller utterance in, the speech to play out",
)
async def hotline_turn(request: HotlineTurnRequest, services: Services = Depends(get_services)) -> HotlineTurnResponse:
    settings = services.settings
    accepted = accept_text(request.transcript, settings.max_text, settings.hard_max_text)
    spoken = await services.hotline.turn(request.call_id, accepted.text, request.confidence)
    return HotlineTurnResponse(speech=spoken.speech, handoff=spoken.handoff, end_call=spoken.end_call)
