"""POST /api/chat: the web chat widget's messages."""
import logging

from fastapi import APIRouter, Depends, Request
from pydantic import ValidationError

from server.bot_turn import Reply
from server.conversation import Conversation
from server.message_text import accept_text
from server.models import (
    ButtonOut,
    ChatReply,
    ChatRequest,
    ChatResponse,
    ErrorResponse,
    EstimateCardOut,
    HumanOut,
    MetaOut,
)
from server.privacy import Unmasked
from server.services import Services, client_address, get_services

log = logging.getLogger(__name__)
router = APIRouter(tags=["chat"])


def _card_out(reply: Reply) -> EstimateCardOut | None:
    if reply.estimate is None:
        return None
    try:
        return EstimateCardOut.parse_obj(reply.estimate)
    except ValidationError as error:  # the text still says it all: drop the card, not the reply
        log.warning("estimate card dropped, it does not fit the API model: %s", error)
        return None


def _reply_out(reply: Reply) -> ChatReply:
    return ChatReply(
        text=reply.text,
        buttons=[ButtonOut(title=b.title, payload=b.payload) for b in reply.buttons],
        estimate=_card_out(reply),
    )


@router.post(
    "/api/chat",
    response_model=ChatResponse,
    responses={s: {"model": ErrorResponse} for s in (413, 422, 429)},
    summary="Send one chat message to the bot",
    description="Over RATE_SESSION_PER_MIN (30) messages a minute per session, or RATE_CLIENT_PER_MIN (120) "
    "per client address: 429 rate_limited with a Retry-After header (seconds). While an agent holds the "
    "conversation, the message goes to the agent (no bot reply); the agent's replies come through "
    "GET /api/chat/events.",
)
async def chat(request: ChatRequest, http: Request, services: Services = Depends(get_services)) -> ChatResponse:
    settings = services.settings
    conversation = Conversation("webchat", request.session_id)
    await services.limits.check(conversation, client_address(http))
    accepted = accept_text(request.text, settings.max_text, settings.hard_max_text)
    answer = await services.reception.turn(
        conversation,
        accepted.text,
        Unmasked(request.text),
        region=request.region,
    )
    replies = [_reply_out(reply) for reply in answer.replies]
    if accepted.truncated:
        replies.insert(0, ChatReply(text=services.texts.truncated_note(settings.max_text)))
    return ChatResponse(
        replies=replies,
        handoff=answer.handoff,
        meta=MetaOut.of(answer.meta),
        human=HumanOut.of(answer.human),
        rating=answer.rating,
    )
