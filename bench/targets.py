"""The two things measured: a chat turn through the gateway and bare Rasa NLU, and one timed request."""
import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from server.texts import load_texts


class BadAnswer(Exception):
    """A 2xx answer that is not what a working service sends (e.g. the gateway's 系统繁忙 reply)."""


Send = Callable[[httpx.AsyncClient, str, str], Awaitable[None]]  # (client, session_id, text)


@dataclass(frozen=True)
class Target:
    name: str
    send: Send


@dataclass(frozen=True)
class Outcome:
    latency_ms: float
    error: str | None  # None when the answer was good; else "timeout", "http 503", "busy reply" ...


def gateway_chat(base_url: str) -> Target:
    """POST /api/chat: the whole turn (NLU, dialogue policies, actions) as the web chat sends it."""
    busy = load_texts().busy  # the gateway answers 200 with this text when Rasa failed

    async def send(client: httpx.AsyncClient, session_id: str, text: str) -> None:
        response = await client.post(f"{base_url}/api/chat", json={"session_id": session_id, "text": text})
        response.raise_for_status()
        replies = response.json().get("replies")
        if not isinstance(replies, list):
            raise BadAnswer("no replies")
        if any(reply.get("text") == busy for reply in replies):
            raise BadAnswer("busy reply")

    return Target("gateway", send)


def rasa_parse(base_url: str, token: str) -> Target:
    """POST /model/parse: Rasa's NLU alone, no tracker, no dialogue, no actions."""

    async def send(client: httpx.AsyncClient, session_id: str, text: str) -> None:
        response = await client.post(f"{base_url}/model/parse", params={"token": token}, json={"text": text})
        response.raise_for_status()
        if "intent" not in response.json():
            raise BadAnswer("no intent")

    return Target("rasa", send)


async def timed_send(target: Target, client: httpx.AsyncClient, session_id: str, text: str, timeout: float) -> Outcome:
    """One request, timed; every failure becomes an error kind instead of an exception."""
    start = time.perf_counter()
    error: str | None = None
    try:
        # wait_for bounds the whole request; httpx's own timeouts are per phase (connect, read ...)
        await asyncio.wait_for(target.send(client, session_id, text), timeout)
    except (asyncio.TimeoutError, httpx.TimeoutException):
        error = "timeout"
    except httpx.HTTPStatusError as exc:
        error = f"http {exc.response.status_code}"
    except httpx.TransportError as exc:
        error = f"transport {type(exc).__name__}"
    except BadAnswer as exc:
        error = str(exc)
    except ValueError:  # JSONDecodeError
        error = "not JSON"
    return Outcome((time.perf_counter() - start) * 1000.0, error)
