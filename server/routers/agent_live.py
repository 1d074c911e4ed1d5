"""The agent workspace's live stream: the queue whenever it changes, and every new message of the
conversations the agent holds. While it is open the agent counts as present (available for hand-offs)."""
import asyncio
import time
from datetime import timedelta

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from server import desk_views
from server.agent_auth import COOKIE, agent_session
from server.agent_models import MessageOut
from server.live import Event, NewOnly, resume_after, stream
from server.models import MAX_ROW_ID, ErrorResponse
from server.services import Services, get_services
from server.store.agents import Session

router = APIRouter(tags=["agent workspace"], prefix="/agent/api")
PRESENCE_TOUCH_SECONDS = 20.0


@router.get(
    "/events",
    summary="Server-sent events: `queue` (as GET /agent/api/queue) when it changes, `message` (id = message id) "
    "for the conversations this agent holds or held, `signed_out` when the session ends",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}, 401: {"model": ErrorResponse}},
)
async def events(
    request: Request,
    after: int = Query(0, ge=0, le=MAX_ROW_ID, description="The last message id the page has."),
    session: Session = Depends(agent_session),
    services: Services = Depends(get_services),
) -> StreamingResponse:
    stores, settings = services.stores, services.settings
    presence = timedelta(seconds=settings.agent_presence_seconds)
    token = request.cookies.get(COOKIE, "")
    news = NewOnly(resume_after(request, after) or await asyncio.to_thread(stores.transcripts.last_id))
    last_queue: list[str] = []
    touched = [0.0]

    async def poll() -> tuple[list[Event], bool]:
        if time.monotonic() - touched[0] > PRESENCE_TOUCH_SECONDS:
            if await asyncio.to_thread(services.accounts.session, token) is None:
                return [Event("signed_out", {})], True
            await asyncio.to_thread(stores.agents.touch, session.id)
            touched[0] = time.monotonic()
        batch = []
        queue = await asyncio.to_thread(desk_views.queue, stores, session.agent.id, presence)
        snapshot = queue.json()
        if not last_queue or last_queue[0] != snapshot:
            last_queue[:] = [snapshot]
            batch.append(Event("queue", queue.dict()))
        rows = await asyncio.to_thread(stores.transcripts.held_by_since, session.agent.id, news.cursor)
        batch += [Event("message", MessageOut.of(m).dict(), id=m.id) for m in news.fresh((m.id, m) for m in rows)]
        return batch, False

    return stream(poll, settings.live_poll_seconds, settings.live_stream_seconds)
