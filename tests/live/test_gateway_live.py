"""The gateway (in-process) against the real Rasa and action server that `make test` starts.

RASA_URL, ACTION_SERVER_URL and RASA_TOKEN come from the environment. Fails, never skips, when
they are unreachable. Asserts structure only: the bot's wording is still evolving.
"""
import re

import httpx
from live_gateway import HANDOFF_KEY, HOTLINE_KEY, new_id

from server.settings import Settings

CHINESE = re.compile(r"[\u4e00-\u9fff]")
UNSPEAKABLE = re.compile(r"[*#_`|<>\[\]{}()（）【】/%]|https?://")


def tracker(settings: Settings, sender: str) -> dict:
    response = httpx.get(
        f"{settings.rasa_url}/conversations/{sender}/tracker", params={"token": settings.rasa_token}, timeout=30
    )
    response.raise_for_status()
    return response.json()


def test_health_is_ok(gateway, settings):
    assert gateway.get("/healthz").json() == {
        "status": "ok",
        "rasa": "up",
        "action_server": "up",
        "rasa_processes": [{"url": settings.rasa_url, "state": "up"}],
    }


def test_greeting_gets_a_chinese_reply(gateway):
    body = gateway.post("/api/chat", json={"session_id": new_id(), "text": "你好"}).json()
    assert body["handoff"] is False
    assert body["replies"] and any(CHINESE.search(reply["text"]) for reply in body["replies"])
    for reply in body["replies"]:
        assert set(reply) == {"text", "buttons"}
        for button in reply["buttons"]:
            assert set(button) == {"title", "payload"}
            assert button["title"].strip() and button["payload"].strip()


def test_region_reaches_the_tracker_and_sessions_stay_apart(gateway, settings):
    wuhai, binzhou = new_id(), new_id()
    gateway.post("/api/chat", json={"session_id": wuhai, "text": "家庭共济能给谁用", "region": "wuhai"})
    gateway.post("/api/chat", json={"session_id": binzhou, "text": "家庭共济能给谁用", "region": "binzhou"})
    assert tracker(settings, f"web:{wuhai}")["slots"]["region"] == "wuhai"
    assert tracker(settings, f"web:{binzhou}")["slots"]["region"] == "binzhou"


def test_hotline_greeting_is_speakable(gateway, settings):
    call_id = new_id()
    response = gateway.post(
        "/api/hotline/turn",
        json={"call_id": call_id, "transcript": "嗯你好", "confidence": 0.9},
        headers={"X-Api-Key": HOTLINE_KEY},
    )
    body = response.json()
    assert response.status_code == 200 and body["handoff"] is False
    assert CHINESE.search(body["speech"]) and not UNSPEAKABLE.search(body["speech"])
    user_texts = [e["text"] for e in tracker(settings, f"call:{call_id}")["events"] if e.get("event") == "user"]
    assert user_texts == ["你好"]  # normalized before the bot saw it


def test_handoff_is_queued_with_a_summary(gateway):
    session = new_id()
    gateway.post("/api/chat", json={"session_id": session, "text": "异地就医备案怎么办"})
    assert gateway.post("/api/chat", json={"session_id": session, "text": "转人工"}).json()["handoff"] is True
    queue = gateway.get("/api/handoff", headers={"X-Api-Key": HANDOFF_KEY}).json()
    [mine] = [h for h in queue if h["conversation_id"] == session]
    assert mine["summary"].startswith("问题：异地就医备案怎么办")


def test_personal_numbers_never_reach_the_tracker_store(gateway, settings):
    session = new_id()
    said = "我手机号13812345678，身份证号370102199001011234，帮我查下报销进度"
    assert gateway.post("/api/chat", json={"session_id": session, "text": said}).status_code == 200
    stored = str(tracker(settings, f"web:{session}")["events"])
    assert "13812345678" not in stored and "370102199001011234" not in stored
    assert "尾号5678" in stored and "尾号1234" in stored


def test_an_agent_takes_over_and_hands_back_with_the_tracker_whole(gateway, settings):
    """Against the real Rasa 3.6: pause on the claim, the user's and the agent's messages as events,
    resume on the hand-back, and the bot answers the next question."""
    session = new_id()
    sender = f"web:{session}"
    gateway.post("/api/chat", json={"session_id": session, "text": "异地就医备案怎么办"})
    handoff_id = gateway.post("/api/chat", json={"session_id": session, "text": "转人工"}).json()["human"]["handoff_id"]
    csrf = gateway.get("/agent/api/session").json()["csrf_token"]
    headers = {"X-CSRF-Token": csrf}
    assert gateway.post(f"/agent/api/handoffs/{handoff_id}/claim", headers=headers).status_code == 200
    assert tracker(settings, sender)["paused"] is True
    said = gateway.post(f"/agent/api/handoffs/{handoff_id}/messages", json={"text": "您好，我是1001号客服"},
                        headers=headers)
    assert said.status_code == 200
    held = gateway.post("/api/chat", json={"session_id": session, "text": "我在北京住院"}).json()
    assert held["replies"] == [] and held["human"]["mode"] == "with_agent"
    events = tracker(settings, sender)["events"]
    assert {"event": "bot", "text": "您好，我是1001号客服"}.items() <= events[-2].items()
    assert events[-2]["metadata"]["agent"] == "1001"  # Rasa adds its model id beside it
    assert events[-1]["event"] == "user" and events[-1]["text"] == "我在北京住院"
    assert gateway.post(f"/agent/api/handoffs/{handoff_id}/hand-back", headers=headers).status_code == 200
    assert tracker(settings, sender)["paused"] is False
    after = gateway.post("/api/chat", json={"session_id": session, "text": "家庭共济能给谁用"}).json()
    assert after["human"]["mode"] == "bot" and after["replies"] and after["meta"]["kind"] != "busy"
    user_texts = [e["text"] for e in tracker(settings, sender)["events"] if e.get("event") == "user"]
    assert user_texts[-2:] == ["我在北京住院", "家庭共济能给谁用"]


def test_a_question_about_the_transfer_is_answered_and_a_request_transfers(gateway):
    asked = gateway.post("/api/chat", json={"session_id": new_id(), "text": "请问一下怎样才能转到人工客服那边"}).json()
    assert asked["handoff"] is False
    assert asked["meta"]["kind"] == "answer" and asked["meta"]["topic"] == "hotline_human"
    requested = gateway.post("/api/chat", json={"session_id": new_id(), "text": "不想跟机器说了，转人工"}).json()
    assert requested["handoff"] is True


def test_a_caller_who_says_nothing_after_a_question_hears_it_again(gateway):
    call_id = new_id()

    def turn(transcript: str) -> dict:
        response = gateway.post("/api/hotline/turn", json={"call_id": call_id, "transcript": transcript},
                                headers={"X-Api-Key": HOTLINE_KEY})
        assert response.status_code == 200
        return response.json()

    asked = turn("我想算算住院自己得花多少钱")
    assert "职工医保还是居民医保" in asked["speech"]
    silence = turn("")
    assert silence["meta"]["kind"] == "not_heard" and "职工医保还是居民医保" in silence["speech"]
    assert "几级医院" in turn("居民")["speech"]  # the form goes on where it was
