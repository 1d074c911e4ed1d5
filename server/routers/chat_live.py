"""The widget's side of human service: agents' replies live (server-sent events), leaving the queue
or the agent's chat, and the satisfaction rating (一次一评)."""
import asyncio

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from server.conversation import Conversation
from server.errors import ApiError
from server.human_service import BOT, HumanStatus
from server.live import Event, NewOnly, resume_after, stream
from server.models import ID_PATTERN, MAX_ROW_ID, ErrorResponse, HumanOut, RatingRequest, RatingThanks, SessionRef
from server.privacy import mask_personal_numbers
from server.services import Services, client_address, get_services
from server.store.ratings import AlreadyRated
from server.store.transcripts import Message

router = APIRouter(tags=["chat"])


def widget_event(message: Message) -> Event:
    return Event(
        "message",
        {
            "id": message.id,
            "speaker": message.speaker,
            "text": message.text,
            "event": message.event,
            "agent": message.agent_work_number,
            "rating": message.data.get("subject") if message.event == "rating_request" else None,
            "created_at": message.created_at.isoformat(),
        },
        id=message.id,
    )


@router.get(
    "/api/chat/events",
    summary="Server-sent events while a person has the conversation",
    description="`message` events (id = message id): an agent's reply (speaker agent, with the work number) or "
    "a note (speaker system, event claimed / agent_left / handed_back / resolved / user_left / rating_request, with the subject "
    "to rate); `state` events: the conversation's `human` status whenever it changes. Ends when the assistant "
    "has the conversation again (the client closes its EventSource on state mode bot), or after "
    "LIVE_STREAM_SECONDS: the EventSource reconnects with Last-Event-ID and misses nothing.",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}, 422: {"model": ErrorResponse}},
)
async def events(
    request: Request,
    session_id: str = Query(..., pattern=ID_PATTERN),
    after: int = Query(0, ge=0, le=MAX_ROW_ID, description="The last message id the widget has."),
    services: Services = Depends(get_services),
) -> StreamingResponse:
    conversation = Conversation("webchat", session_id)
    # a (re)connection counts as a message: nobody can open streams without end
    await services.limits.check(conversation, client_address(request))
    news = NewOnly(resume_after(request, after))
    last: list[HumanStatus] = []
    transcripts = services.stores.transcripts

    async def poll() -> tuple[list[Event], bool]:
        # the status first: a hand-off's end commits with its notes, so they are read below
        status = await services.human.status(conversation)
        rows = await asyncio.to_thread(transcripts.human_service_since, "webchat", session_id, news.cursor)
        batch = [widget_event(m) for m in news.fresh((m.id, m) for m in rows)]
        if not last or last[0] != status:
            last[:] = [status]
            batch.append(Event("state", HumanOut.of(status).dict()))
        return batch, status.mode == BOT

    return stream(poll, services.settings.live_poll_seconds, services.settings.live_stream_seconds)


@router.post(
    "/api/chat/leave",
    response_model=HumanOut,
    responses={s: {"model": ErrorResponse} for s in (422, 429)},
    summary="The user stops waiting for a person, or ends the agent's chat; the assistant answers again",
)
async def leave(body: SessionRef, request: Request, services: Services = Depends(get_services)) -> HumanOut:
    conversation = Conversation("webchat", body.session_id)
    await services.limits.check(conversation, client_address(request))
    await services.human.user_leaves(conversation)
    return HumanOut.of(await services.human.status(conversation))


@router.post(
    "/api/chat/rating",
    response_model=RatingThanks,
    status_code=201,
    responses={s: {"model": ErrorResponse} for s in (404, 409, 422, 429)},
    summary="Rate the service the gateway asked about (1–5 stars, optional comment)",
)
async def rate(body: RatingRequest, request: Request, services: Services = Depends(get_services)) -> RatingThanks:
    conversation = Conversation("webchat", body.session_id)
    await services.limits.check(conversation, client_address(request))
    stores = services.stores
    history = await asyncio.to_thread(stores.transcripts.history, "webchat", body.session_id)
    asked = next(
        (m for m in reversed(history) if m.event == "rating_request" and m.data.get("subject") == body.subject), None
    )
    if asked is None:
        raise ApiError(404, "not_asked", "没有待评价的服务")
    comment = mask_personal_numbers(body.comment.strip()) if body.comment and body.comment.strip() else None
    try:
        await asyncio.to_thread(
            stores.ratings.add,
            "webchat",
            body.session_id,
            body.subject,
            body.score,
            comment,
            asked.handoff_id,
            asked.agent_id,
        )
    except AlreadyRated:
        raise ApiError(409, "already_rated", "您已经评价过了，感谢您的反馈") from None
    return RatingThanks(text=services.human_texts.say("rating_thanks", "webchat"))
