"""Server-sent events that poll the store: any gateway process can serve any client, because every
message is in the database, not in a process's memory.

A stream looks for news every LIVE_POLL_SECONDS and ends after LIVE_STREAM_SECONDS; the browser's
EventSource then reconnects with the last event id it saw (Last-Event-ID), so nothing is missed.
Starlette stops the generator when the client goes away."""
import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import StreamingResponse

from server.models import MAX_ROW_ID
from server.store.transcripts import STREAM_LOOKBACK

RECONNECT_MS = 1000
HEARTBEAT_SECONDS = 15.0  # a comment line now and then keeps proxies from closing an idle stream


@dataclass(frozen=True)
class Event:
    name: str
    data: Any
    id: int | None = None  # message events: the browser resumes after the last one


def encode(event: Event) -> str:
    lines = [f"event: {event.name}"]
    if event.id is not None:
        lines.append(f"id: {event.id}")
    lines.append("data: " + json.dumps(event.data, ensure_ascii=False, default=str))
    return "\n".join(lines) + "\n\n"


def resume_after(request: Request, after: int) -> int:
    """The last message id the client has: from ?after= or the EventSource's Last-Event-ID."""
    header = request.headers.get("last-event-id", "")
    # a larger id than any row (2**63 and up) means the client has everything there is
    return max(after, min(int(header), MAX_ROW_ID)) if header.isdigit() else after


class NewOnly:
    """Which polled messages are news. A poll reads from a little before the newest id sent (a row
    may commit after a higher id was read, on PostgreSQL); ids sent in this stream, and ids up to
    the one the client resumed after, are not sent again."""

    def __init__(self, after: int) -> None:
        self._floor = after
        self._sent: set[int] = set()
        self.cursor = after  # the newest id known: the next poll reads from a little before it

    def fresh(self, rows: Iterable[tuple[int, Any]]) -> list[Any]:
        news = []
        for message_id, item in rows:
            if message_id <= self._floor or message_id in self._sent:
                continue
            self._sent.add(message_id)
            news.append(item)
        self.cursor = max([self.cursor, *self._sent])
        self._sent = {i for i in self._sent if i > self.cursor - STREAM_LOOKBACK}
        return news


Poll = Callable[[], Awaitable[tuple[list[Event], bool]]]  # events now, and whether the stream is done


def stream(poll: Poll, poll_seconds: float, max_seconds: float) -> StreamingResponse:
    async def events() -> AsyncIterator[str]:
        yield f"retry: {RECONNECT_MS}\n\n"
        started = last_sent = time.monotonic()
        while time.monotonic() - started < max_seconds:
            batch, done = await poll()
            for event in batch:
                yield encode(event)
                last_sent = time.monotonic()
            if done:
                return
            if time.monotonic() - last_sent > HEARTBEAT_SECONDS:
                yield ": keep-alive\n\n"
                last_sent = time.monotonic()
            await asyncio.sleep(poll_seconds)

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
