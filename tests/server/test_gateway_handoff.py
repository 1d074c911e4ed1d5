"""The hand-off queue API and the summary an agent reads."""
from datetime import datetime, timezone

import pytest
from gateway_fixtures import HANDOFF_KEY, assert_error, chat, gateway_client, hotline, open_handoffs

TRACKER = {
    "sender_id": "web:s1",
    "slots": {
        "region": "binzhou",
        "scheme": "职工",
        "level": None,
        "total": "",
        "requested_slot": "level",
        "answer_misses": 0.0,
        "faq_last_topic": "inpatient_employee",
        "session_started_metadata": {"x": 1},
    },
    "events": [
        {"event": "action", "name": "action_session_start"},
        {"event": "user", "text": "你好"},
        {"event": "bot", "text": "您好，请问有什么可以帮您？"},
        {"event": "user", "text": "职工住院报销比例是多少"},
        {"event": "bot", "text": "请问您在几级医院住院？", "data": {"buttons": []}},
        {"event": "user", "text": '/inform{"hospital_level":"3"}'},
        {"event": "slot", "name": "hospital_level", "value": "3"},
        {"event": "bot", "text": "三级医院职工住院报销比例为85%。"},
        {"event": "user", "text": "转人工"},
    ],
}


def close(client, handoff_id, key=HANDOFF_KEY):
    return client.post(f"/api/handoff/{handoff_id}/close", headers={"X-Api-Key": key})


def test_summary_comes_from_the_tracker(client, rasa):
    rasa.trackers["web:s1"] = TRACKER
    rasa.answer = lambda sender, text: [{"text": "好的"}, {"custom": {"handoff": {"reason": "user_request"}}}]
    chat(client, "我找真人")
    [handoff] = open_handoffs(client)
    summary = handoff["summary"]
    lines = summary.split("\n")
    assert lines[0] == "问题：职工住院报销比例是多少"
    assert lines[1] == "信息：参保地：滨州市；参保类型：职工"  # named for the agent, the bot's bookkeeping left out
    assert lines[2].startswith("最近：")
    # the last four messages, without the button payload
    assert "三级医院职工住院报销比例为85%。" in lines[2] and "用户：转人工" in lines[2]
    assert "inform" not in summary and "requested_slot" not in summary and "session_started" not in summary
    assert len(summary) < 300


def test_summary_falls_back_to_what_the_gateway_saw(client, rasa):
    rasa.answer = lambda sender, text: [{"text": f"关于{text}的答复"}]
    chat(client, "您好")
    chat(client, "异地就医备案怎么办")
    chat(client, "转人工")  # no tracker in the fake Rasa: 404
    [handoff] = open_handoffs(client)
    assert handoff["summary"].split("\n")[0] == "问题：异地就医备案怎么办"
    assert "助手：关于异地就医备案怎么办的答复" in handoff["summary"]


def test_summary_says_so_when_nothing_was_asked(client, rasa):
    chat(client, "转人工")
    assert open_handoffs(client)[0]["summary"].startswith("问题：（尚未提出具体问题）")


def test_listing_shows_the_contract_fields(client, rasa):
    before = datetime.now(timezone.utc).replace(microsecond=0)
    hotline(client, "人工", call_id="call-7")
    [handoff] = open_handoffs(client)
    assert set(handoff) == {"id", "channel", "conversation_id", "reason", "created_at", "summary"}
    assert (handoff["channel"], handoff["conversation_id"], handoff["reason"]) == ("hotline", "call-7", "user_request")
    assert datetime.fromisoformat(handoff["created_at"]) >= before


def test_close_removes_it_from_the_list_and_a_new_one_can_open(client, rasa):
    chat(client, "转人工", session_id="a")
    chat(client, "转人工", session_id="b")
    first, second = open_handoffs(client)
    closed = close(client, first["id"])
    assert closed.status_code == 200
    assert closed.json()["id"] == first["id"] and closed.json()["closed_at"]
    assert [h["id"] for h in open_handoffs(client)] == [second["id"]]
    assert_error(close(client, first["id"]), 409, "already_closed")
    chat(client, "转人工", session_id="a")
    assert len(open_handoffs(client)) == 2


def test_queue_survives_a_restart(client, rasa, settings):
    chat(client, "转人工")
    with gateway_client(settings, rasa) as restarted:
        assert [h["conversation_id"] for h in open_handoffs(restarted)] == ["s1"]


@pytest.mark.parametrize("handoff_id, status, code", [(999, 404, "not_found"), (0, 422, "invalid_request"),
                                                      ("abc", 422, "invalid_request"), (2**63 - 1, 404, "not_found"),
                                                      (2**63, 422, "invalid_request")])  # beyond a 64-bit row id
def test_closing_what_is_not_there(client, rasa, handoff_id, status, code):
    assert_error(close(client, handoff_id), status, code)


@pytest.mark.parametrize("headers", [{}, {"X-Api-Key": "nope"}, {"X-Api-Key": "test-hotline-key"}])
def test_the_queue_needs_the_handoff_key(client, rasa, headers):
    assert_error(client.get("/api/handoff", headers=headers), 401, "unauthorized")
    assert_error(client.post("/api/handoff/1/close", headers=headers), 401, "unauthorized")


def test_the_queue_is_never_touched_on_the_event_loop(client, rasa, monkeypatch):
    """sqlite3 blocks: every store call runs in a worker thread, where no event loop is running."""
    import asyncio

    from server.store.handoffs import HandoffStore

    on_loop: list[tuple[str, bool]] = []

    def spy(name):
        real = getattr(HandoffStore, name)

        def call(self, *args, **kwargs):
            try:
                asyncio.get_running_loop()
                on_loop.append((name, True))
            except RuntimeError:
                on_loop.append((name, False))
            return real(self, *args, **kwargs)

        return call

    for name in ("find_open", "open", "list_open", "close"):
        monkeypatch.setattr(HandoffStore, name, spy(name))
    rasa.answer = lambda sender, text: [{"text": "好的"}, {"custom": {"handoff": {"reason": "user_request"}}}]
    chat(client, "我找真人")
    [handoff] = open_handoffs(client)
    assert close(client, handoff["id"]).status_code == 200
    assert {name for name, _ in on_loop} == {"find_open", "open", "list_open", "close"}
    assert not any(running for _, running in on_loop), on_loop


def test_the_summary_names_what_was_gathered_for_the_agent_and_asks_the_latest_question():
    from server.handoff_summary import summary_from_tracker

    tracker = {
        "slots": {"level": 3.0, "total": 16000.0, "status": "退休", "filed": True, "admission": 2.0, "answer_misses": 1.0},
        "events": [
            {"event": "user", "text": "职工住院报销比例是多少"},
            {"event": "bot", "text": "……"},
            {"event": "user", "text": "门诊慢特病怎么申请"},
            {"event": "bot", "text": "……"},
            {"event": "user", "text": "转人工"},
        ],
    }
    lines = summary_from_tracker(tracker, lambda text: text != "转人工").split("\n")
    assert lines[0] == "问题：门诊慢特病怎么申请"  # a second hand-off is about its own question
    assert lines[1] == "信息：在职/退休：退休；医院等级：三级；异地备案：是；总费用：16000元；今年第几次住院：2"
