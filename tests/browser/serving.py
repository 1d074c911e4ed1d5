"""The gateway on a free loopback port in this process, in front of a fake Rasa (an HTTP handler class)."""
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import uvicorn

from server.app import create_app
from server.settings import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gateway_in_front_of(fake_rasa: type[BaseHTTPRequestHandler], db_dir: Path) -> Iterator[str]:
    """Yields the gateway's base URL; the fake Rasa answers both Rasa and the action server."""
    rasa = ThreadingHTTPServer(("127.0.0.1", 0), fake_rasa)
    threading.Thread(target=rasa.serve_forever, daemon=True).start()
    rasa_url = f"http://127.0.0.1:{rasa.server_address[1]}"
    settings = Settings(rasa_url=rasa_url, action_server_url=rasa_url, gateway_db=db_dir / "gateway.db")
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning", ws="none")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the gateway did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        rasa.shutdown()
