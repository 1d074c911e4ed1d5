"""Agents take conversations over: the queue, claiming, live replies both ways, handing back, closing,
and Rasa's tracker kept whole (pause, the messages, resume)."""
import pytest
from gateway_fixtures import HANDOFF_KEY, agent_desk, chat, gateway_client, hotline, make_settings, sse_events

QUEUED = "好的，正在为您转接人工客服，您排在第1位。客服接入后会看到您之前的对话，不用再重复。"


@pytest.fixture
def quiet_client(tmp_path, rasa):
    """Nobody on duty until a test signs an agent in; streams end quickly."""
    with gateway_client(make_settings(tmp_path), rasa, agent_on_duty=False) as client:
        yield client


def queued_session(client, session_id="s1"):
    chat(client, "职工住院怎么报销", session_id=session_id)
    body = chat(client, "转人工", session_id=session_id).json()
    assert body["human"]["mode"] == "queued", body
    return body["human"]["handoff_id"]


def test_queue_shows_the_waiting_conversation_with_its_summary(quiet_client, rasa):
    desk = agent_desk(quiet_client)
    body = chat(quiet_client, "转人工").json()
    assert body["handoff"] is True and body["replies"][0]["text"] == QUEUED
    assert body["human"] == {"mode": "queued", "handoff_id": 1, "position": 1, "agent": None}
    [card] = desk.queue()["waiting"]
    assert (card["channel"], card["conversation_id"], card["reason"], card["status"]) == ("webchat", "s1", "user_request", "waiting")
    assert card["summary"].startswith("问题：")
    assert desk.queue()["agents_present"] == 1


def test_while_queued_the_user_is_answered_once_and_the_bot_is_not_asked(quiet_client, rasa):
    agent_desk(quiet_client)
    queued_session(quiet_client)
    asked_before = len(rasa.messages)
    first = chat(quiet_client, "有人吗").json()
    second = chat(quiet_client, "喂").json()
    assert first["replies"] == [{"text": "您的消息已收到，人工客服接入后会第一时间看到。", "buttons": []}]
    assert second["replies"] == [] and second["handoff"] is True and second["meta"]["kind"] == "handoff"
    assert len(rasa.messages) == asked_before


def test_agent_and_user_talk_both_ways_and_rasa_keeps_the_transcript(quiet_client, rasa):
    desk = agent_desk(quiet_client)
    handoff_id = queued_session(quiet_client)
    claimed = desk.post(f"/agent/api/handoffs/{handoff_id}/claim")
    assert claimed.status_code == 200 and claimed.json()["claimed_by"] == "1001"
    sent = desk.post(f"/agent/api/handoffs/{handoff_id}/messages", {"text": "您好，我是1001号，请问您是哪家医院住院？"})
    assert sent.status_code == 200 and sent.json()["speaker"] == "agent" and sent.json()["agent"] == "1001"
    asked_before = len(rasa.messages)
    user = chat(quiet_client, "滨州市人民医院").json()
    assert user["replies"] == [] and user["human"] == {"mode": "with_agent", "handoff_id": 1, "position": None, "agent": "1001"}
    assert len(rasa.messages) == asked_before  # the held user's message never reaches the bot

    # the widget's stream: the agent joined, the agent's reply, the state
    stream = quiet_client.get("/api/chat/events", params={"session_id": "s1"})
    assert stream.headers["content-type"].startswith("text/event-stream")
    events = sse_events(stream)
    messages = [data for name, data in events if name == "message"]
    assert [m["event"] for m in messages] == ["claimed", None]
    assert messages[1] == {**messages[1], "speaker": "agent", "text": "您好，我是1001号，请问您是哪家医院住院？", "agent": "1001"}
    assert ("state", {"mode": "with_agent", "handoff_id": 1, "position": None, "agent": "1001"}) in events

    # the agent reads the whole transcript, the user's message included
    transcript = desk.get("/agent/api/conversations/webchat/s1").json()["messages"]
    assert [m["text"] for m in transcript if m["speaker"] == "user"] == ["职工住院怎么报销", "转人工", "滨州市人民医院"]

    appended = [event for call in rasa.slot_events for event in call["events"]]
    assert [e["event"] for e in appended] == ["pause", "bot", "user"]
    assert appended[1] == {"event": "bot", "text": "您好，我是1001号，请问您是哪家医院住院？", "metadata": {"agent": "1001"}}
    assert appended[2]["text"] == "滨州市人民医院" and appended[2]["parse_data"]["intent"]["name"] == ""


def test_hand_back_lets_the_assistant_answer_again(quiet_client, rasa):
    desk = agent_desk(quiet_client)
    handoff_id = queued_session(quiet_client)
    desk.post(f"/agent/api/handoffs/{handoff_id}/claim")
    back = desk.post(f"/agent/api/handoffs/{handoff_id}/hand-back")
    assert back.status_code == 200 and back.json()["status"] == "closed" and back.json()["outcome"] == "handed_back"
    assert rasa.slot_events[-1]["events"] == [{"event": "resume"}]
    body = chat(quiet_client, "那门诊呢").json()
    assert body["replies"][0]["text"] == "收到：那门诊呢" and body["human"]["mode"] == "bot"
    assert rasa.messages[-1]["message"] == "那门诊呢"
    notes = [data["event"] for name, data in sse_events(quiet_client.get("/api/chat/events", params={"session_id": "s1"}))
             if name == "message"]
    assert notes == ["claimed", "handed_back"]


def test_a_claimed_conversation_is_offered_to_no_other_agent(quiet_client, rasa):
    first, second = agent_desk(quiet_client, "1001"), agent_desk(quiet_client, "1002", "李四")
    handoff_id = queued_session(quiet_client)
    assert [c["id"] for c in second.queue()["waiting"]] == [handoff_id]
    assert first.post(f"/agent/api/handoffs/{handoff_id}/claim").status_code == 200
    assert second.queue()["waiting"] == [] and second.queue()["mine"] == []
    assert [c["id"] for c in first.queue()["mine"]] == [handoff_id]
    taken = second.post(f"/agent/api/handoffs/{handoff_id}/claim")
    assert taken.status_code == 409 and taken.json()["error"]["code"] == "not_claimable"
    for action, body in (("messages", {"text": "我来"}), ("hand-back", None), ("close", {"resolution": "x"})):
        refused = second.post(f"/agent/api/handoffs/{handoff_id}/{action}", body)
        assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_held", action


def test_closing_records_the_resolution_and_asks_the_user_to_rate(quiet_client, rasa):
    desk = agent_desk(quiet_client)
    handoff_id = queued_session(quiet_client)
    desk.post(f"/agent/api/handoffs/{handoff_id}/claim")
    closed = desk.post(f"/agent/api/handoffs/{handoff_id}/close", {"resolution": "已告知住院报销比例"})
    assert closed.json()["outcome"] == "resolved" and closed.json()["resolution"] == "已告知住院报销比例"
    messages = [d for n, d in sse_events(quiet_client.get("/api/chat/events", params={"session_id": "s1"})) if n == "message"]
    assert messages[-1]["event"] == "rating_request" and messages[-1]["rating"] == f"handoff:{handoff_id}"
    assert desk.post(f"/agent/api/handoffs/{handoff_id}/close", {"resolution": "again"}).status_code == 409


def test_the_user_can_stop_waiting(quiet_client, rasa):
    desk = agent_desk(quiet_client)
    queued_session(quiet_client)
    left = quiet_client.post("/api/chat/leave", json={"session_id": "s1"})
    assert left.json() == {"mode": "bot", "handoff_id": None, "position": None, "agent": None}
    assert desk.queue()["waiting"] == []
    assert chat(quiet_client, "门诊报销").json()["replies"][0]["text"] == "收到：门诊报销"


def test_a_later_handoff_summary_includes_what_the_agent_said(quiet_client, rasa):
    rasa.trackers["web:s1"] = {"slots": {}, "events": [{"event": "user", "text": "职工住院怎么报销"}]}
    desk = agent_desk(quiet_client)
    handoff_id = queued_session(quiet_client)
    desk.post(f"/agent/api/handoffs/{handoff_id}/claim")
    desk.post(f"/agent/api/handoffs/{handoff_id}/messages", {"text": "三级医院报销85%"})
    desk.post(f"/agent/api/handoffs/{handoff_id}/hand-back")
    chat(quiet_client, "转人工")
    [card] = desk.queue()["waiting"]
    assert "客服1001：三级医院报销85%" in card["summary"]


def test_the_agents_text_is_checked(quiet_client, rasa):
    desk = agent_desk(quiet_client)
    handoff_id = queued_session(quiet_client)
    desk.post(f"/agent/api/handoffs/{handoff_id}/claim")
    for body in ({"text": "   "}, {"text": ""}, {"text": "x" * 2001}, {}, {"text": 5}):
        response = desk.post(f"/agent/api/handoffs/{handoff_id}/messages", body)
        assert response.status_code == 422 and set(response.json()) == {"error"}, body
    assert desk.post("/agent/api/handoffs/999/claim").status_code == 409
    assert desk.get("/agent/api/handoffs/999").status_code == 404


def test_a_phone_call_is_taken_by_phone(quiet_client, rasa):
    desk = agent_desk(quiet_client)
    body = hotline(quiet_client, "转人工", call_id="call-1").json()
    assert body["handoff"] is True and body["transfer_to"] == "queue:yibao-agents"
    handoff_id = body["handoff_id"]
    card = desk.get(f"/agent/api/handoffs/{handoff_id}").json()  # what /agent?handoff=<id> shows
    assert (card["channel"], card["conversation_id"], card["status"]) == ("hotline", "call-1", "waiting")
    desk.post(f"/agent/api/handoffs/{handoff_id}/claim")
    refused = desk.post(f"/agent/api/handoffs/{handoff_id}/messages", {"text": "您好"})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "phone_call"


def test_the_agents_stream_brings_the_queue_and_the_held_conversations_messages(quiet_client, rasa):
    desk = agent_desk(quiet_client)
    handoff_id = queued_session(quiet_client)
    desk.post(f"/agent/api/handoffs/{handoff_id}/claim")
    chat(quiet_client, "我在滨州住院")
    # after=0 means "from now on" (the page reads transcripts itself); the page resumes after an id
    events = sse_events(desk.get("/agent/api/events", params={"after": 1}))
    [queue] = [data for name, data in events if name == "queue"]
    assert [c["id"] for c in queue["mine"]] == [handoff_id]
    texts = [data["text"] for name, data in events if name == "message"]
    assert "我在滨州住院" in texts and "人工客服1001号为您服务。" in texts


def test_closing_a_held_conversation_through_the_hand_off_api_gives_it_back_to_the_assistant(quiet_client, rasa):
    desk = agent_desk(quiet_client)
    handoff_id = queued_session(quiet_client)
    desk.post(f"/agent/api/handoffs/{handoff_id}/claim")
    closed = quiet_client.post(f"/api/handoff/{handoff_id}/close", headers={"X-Api-Key": HANDOFF_KEY})
    assert closed.status_code == 200
    assert rasa.slot_events[-1]["events"] == [{"event": "resume"}]  # the tracker is no longer paused
    body = chat(quiet_client, "那门诊呢").json()
    assert body["human"]["mode"] == "bot" and rasa.messages[-1]["message"] == "那门诊呢"
    notes = [data["event"] for name, data in sse_events(quiet_client.get("/api/chat/events", params={"session_id": "s1"}))
             if name == "message"]
    assert notes == ["claimed", "handed_back"]  # the user is told the person has gone


def test_a_queued_user_whose_agents_all_signed_out_is_offered_a_callback_not_an_endless_wait(quiet_client, rasa):
    desk = agent_desk(quiet_client)
    handoff_id = queued_session(quiet_client)
    assert desk.post("/agent/api/session/end").status_code == 200
    body = chat(quiet_client, "还有人吗？等了好久了").json()
    assert body["human"]["mode"] == "bot" and "没有人工客服在线" in body["replies"][0]["text"]
    handoff = quiet_client.app.state.services.stores.handoffs.get(handoff_id)
    assert not handoff.is_open and handoff.outcome == "no_agent"
    # the offer is the work order's: the next answers leave a message
    assert "问题" in chat(quiet_client, "好的").json()["replies"][0]["text"]


def widget_notes(client, session_id="s1"):
    events = sse_events(client.get("/api/chat/events", params={"session_id": session_id}))
    return [data for name, data in events if name == "message"], [data for name, data in events if name == "state"]


def test_an_agent_signing_out_puts_the_conversations_they_hold_back_in_the_queue(quiet_client, rasa):
    leaving, staying = agent_desk(quiet_client, "1001"), agent_desk(quiet_client, "1002", "李四")
    handoff_id = queued_session(quiet_client)
    leaving.post(f"/agent/api/handoffs/{handoff_id}/claim")
    assert leaving.post("/agent/api/session/end").status_code == 200
    assert [c["id"] for c in staying.queue()["waiting"]] == [handoff_id]
    assert rasa.slot_events[-1]["events"] == [{"event": "resume"}]  # paused on the claim, waiting again
    notes, states = widget_notes(quiet_client)
    assert [m["event"] for m in notes] == ["claimed", "agent_left"] and "已离开" in notes[1]["text"]
    assert states[-1] == {"mode": "queued", "handoff_id": handoff_id, "position": 1, "agent": None}
    # the user's messages wait for the next agent, who takes the conversation with all of it
    asked_before = len(rasa.messages)
    assert chat(quiet_client, "人呢？").json()["human"]["mode"] == "queued" and len(rasa.messages) == asked_before
    assert staying.post(f"/agent/api/handoffs/{handoff_id}/claim").json()["claimed_by"] == "1002"
    transcript = staying.get("/agent/api/conversations/webchat/s1").json()["messages"]
    assert [m["text"] for m in transcript if m["speaker"] == "user"][-1] == "人呢？"


def test_the_last_agent_signing_out_leaves_the_user_a_callback(quiet_client, rasa):
    desk = agent_desk(quiet_client)
    handoff_id = queued_session(quiet_client)
    desk.post(f"/agent/api/handoffs/{handoff_id}/claim")
    desk.post("/agent/api/session/end")
    body = chat(quiet_client, "还在吗").json()
    assert body["human"]["mode"] == "bot" and "没有人工客服在线" in body["replies"][0]["text"]
    assert quiet_client.app.state.services.stores.handoffs.get(handoff_id).outcome == "no_agent"


def test_an_agent_signed_in_elsewhere_keeps_the_conversation(quiet_client, rasa):
    tab, other_tab = agent_desk(quiet_client, "1001"), agent_desk(quiet_client, "1001")
    handoff_id = queued_session(quiet_client)
    tab.post(f"/agent/api/handoffs/{handoff_id}/claim")
    tab.post("/agent/api/session/end")
    assert [c["id"] for c in other_tab.queue()["mine"]] == [handoff_id]
    assert chat(quiet_client, "您好").json()["human"]["mode"] == "with_agent"


def test_a_conversation_whose_agent_went_away_without_signing_out_waits_for_another(quiet_client, rasa):
    from datetime import timedelta

    from sqlalchemy import update

    from server.store.schema import agent_session, utc_now

    gone, present = agent_desk(quiet_client, "1001"), agent_desk(quiet_client, "1002", "李四")
    handoff_id = queued_session(quiet_client)
    gone.post(f"/agent/api/handoffs/{handoff_id}/claim")
    assert chat(quiet_client, "好的 我查一下单子").json()["human"]["mode"] == "with_agent"
    # 1001's workspace closed ten minutes ago (the browser shut, the network gone): no longer seen
    services = quiet_client.app.state.services
    gone_id = services.stores.agents.by_work_number("1001").id
    with services.stores.agents._engine.begin() as db:
        db.execute(
            update(agent_session).where(agent_session.c.agent_id == gone_id).values(last_seen_at=utc_now() - timedelta(minutes=10))
        )
    body = chat(quiet_client, "单子上写的是三级医院").json()
    assert body["human"]["mode"] == "queued"
    assert [c["id"] for c in present.queue()["waiting"]] == [handoff_id]
    notes, _ = widget_notes(quiet_client)
    assert notes[-1]["event"] == "agent_left"
    refused = gone.post(f"/agent/api/handoffs/{handoff_id}/messages", {"text": "我回来了"})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_held"


def test_a_resolution_can_still_be_recorded_after_the_user_left(quiet_client, rasa):
    desk, other = agent_desk(quiet_client, "1001"), agent_desk(quiet_client, "1002", "李四")
    handoff_id = queued_session(quiet_client)
    desk.post(f"/agent/api/handoffs/{handoff_id}/claim")
    quiet_client.post("/api/chat/leave", json={"session_id": "s1"})
    refused = other.post(f"/agent/api/handoffs/{handoff_id}/close", {"resolution": "不是我接的"})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_held"
    noted = desk.post(f"/agent/api/handoffs/{handoff_id}/close", {"resolution": "用户已明白，自行离开"})
    assert noted.status_code == 200
    assert (noted.json()["outcome"], noted.json()["resolution"]) == ("user_left", "用户已明白，自行离开")
    again = desk.post(f"/agent/api/handoffs/{handoff_id}/close", {"resolution": "再写一次"})
    assert again.status_code == 409  # one note; the first stays
    assert quiet_client.app.state.services.stores.handoffs.get(handoff_id).resolution == "用户已明白，自行离开"
