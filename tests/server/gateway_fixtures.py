"""A fake Rasa for the gateway tests (under the gateway's Rasa client, in place of the network), a fake
clock for the rate limits, and request helpers."""
import inspect
import json
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
from fastapi.testclient import TestClient

from server.app import create_app
from server.rasa_http import HttpAnswer, NoAnswer, NotSent
from server.settings import Settings

HOTLINE_KEY = "test-hotline-key"
HANDOFF_KEY = "test-handoff-key"
RASA_URL = "http://rasa.test:5005"
ACTION_SERVER_URL = "http://actions.test:5055"
TOKEN = "test-token"

Answer = Callable[[str, str], list[dict[str, Any]]]
Handler = Callable[[httpx.Request], Any]  # an httpx.Response, or an awaitable of one


@dataclass
class FakeNetwork:
    """The gateway's HTTP requester (server/rasa_http.py) answered by a handler written with httpx's
    request and response types; httpx's connection errors become "not sent", its other errors "no answer"."""

    handler: Handler

    async def request(self, method: str, url: str, params: Any = None, json: Any = None) -> HttpAnswer:
        request = httpx.Request(method, url, params=params, json=json)
        try:
            response = self.handler(request)
            if inspect.isawaitable(response):
                response = await response
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise NotSent(repr(exc)) from exc
        except httpx.HTTPError as exc:
            raise NoAnswer(repr(exc)) from exc
        return HttpAnswer(response.status_code, response.read())


def echo(sender: str, text: str) -> list[dict[str, Any]]:
    return [{"text": f"收到：{text}"}]


@dataclass
class FakeRasa:
    """Rasa's REST channel, tracker API and root, plus the action server's /health."""

    answer: Answer = echo
    rasa_up: bool = True
    model_loaded: bool = True  # /status answers 409 without one
    actions_up: bool = True
    failure: Exception | None = None  # raised for every Rasa call when set (timeouts, ...)
    status: int = 200  # Rasa's status for webhook and tracker calls
    trackers: dict[str, dict[str, Any]] = field(default_factory=dict)
    messages: list[dict[str, Any]] = field(default_factory=list)  # webhook bodies, in order
    calls: list[str] = field(default_factory=list)  # "METHOD path" of every Rasa call, in order
    slot_events: list[dict[str, Any]] = field(default_factory=list)  # {"sender", "events", "token"}

    def handler(self, request: httpx.Request) -> httpx.Response:
        if request.url.host == "actions.test":
            up = self.actions_up and request.url.path == "/health"
            return httpx.Response(200 if up else 503, json={"status": "ok"})
        self.calls.append(f"{request.method} {request.url.path}")
        if not self.rasa_up:
            raise httpx.ConnectError("connection refused", request=request)
        if self.failure is not None:
            raise self.failure
        path = request.url.path
        if path == "/" and request.method == "GET":
            return httpx.Response(200, text="Hello from Rasa: 3.6.21")
        if path == "/status" and request.method == "GET":
            if request.url.params.get("token") != TOKEN:
                return httpx.Response(401, json={"message": "bad token"})
            if not self.model_loaded:
                return httpx.Response(409, json={"message": "No agent loaded. To continue processing, a model of a trained agent needs to be loaded."})
            return httpx.Response(200, json={"model_file": "models/bot.tar.gz", "num_active_training_jobs": 0})
        if self.status != 200:
            return httpx.Response(self.status, json={"message": "error"})
        if path == "/webhooks/rest/webhook" and request.method == "POST":
            body = json.loads(request.content)
            self.messages.append(body)
            return httpx.Response(200, json=self.answer(body["sender"], body["message"]))
        if path.startswith("/conversations/"):
            sender = path.split("/")[2]
            if request.url.params.get("token") != TOKEN:
                return httpx.Response(401, json={"message": "bad token"})
            if path.endswith("/tracker/events") and request.method == "POST":
                events = json.loads(request.content)
                self.slot_events.append({"sender": sender, "events": events})
                if sender in self.trackers:  # a tracker the test set up keeps what is appended, as Rasa's does
                    self.trackers[sender].setdefault("events", []).extend(events)
                return httpx.Response(200, json={"sender_id": sender})
            if path.endswith("/tracker") and request.method == "GET":
                if sender in self.trackers:
                    return httpx.Response(200, json=self.trackers[sender])
                return httpx.Response(404, json={"message": "no tracker"})
        return httpx.Response(404, json={"message": "not found"})


@dataclass
class FakeRasaProcesses:
    """Several Rasa processes, told apart by their base URL; the first also plays the action server."""

    processes: dict[str, FakeRasa]

    def handler(self, request: httpx.Request) -> httpx.Response:
        if request.url.host == "actions.test":
            return next(iter(self.processes.values())).handler(request)
        return self.processes[f"{request.url.scheme}://{request.url.host}:{request.url.port}"].handler(request)


@dataclass
class FakeClock:
    """The rate limiter's time, moved on by the test instead of by sleeping."""

    now: float = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_settings(tmp_path, **overrides: Any) -> Settings:
    values = dict(
        rasa_url=RASA_URL,
        action_server_url=ACTION_SERVER_URL,
        rasa_token=TOKEN,
        hotline_api_key=HOTLINE_KEY,
        handoff_api_key=HANDOFF_KEY,
        gateway_db=tmp_path / "var" / "gateway.db",
        service_hours="always",
        # a stream ends (and a test reads it whole) after a second; the browser would reconnect
        live_stream_seconds=1.0,
        live_poll_seconds=0.05,
    )
    values.update(overrides)
    return Settings(**values)


def put_agent_on_duty(client: TestClient, work_number: str = "8001") -> None:
    """An agent signed in to the workspace, so that hand-offs are queued (not offered as work orders)."""
    agents = client.app.state.services.stores.agents
    agent = agents.by_work_number(work_number) or agents.add(work_number, "值班客服", "not-a-real-hash")
    agents.open_session(agent.id, secrets.token_hex(32), secrets.token_hex(16), timedelta(hours=1))


@contextmanager
def gateway_client(
    settings: Settings,
    rasa: FakeRasa | FakeRasaProcesses,
    clock: Callable[[], float] = time.monotonic,
    agent_on_duty: bool = True,
) -> Iterator[TestClient]:
    app = create_app(settings, rasa_http=FakeNetwork(rasa.handler), clock=clock)
    with TestClient(app, raise_server_exceptions=False) as client:
        if agent_on_duty:
            put_agent_on_duty(client)
        yield client


def from_address(client: TestClient, host: str) -> TestClient:
    """Another client address on the same running gateway (started by `client`)."""
    return TestClient(client.app, client=(host, 50000), raise_server_exceptions=False)


def chat(client: TestClient, text: str, session_id: str = "s1", **extra: Any) -> httpx.Response:
    return client.post("/api/chat", json={"session_id": session_id, "text": text, **extra})


def hotline(
    client: TestClient, transcript: str, call_id: str = "c1", key: str = HOTLINE_KEY, **extra: Any
) -> httpx.Response:
    return client.post(
        "/api/hotline/turn", json={"call_id": call_id, "transcript": transcript, **extra}, headers={"X-Api-Key": key}
    )


def open_handoffs(client: TestClient) -> list[dict[str, Any]]:
    response = client.get("/api/handoff", headers={"X-Api-Key": HANDOFF_KEY})
    assert response.status_code == 200
    return response.json()


def meta(kind: str, **fields: Any) -> dict[str, Any]:
    """The `meta` object of a chat or hotline answer, as the API spells it out."""
    return {"kind": kind, "topic": None, "offered": [], "amount": None, **fields}


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert "Traceback" not in response.text
    if code is not None:
        assert body["error"]["code"] == code
    return body["error"]


AGENT_PASSWORD = "test-password-1"


@dataclass
class AgentDesk:
    """One signed-in agent's browser: its own cookies, and the CSRF token for changes."""

    client: TestClient
    csrf: str

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(path, **kwargs)

    def post(self, path: str, body: Any = None) -> httpx.Response:
        return self.client.post(path, json=body, headers={"X-CSRF-Token": self.csrf})

    def queue(self) -> dict[str, Any]:
        response = self.get("/agent/api/queue")
        assert response.status_code == 200, response.text
        return response.json()


def agent_desk(client: TestClient, work_number: str = "1001", name: str = "张三") -> AgentDesk:
    """An agent account (made when missing) signed in from a browser of its own on the running gateway."""
    services = client.app.state.services
    if services.stores.agents.by_work_number(work_number) is None:
        services.accounts.add(work_number, name, AGENT_PASSWORD)
    browser = TestClient(client.app, raise_server_exceptions=False)
    response = browser.post("/agent/api/session", json={"work_number": work_number, "password": AGENT_PASSWORD})
    assert response.status_code == 200, response.text
    return AgentDesk(browser, response.json()["csrf_token"])


def sse_events(response: httpx.Response) -> list[tuple[str, Any]]:
    """(event name, data) of a finished server-sent event stream."""
    events = []
    for block in response.text.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.split("\n") if ": " in line and not line.startswith(":"))
        if "event" in fields:
            events.append((fields["event"], json.loads(fields["data"])))
    return events
