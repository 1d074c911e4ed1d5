"""The HTTP requests under the Rasa client: one aiohttp session, its connections kept open.

aiohttp rather than httpx: with Rasa faked by a server that answers at once, the old and the new
gateway side by side took 5.97 and 4.98 ms a turn (p50; 5.87 and 5.27 in a second run); httpx's client
was 32% of the gateway's busy samples in a py-spy profile, aiohttp's is 11%. Tests put their fake Rasa under the client through
the same `HttpRequester` interface."""
import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from types import SimpleNamespace, TracebackType
from typing import Any, Protocol

import aiohttp

# Rasa keeps an idle connection 120 s (`rasa run --keep-alive-timeout`), longer than this client does:
# the client always closes first, so it never sends a request on a connection Rasa is just closing.
IDLE_SECONDS = 15.0
CONNECT_SECONDS = 5.0


class NotSent(Exception):
    """No connection could be made: the request never reached the server."""


class NoAnswer(Exception):
    """The request may have reached the server, but no answer came (timeout, dropped connection)."""


@dataclass(frozen=True)
class HttpAnswer:
    status: int
    body: bytes


class HttpRequester(Protocol):
    async def request(
        self, method: str, url: str, params: Mapping[str, str] | None = None, json: Any = None
    ) -> HttpAnswer:
        """The answer, whatever its status; NotSent or NoAnswer when there is none."""


async def _connected(session: aiohttp.ClientSession, context: SimpleNamespace, params: object) -> None:
    context.trace_request_ctx["connected"] = True


def _connection_trace() -> aiohttp.TraceConfig:
    """Marks a request once it has a connection: a failure before that left nothing sent."""
    trace = aiohttp.TraceConfig()
    # aiohttp 3.9 annotates its signals' callbacks wrongly (a callback taking a callback)
    trace.on_connection_create_end.append(_connected)  # type: ignore[arg-type]
    trace.on_connection_reuseconn.append(_connected)  # type: ignore[arg-type]
    return trace


class AiohttpRequester:
    """Used as `async with`: the session lives as long as the gateway's event loop."""

    def __init__(self, timeout_seconds: float, max_connections: int = 100) -> None:
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds, connect=min(CONNECT_SECONDS, timeout_seconds))
        self._max_connections = max_connections
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> "AiohttpRequester":
        connector = aiohttp.TCPConnector(limit=self._max_connections, keepalive_timeout=IDLE_SECONDS)
        self._session = aiohttp.ClientSession(
            connector=connector, timeout=self._timeout, trace_configs=[_connection_trace()]
        )
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._session is not None:
            await self._session.close()

    async def request(
        self, method: str, url: str, params: Mapping[str, str] | None = None, json: Any = None
    ) -> HttpAnswer:
        assert self._session is not None, "used outside `async with`"
        progress: dict[str, bool] = {}
        try:
            async with self._session.request(
                method, url, params=params, json=json, trace_request_ctx=progress
            ) as response:
                return HttpAnswer(response.status, await response.read())
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            raise (NoAnswer if progress.get("connected") else NotSent)(repr(exc)) from exc
