"""`python -m server` starts uvicorn on GATEWAY_HOST/GATEWAY_PORT with the environment's settings."""
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from server.__main__ import uvicorn_options
from server.settings import Settings

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(env: dict[str, str], port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "server"], cwd=REPO, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, process.stderr.read().decode(errors="replace")
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
            return process
        except httpx.TransportError:
            assert time.monotonic() < deadline, "the gateway did not start"
            time.sleep(0.2)


@pytest.mark.parametrize(("trusted", "limited"), [("", True), ("127.0.0.1", False)])
def test_x_forwarded_for_names_the_client_only_from_a_trusted_proxy(tmp_path, trusted, limited):
    """Behind nginx every request comes from 127.0.0.1: the per-client limit must count the address nginx
    forwards. Without a trusted proxy the header is the client's own claim, and ignored."""
    port, closed = _free_port(), _free_port()
    env = {
        **os.environ,
        "GATEWAY_PORT": str(port),
        "RASA_URL": f"http://127.0.0.1:{closed}",
        "ACTION_SERVER_URL": f"http://127.0.0.1:{closed}",
        "GATEWAY_DB": str(tmp_path / "gateway.db"),
        "RATE_CLIENT_PER_MIN": "2",
        "FORWARDED_ALLOW_IPS": trusted,
    }
    process = _start(env, port)
    try:
        statuses = [
            # an empty message is counted, then refused (422) without calling Rasa
            httpx.post(f"http://127.0.0.1:{port}/api/chat", json={"session_id": f"s{n}", "text": " "},
                       headers={"X-Forwarded-For": f"203.0.113.{n}"}, timeout=5).status_code
            for n in range(4)
        ]
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert statuses == ([422, 422, 429, 429] if limited else [422] * 4)


def test_python_m_server_serves_health_and_the_widget(tmp_path):
    port, closed, closed_too = _free_port(), _free_port(), _free_port()
    rasa_urls = [f"http://127.0.0.1:{closed}", f"http://127.0.0.1:{closed_too}"]
    env = {
        **os.environ,
        "GATEWAY_PORT": str(port),
        "RASA_URL": f"http://127.0.0.1:{closed}",
        "RASA_URLS": ",".join(rasa_urls),  # comma-separated in the environment
        "ACTION_SERVER_URL": f"http://127.0.0.1:{closed}",
        "GATEWAY_DB": str(tmp_path / "db" / "gateway.db"),
    }
    process = _start(env, port)
    try:
        health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
        assert health.status_code == 503
        assert health.json() == {
            "status": "degraded",
            "rasa": "down",
            "action_server": "down",
            "rasa_processes": [{"url": url, "state": "down"} for url in rasa_urls],
        }
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).text.count("医保政策助手") >= 1
        assert (tmp_path / "db" / "gateway.db").exists()
    finally:
        process.terminate()
        process.wait(timeout=20)


def _nginx_setting(name: str) -> str:
    """The value of one directive in the config scripts/nginx.sh writes for two gateways."""
    config = subprocess.run(["bash", "scripts/nginx.sh", "config", "8001", "8002"], cwd=REPO, check=True,
                            capture_output=True, text=True, env={**os.environ, "GATEWAY_PORT": "8000"}).stdout
    return re.search(rf"^\s*{name} ([^;]*);", config, re.MULTILINE).group(1)


def test_nginx_closes_an_idle_connection_to_a_gateway_before_the_gateway_does():
    """Otherwise a POST nginx sends on a connection the gateway is just closing fails with a 502 (seen
    in the scale test: "upstream prematurely closed connection"), and nginx does not resend a POST."""
    nginx_seconds = int(_nginx_setting("keepalive_timeout").removesuffix("s"))
    gateway_seconds = uvicorn_options(Settings())["timeout_keep_alive"]
    assert nginx_seconds + 10 <= gateway_seconds  # a margin for nginx's timer starting after the gateway's


def test_nginx_passes_on_a_gateways_own_answer_instead_of_counting_it_as_the_gateway_failing():
    """The gateways share their Rasa processes: a 503 from one (its health check while Rasa is down) is
    the other's answer too, and counting it as a failure took both out of service (max_fails=1)."""
    conditions = _nginx_setting("proxy_next_upstream").split()
    assert set(conditions) <= {"error", "timeout"}
