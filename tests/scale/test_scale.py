"""Scale-out with Rasa's own mechanism: two Rasa processes, a shared PostgreSQL tracker store and a
Redis lock store (scripts/scaled.sh), the gateway routing each session to one process.

Runs inside `make test-scale`, which starts and stops that set-up.
"""
import asyncio
import os
import uuid
from pathlib import Path

import httpx
import pytest
from scale_services import stop_service

from server.rasa_client import RasaClient

ROOT = Path(__file__).resolve().parents[2]
GATEWAY = f"http://127.0.0.1:{os.environ.get('GATEWAY_PORT', '8000')}"
RASA_URLS = [url for url in os.environ.get("RASA_URLS", "").split(",") if url]
TOKEN = os.environ.get("RASA_TOKEN", "dev-rasa-token")
SESSIONS = 24


def home_process(session_id: str) -> str:
    """The Rasa process the gateway sends this session to (the gateway's own routing)."""
    return RasaClient(None, RASA_URLS, "", TOKEN, in_flight=1, wait_seconds=1.0).process_order(f"web:{session_id}")[0]


async def say(http: httpx.AsyncClient, session_id: str, text: str) -> str:
    response = await http.post(f"{GATEWAY}/api/chat", json={"session_id": session_id, "text": text})
    response.raise_for_status()
    return "\n".join(reply["text"] for reply in response.json()["replies"])


def user_texts(rasa_url: str, session_id: str) -> list[str]:
    tracker = httpx.get(f"{rasa_url}/conversations/web:{session_id}/tracker", params={"token": TOKEN}, timeout=30)
    tracker.raise_for_status()
    return [event["text"] for event in tracker.json()["events"] if event["event"] == "user"]


def stop_process(rasa_url: str) -> None:
    stop_service(f"rasa-{RASA_URLS.index(rasa_url)}")


@pytest.fixture(scope="module")
def sessions() -> dict[str, str]:
    assert len(RASA_URLS) >= 2, "run through `make test-scale` (RASA_URLS lists the Rasa processes)"
    run = uuid.uuid4().hex[:8]  # the PostgreSQL tracker store outlives a run
    ids = [f"scale-{run}-{n:02d}" for n in range(SESSIONS)]

    async def start_all() -> dict[str, str]:
        async with httpx.AsyncClient(timeout=120) as http:
            async def start(session_id: str) -> str:
                await say(http, session_id, "您好")
                await say(http, session_id, "帮我算算住院报销完自己掏多少")
                return await say(http, session_id, "职工")

            replies = await asyncio.gather(*(start(i) for i in ids))
        return dict(zip(ids, replies, strict=True))

    return asyncio.run(start_all())


def test_many_sessions_run_across_both_processes(sessions):
    assert all("在职还是已经退休" in reply for reply in sessions.values())
    homes = {home_process(session_id) for session_id in sessions}
    assert homes == set(RASA_URLS[:2])


def test_a_form_continues_on_the_other_process_when_its_own_stops(sessions):
    victim = next(iter(sessions))
    home = home_process(victim)
    other = next(url for url in RASA_URLS if url != home)

    async def rest_of_the_form() -> list[str]:
        async with httpx.AsyncClient(timeout=120) as http:
            replies = [await say(http, victim, "退休了")]
            stop_process(home)  # in the middle of the form
            for text in ("三级", "一万六"):
                replies.append(await say(http, victim, text))
            return replies

    replies = asyncio.run(rest_of_the_form())
    assert "几级医院" in replies[0]  # 住院 was in the opening question
    assert "花了多少钱" in replies[1]
    assert "您自己大约要付2,020.00元" in replies[2]  # 职工 退休, 三级, 16,000
    # nothing lost or reordered: the shared tracker holds every turn once, in order
    assert user_texts(other, victim) == ["您好", "帮我算算住院报销完自己掏多少", "职工", "退休了", "三级", "一万六"]


def test_the_other_sessions_still_work_after_the_stop(sessions):
    async def next_turns() -> list[str]:
        async with httpx.AsyncClient(timeout=120) as http:
            ids = list(sessions)[1:]
            return await asyncio.gather(*(say(http, i, "在职") for i in ids))

    assert all("几级医院" in reply for reply in asyncio.run(next_turns()))
