"""HTTP calls to Rasa (REST channel and HTTP API) and to the action server's health check."""
import asyncio
import logging
from dataclasses import dataclass
from typing import Any, Dict, List

import httpx

log = logging.getLogger(__name__)


class RasaUnavailable(Exception):
    """Rasa could not be reached, timed out, or answered with an error."""


@dataclass(frozen=True)
class Health:
    rasa: bool
    action_server: bool


class RasaClient:
    def __init__(self, http: httpx.AsyncClient, rasa_url: str, action_server_url: str, token: str) -> None:
        self._http = http
        self._rasa = rasa_url.rstrip("/")
        self._actions = action_server_url.rstrip("/")
        self._token = token

    async def _request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            response = await self._http.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            log.warning("%s %s failed: %r", method, url.split("?")[0], exc)
            raise RasaUnavailable(str(exc)) from exc
        if response.status_code >= 400:
            log.warning("%s %s answered %s", method, url.split("?")[0], response.status_code)
            raise RasaUnavailable(f"HTTP {response.status_code}")
        return response

    def _json(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            raise RasaUnavailable("answer is not JSON") from exc

    async def send_message(self, sender: str, text: str, channel: str) -> List[Any]:
        """The bot's messages for one user message (Rasa's REST channel)."""
        response = await self._request(
            "POST",
            f"{self._rasa}/webhooks/rest/webhook",
            json={"sender": sender, "message": text, "input_channel": channel},
        )
        return self._json(response)

    async def set_slot(self, sender: str, name: str, value: Any) -> None:
        await self._request(
            "POST",
            f"{self._rasa}/conversations/{sender}/tracker/events",
            params={"token": self._token},
            json=[{"event": "slot", "name": name, "value": value}],
        )

    async def tracker(self, sender: str) -> Dict[str, Any]:
        response = await self._request(
            "GET", f"{self._rasa}/conversations/{sender}/tracker", params={"token": self._token}
        )
        tracker = self._json(response)
        if not isinstance(tracker, dict):
            raise RasaUnavailable("tracker is not an object")
        return tracker

    async def _is_up(self, url: str) -> bool:
        try:
            await self._request("GET", url)
        except RasaUnavailable:
            return False
        return True

    async def health(self) -> Health:
        rasa, actions = await asyncio.gather(self._is_up(f"{self._rasa}/"), self._is_up(f"{self._actions}/health"))
        return Health(rasa=rasa, action_server=actions)
