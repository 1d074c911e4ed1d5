"""What the browser tests share: a tiny fake Rasa, the gateway served by uvicorn in this process
(stoppable and restartable on the same port), headless Chromium, and an agent on duty."""
import json
import os
import secrets
import socket
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import uvicorn

from server.accounts import Accounts
from server.app import create_app
from server.settings import Settings
from server.store.agents import AgentStore
from server.store.database import open_database

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
BOT_DELAY_S = 0.6  # long enough to see the typing indicator
GRACEFUL_SHUTDOWN_S = 1  # like python -m server: open live streams are cut, browsers reconnect
# Test runs leave the tree clean: screenshots go to reports/; `SCREENSHOT_DIR=docs` refreshes the README's.
SCREENSHOTS = Path(__file__).resolve().parents[2] / os.environ.get("SCREENSHOT_DIR", "reports/screenshots")


def answer_to(question: str) -> str:
    return f"关于“{question}”：请问您是职工还是居民？"


class FakeRasa(BaseHTTPRequestHandler):
    """Answers every question with a text and two quick replies; a payload gets a plain answer. Keeps
    each sender's tracker events (user and bot messages, events appended through the HTTP API)."""

    messages: list[dict[str, Any]] = []
    slot_events: list[dict[str, Any]] = []
    trackers: dict[str, list[dict[str, Any]]] = {}

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def _json(self, status: int, body: Any) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path == "/health":
            self._json(200, {"status": "ok"})
            return
        sender = self.path.split("/")[2] if self.path.startswith("/conversations/") else ""
        self._json(200, {"events": FakeRasa.trackers.get(sender, []), "slots": {}})

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if "/tracker/events" in self.path:
            FakeRasa.slot_events.append({"path": self.path.split("?")[0], "events": body})
            FakeRasa.trackers.setdefault(self.path.split("/")[2], []).extend(body)
            self._json(200, {})
            return
        FakeRasa.messages.append(body)
        time.sleep(BOT_DELAY_S)
        text = body["message"]
        if text.startswith("/choose_"):
            kind = "职工" if text == "/choose_employee" else "居民"
            answer = [{"text": f"{kind}住院报销比例：三级医院85%。"}]
        else:
            answer = [{
                "text": answer_to(text),
                "buttons": [{"title": "职工", "payload": "/choose_employee"},
                            {"title": "居民", "payload": "/choose_resident"}],
            }]
        FakeRasa.trackers.setdefault(body["sender"], []).extend(
            [{"event": "user", "text": text}] + [{"event": "bot", "text": item["text"]} for item in answer]
        )
        self._json(200, answer)


def start_fake_rasa() -> tuple[ThreadingHTTPServer, str]:
    rasa = ThreadingHTTPServer(("127.0.0.1", 0), FakeRasa)
    threading.Thread(target=rasa.serve_forever, daemon=True).start()
    return rasa, f"http://127.0.0.1:{rasa.server_address[1]}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gateway_settings(rasa_url: str, db_path: Any, **overrides: Any) -> Settings:
    return Settings(
        rasa_url=rasa_url,
        action_server_url=rasa_url,
        gateway_db=db_path,
        service_hours="always",
        live_poll_seconds=0.2,
        **overrides,
    )


class Gateway:
    """The gateway on a fixed loopback port; stop() and start() again is a restart of the process."""

    def __init__(self, settings: Settings, port: int | None = None) -> None:
        self.settings = settings
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> "Gateway":
        config = uvicorn.Config(
            create_app(self.settings),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            ws="none",
            timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            assert time.monotonic() < deadline, "the gateway did not start"
            assert self._thread.is_alive(), "the gateway stopped while starting"
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        assert self._server is not None and self._thread is not None
        self._server.should_exit = True
        self._thread.join(timeout=15)
        assert not self._thread.is_alive(), "the gateway did not stop"


def add_agent(settings: Settings, work_number: str, password: str, name: str = "测试客服") -> None:
    """An account, as `make agent-add` makes it."""
    Accounts(AgentStore(open_database(settings.database_url)), timedelta(hours=1)).add(work_number, name, password)


def put_agent_on_duty(settings: Settings) -> None:
    """An agent whose workspace is open elsewhere: hand-offs are queued, not offered as work orders."""
    agents = AgentStore(open_database(settings.database_url))
    agent = agents.add("9000", "值班客服", "not-a-real-hash")
    agents.open_session(agent.id, secrets.token_hex(32), secrets.token_hex(16), timedelta(hours=1))
