"""Faults and persistence, with the real processes: restart Rasa mid-form, kill the action server.

Each test puts the services back as they were (scripts/services.sh), so the other live tests
are unaffected. Conversations persist in the SQLite tracker store (bot/endpoints.yml).
"""
import subprocess
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from server.app import create_app
from server.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def services(*args: str) -> None:
    subprocess.run(["bash", str(ROOT / "scripts" / "services.sh"), *args], cwd=ROOT, check=True, timeout=400)


@pytest.fixture
def restore_services():
    yield
    for name in ("action", "rasa"):
        if not _up(name):
            services("start", name)


def _up(name: str) -> bool:
    """Every process of the service is running ("rasa" may be rasa-0, rasa-1 …)."""
    run = ROOT / "var" / "run"
    pidfiles = [*run.glob(f"{name}.pid"), *run.glob(f"{name}-*.pid")]
    return bool(pidfiles) and all(
        subprocess.run(["kill", "-0", pidfile.read_text().strip()], capture_output=True).returncode == 0
        for pidfile in pidfiles
    )


def gateway(tmp_path) -> TestClient:
    return TestClient(create_app(Settings(gateway_db=tmp_path / "gateway.db")))


def test_a_form_in_progress_continues_after_rasa_restarts(chat, restore_services):
    assert "职工医保还是居民医保" in chat.texts("我想算一算报销完自己要拿多少钱")
    assert "在职还是已经退休" in chat.texts("职工")
    services("stop", "rasa")
    services("start", "rasa")
    assert "住院，还是看门诊" in chat.texts("退了")
    assert chat.slots()["status"] == "退休"


def new_session() -> str:
    return f"faults-{uuid.uuid4().hex[:12]}"


def test_a_conversation_survives_a_gateway_restart(tmp_path):
    session = new_session()
    with gateway(tmp_path) as first:
        replies = first.post("/api/chat", json={"session_id": session, "text": "帮我估一下住院自己出多少"}).json()
        assert "职工医保还是居民医保" in replies["replies"][-1]["text"]
    with gateway(tmp_path) as second:
        replies = second.post("/api/chat", json={"session_id": session, "text": "居民"}).json()
        assert "几级医院" in replies["replies"][-1]["text"]


def test_action_server_down_gives_a_polite_reply_and_the_conversation_recovers(tmp_path, restore_services):
    session = new_session()
    with gateway(tmp_path) as client:
        services("stop", "action")
        down = client.post("/api/chat", json={"session_id": session, "text": "异地就医备案怎么办理"}).json()
        assert down["replies"] and "系统繁忙" in down["replies"][0]["text"]
        assert client.get("/healthz").status_code == 503
        services("start", "action")
        assert client.get("/healthz").status_code == 200
        back = client.post("/api/chat", json={"session_id": session, "text": "去外省看病要先备案吗"}).json()
        assert "备案" in back["replies"][0]["text"]
