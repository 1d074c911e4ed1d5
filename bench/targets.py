"""What is measured: a turn through the gateway (web chat or hotline), bare Rasa NLU, and (in one session)
the bot's whole turn in Rasa without the gateway."""
import asyncio
import time
import zlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from bench.conversations import Turn


class BadAnswer(Exception):
    """A 2xx answer that is not what a working service sends (e.g. the gateway's 系统繁忙 reply)."""


# sends one turn; the answer's kind (the gateway's meta.kind) or None when the target has none
Send = Callable[[httpx.AsyncClient, Turn], Awaitable[str | None]]
BUSY = "busy"  # meta.kind of the gateway's 系统繁忙 answer: Rasa or the action server failed


@dataclass(frozen=True)
class Target:
    name: str
    send: Send


@dataclass(frozen=True)
class Outcome:
    turn: Turn
    latency_ms: float
    error: str | None  # None when the answer was good; else "timeout", "http 503", "busy reply" ...
    kind: str | None = None  # the gateway's meta.kind of a good answer


def _kind(body: Any) -> str | None:
    meta = body.get("meta") if isinstance(body, dict) else None
    kind = meta.get("kind") if isinstance(meta, dict) else None
    if kind == BUSY:
        raise BadAnswer("busy reply")
    return kind if isinstance(kind, str) else None


def gateway(base_url: str, hotline_key: str) -> Target:
    """A whole turn as the clients send it: POST /api/chat with the widget's region, or
    POST /api/hotline/turn with the phone bridge's key and the ASR's confidence."""

    async def send(client: httpx.AsyncClient, turn: Turn) -> str | None:
        if turn.channel == "hotline":
            body: dict[str, Any] = {"call_id": turn.conversation, "transcript": turn.text}
            if turn.confidence is not None:
                body["confidence"] = turn.confidence
            response = await client.post(f"{base_url}/api/hotline/turn", json=body, headers={"X-Api-Key": hotline_key})
            response.raise_for_status()
            answer = response.json()
            if not isinstance(answer, dict) or not isinstance(answer.get("speech"), str):
                raise BadAnswer("no speech")
            return _kind(answer)
        body = {"session_id": turn.conversation, "text": turn.text}
        if turn.region is not None:
            body["region"] = turn.region
        response = await client.post(f"{base_url}/api/chat", json=body)
        response.raise_for_status()
        answer = response.json()
        if not isinstance(answer, dict) or not isinstance(answer.get("replies"), list):
            raise BadAnswer("no replies")
        return _kind(answer)

    return Target("gateway", send)


def _sticky(base_urls: Sequence[str], turn: Turn) -> str:
    """With several Rasa processes, each conversation's texts go to one of them (as the gateway's turns do)."""
    return base_urls[zlib.crc32(turn.conversation.encode("utf-8")) % len(base_urls)]


def rasa_parse(base_urls: Sequence[str], token: str) -> Target:
    """POST /model/parse: Rasa's NLU alone on the same text, no tracker, no dialogue, no actions."""
    if not base_urls:
        raise ValueError("at least one Rasa URL")

    async def send(client: httpx.AsyncClient, turn: Turn) -> str | None:
        response = await client.post(f"{_sticky(base_urls, turn)}/model/parse", params={"token": token},
                                     json={"text": turn.text})
        response.raise_for_status()
        if "intent" not in response.json():
            raise BadAnswer("no intent")
        return None

    return Target("rasa", send)


RASA_TURN = "rasa-turn"
# the gateway's name for each channel, which it sends to Rasa with the message (server/conversation.py)
RASA_CHANNELS = {"chat": "webchat", "hotline": "hotline"}


def rasa_turn(base_urls: Sequence[str]) -> Target:
    """POST /webhooks/rest/webhook as the gateway sends it: the bot's whole turn in Rasa (NLU, tracker,
    policies, the action server) without the gateway's own work. The widget's region goes with a
    conversation's first message (the gateway sends it when it changed; a bench conversation keeps its
    region). Every hotline transcript goes to Rasa here; the gateway answers a badly heard one itself."""
    if not base_urls:
        raise ValueError("at least one Rasa URL")

    async def send(client: httpx.AsyncClient, turn: Turn) -> str | None:
        body: dict[str, Any] = {"sender": turn.conversation, "message": turn.text,
                                "input_channel": RASA_CHANNELS[turn.channel]}
        if turn.region is not None and turn.number == 1:
            body["metadata"] = {"region": turn.region}
        response = await client.post(f"{_sticky(base_urls, turn)}/webhooks/rest/webhook", json=body)
        response.raise_for_status()
        messages = response.json()
        if not isinstance(messages, list) or not messages:
            raise BadAnswer("no messages")
        return None

    return Target(RASA_TURN, send)


async def timed_send(target: Target, client: httpx.AsyncClient, turn: Turn, timeout: float) -> Outcome:
    """One request, timed; every failure becomes an error kind instead of an exception."""
    start = time.perf_counter()
    error: str | None = None
    kind: str | None = None
    try:
        # wait_for bounds the whole request; httpx's own timeouts are per phase (connect, read ...)
        kind = await asyncio.wait_for(target.send(client, turn), timeout)
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
    return Outcome(turn, (time.perf_counter() - start) * 1000.0, error, kind)
