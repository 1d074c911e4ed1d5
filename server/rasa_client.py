"""HTTP calls to Rasa (REST channel and HTTP API) and to the action server's health check.

Several Rasa processes may share one tracker store (RASA_URLS). Each conversation sticks to
one of them, chosen by a stable hash of its sender id, so one process handles all its turns
while it is up. When that process cannot be reached, the turn moves on to the next one in
the list, which can continue the conversation from the shared tracker store.

A Rasa process answers one message at a time (its event loop is busy with the NLU and the
policies), so only a few requests go to each at once; the others wait their turn here, and one
that waits longer than its bound is answered "busy" at once, instead of being sent on after the
user has given up: under overload Rasa keeps answering the turns that can still be answered.
"""
import asyncio
import hashlib
import json
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from server.rasa_http import HttpAnswer, HttpRequester, NoAnswer, NotSent

log = logging.getLogger(__name__)


class RasaUnavailable(Exception):
    """Rasa could not be reached, timed out, or answered with an error."""


class RasaUnreachable(RasaUnavailable):
    """The process could not be connected to: the request was not sent."""


class RasaBusy(RasaUnavailable):
    """The process had more requests than it takes at once for longer than the wait allowed: not sent."""


class Admission:
    """At most `in_flight` requests at once to each Rasa process; a request waits at most `wait_seconds`."""

    def __init__(self, urls: Sequence[str], in_flight: int, wait_seconds: float) -> None:
        self._slots = {url: asyncio.Semaphore(in_flight) for url in urls}
        self._wait = wait_seconds

    @asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        slots = self._slots[url]
        try:
            await asyncio.wait_for(slots.acquire(), self._wait)
        except asyncio.TimeoutError:
            log.warning("Rasa %s is busy: a request waited %.1f s and was not sent", url, self._wait)
            raise RasaBusy(f"waited {self._wait} s") from None
        try:
            yield
        finally:
            slots.release()


@dataclass(frozen=True)
class ProcessHealth:
    url: str
    up: bool


@dataclass(frozen=True)
class Health:
    rasa: tuple[ProcessHealth, ...]  # in RASA_URLS order
    action_server: bool


async def _request(http: HttpRequester, method: str, url: str, **kwargs: Any) -> HttpAnswer:
    try:
        response = await http.request(method, url, **kwargs)
    except (NotSent, NoAnswer) as exc:
        log.warning("%s %s failed: %s", method, url, exc)
        # Not sent: it never reached the process, so another one may take it without doing it twice.
        # No answer (a timeout after sending, a dropped connection) may have left the message handled.
        raise (RasaUnreachable if isinstance(exc, NotSent) else RasaUnavailable)(str(exc)) from exc
    if response.status >= 400:
        log.warning("%s %s answered %s", method, url, response.status)
        raise RasaUnavailable(f"HTTP {response.status}")
    return response


def _json(response: HttpAnswer) -> Any:
    try:
        return json.loads(response.body)
    except ValueError as exc:  # UnicodeDecodeError is one
        raise RasaUnavailable("answer is not JSON") from exc


class RasaConversation:
    """One sender's calls to Rasa during one turn. They all go to the same process: the
    sender's own one, or after a failed connection the next that could be reached."""

    def __init__(
        self, http: HttpRequester, admission: Admission, urls: Sequence[str], sender: str, token: str
    ) -> None:
        self._http = http
        self._admission = admission
        self._urls = urls  # the sender's own process first
        self._current = 0
        self.sender = sender
        self._token = token

    @property
    def url(self) -> str:
        """The process this turn is talking to."""
        return self._urls[self._current]

    async def _call(self, method: str, path: str, **kwargs: Any) -> HttpAnswer:
        while True:
            try:
                async with self._admission.slot(self.url):
                    return await _request(self._http, method, self.url + path, **kwargs)
            except RasaUnreachable:
                if self._current + 1 == len(self._urls):
                    raise
                down, self._current = self.url, self._current + 1
                log.warning("Rasa %s is down: %s fails over to %s", down, self.sender, self.url)

    async def send_message(self, text: str, channel: str, region: str | None = None) -> list[Any]:
        """The bot's messages for one user message (Rasa's REST channel). `region`: the widget's city,
        sent with the message when it changed (bot/widget_region_policy.py sets the slot in that turn)."""
        body: dict[str, Any] = {"sender": self.sender, "message": text, "input_channel": channel}
        if region:
            body["metadata"] = {"region": region}
        return _json(await self._call("POST", "/webhooks/rest/webhook", json=body))

    async def append_events(self, events: list[dict[str, Any]]) -> None:
        """Adds events to the conversation's tracker (Rasa's HTTP API); the bot predicts nothing."""
        await self._call(
            "POST", f"/conversations/{self.sender}/tracker/events", params={"token": self._token}, json=events
        )

    async def tracker(self) -> dict[str, Any]:
        response = await self._call("GET", f"/conversations/{self.sender}/tracker", params={"token": self._token})
        tracker = _json(response)
        if not isinstance(tracker, dict):
            raise RasaUnavailable("tracker is not an object")
        return tracker


class RasaClient:
    def __init__(
        self,
        http: HttpRequester,
        rasa_urls: Sequence[str],
        action_server_url: str,
        token: str,
        in_flight: int,
        wait_seconds: float,
    ) -> None:
        """in_flight, wait_seconds: see Admission (RASA_IN_FLIGHT, RASA_WAIT_SECONDS in server/settings.py)."""
        self._http = http
        self._rasa = [url.rstrip("/") for url in rasa_urls]
        self._actions = action_server_url.rstrip("/")
        self._token = token
        self._admission = Admission(self._rasa, in_flight, wait_seconds)

    def process_order(self, sender: str) -> list[str]:
        """The sender's own process (sha256 of the id: the same in every gateway process and
        after restarts, unlike hash()), then the others in RASA_URLS order after it."""
        first = int.from_bytes(hashlib.sha256(sender.encode("utf-8")).digest()[:8], "big") % len(self._rasa)
        return self._rasa[first:] + self._rasa[:first]

    def conversation(self, sender: str) -> RasaConversation:
        return RasaConversation(self._http, self._admission, self.process_order(sender), sender, self._token)

    async def _is_up(self, url: str, **kwargs: Any) -> bool:
        try:
            await _request(self._http, "GET", url, **kwargs)
        except RasaUnavailable:
            return False
        return True

    async def health(self) -> Health:
        # Rasa's /status answers 409 while no model is loaded: up means able to answer, not only listening
        *rasa, actions = await asyncio.gather(
            *(self._is_up(f"{url}/status", params={"token": self._token}) for url in self._rasa),
            self._is_up(f"{self._actions}/health"),
        )
        return Health(rasa=tuple(ProcessHealth(url, up) for url, up in zip(self._rasa, rasa, strict=False)), action_server=actions)
