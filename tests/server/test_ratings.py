"""Satisfaction (一次一评): the widget asks after a goodbye that followed an answer, or after an agent's
service; the hotline asks by voice or keypad. One rating per conversation and subject."""
import pytest
from gateway_fixtures import agent_desk, chat, gateway_client, hotline, make_settings, sse_events


def bot(sender, text):
    if "再见" in text:
        return [{"text": "好的，祝您身体健康，再见！", "custom": {"meta": {"kind": "smalltalk"}, "end_call": True}}]
    return [{"text": "职工住院三级医院报销85%。", "custom": {"meta": {"kind": "answer", "topic": "inpatient_employee"}}}]


@pytest.fixture
def helped(client, rasa):
    rasa.answer = bot
    return client


def rate(client, subject, score, comment=None, session_id="s1"):
    return client.post(
        "/api/chat/rating", json={"session_id": session_id, "subject": subject, "score": score, "comment": comment}
    )


def stored(client, channel="webchat", conversation_id="s1"):
    return client.app.state.services.stores.ratings.for_conversation(channel, conversation_id)


def test_a_goodbye_after_an_answer_asks_once(helped, rasa):
    assert chat(helped, "职工住院报销多少").json()["rating"] is None
    assert chat(helped, "好的再见").json()["rating"] == "bot"
    assert chat(helped, "再见").json()["rating"] is None  # asked already
    thanks = rate(helped, "bot", 4, "讲得清楚，联系我 13812345678")
    assert thanks.status_code == 201 and thanks.json() == {"text": "感谢您的评价！"}
    [saved] = stored(helped)
    assert (saved.subject, saved.score) == ("bot", 4)
    assert saved.comment == "讲得清楚，联系我 [手机号尾号5678]"  # masked like chat text
    again = rate(helped, "bot", 1)
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_rated"


def test_no_question_without_an_answer_first(helped, rasa):
    assert chat(helped, "再见").json()["rating"] is None
    refused = rate(helped, "bot", 5)
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_asked"


@pytest.mark.parametrize("score", [0, 6, "5", None, 2.5])
def test_scores_are_one_to_five(helped, rasa, score):
    chat(helped, "职工住院报销多少")
    chat(helped, "再见")
    response = rate(helped, "bot", score)
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"


def test_an_agents_service_is_rated_with_the_agent(tmp_path, rasa):
    with gateway_client(make_settings(tmp_path), rasa, agent_on_duty=False) as client:
        desk = agent_desk(client)
        handoff_id = chat(client, "转人工").json()["human"]["handoff_id"]
        desk.post(f"/agent/api/handoffs/{handoff_id}/claim")
        desk.post(f"/agent/api/handoffs/{handoff_id}/close", {"resolution": "已解答"})
        [request] = [d for n, d in sse_events(client.get("/api/chat/events", params={"session_id": "s1"}))
                     if n == "message" and d["event"] == "rating_request"]
        assert rate(client, request["rating"], 5, "很耐心").status_code == 201
        [saved] = stored(client)
        agent = client.app.state.services.stores.agents.by_work_number("1001")
        assert (saved.subject, saved.handoff_id, saved.agent_id, saved.comment) == (f"handoff:{handoff_id}", handoff_id,
                                                                                    agent.id, "很耐心")


@pytest.mark.parametrize("said, score", [("1", 5), ("满意", 5), ("按一", 5), ("2", 3), ("基本满意", 3), ("3", 1),
                                         ("不满意。", 1)])
def test_the_hotline_asks_after_a_goodbye_and_hears_keys_or_words(helped, rasa, said, score):
    hotline(helped, "职工住院报销多少")
    goodbye = hotline(helped, "没有了再见").json()
    assert goodbye["end_call"] is False  # the call stays up for the question
    assert goodbye["speech"].endswith("满意请按1，基本满意请按2，不满意请按3。")
    assert "再见" not in goodbye["speech"]  # said once, after the rating
    thanks = hotline(helped, said).json()
    assert thanks["end_call"] is True and thanks["speech"].startswith("感谢您的评价")
    [saved] = stored(helped, "hotline", "c1")
    assert (saved.subject, saved.score) == ("bot", score)
    assert len(rasa.messages) == 2  # neither the rating question's answer went to the bot


def test_the_hotline_asks_once_more_then_says_goodbye(helped, rasa):
    hotline(helped, "职工住院报销多少")
    hotline(helped, "再见")
    assert "满意请按1" in hotline(helped, "嗯那个什么").json()["speech"]
    last = hotline(helped, "不知道").json()
    assert last == {**last, "speech": "感谢您的来电，再见！", "end_call": True}
    assert stored(helped, "hotline", "c1") == []


def test_a_call_without_an_answer_ends_at_once(helped, rasa):
    assert hotline(helped, "再见").json()["end_call"] is True


def test_a_score_out_of_range_is_refused_naming_its_own_limit(helped):
    too_high = rate(helped, "bot", 6)
    assert too_high.status_code == 422 and "score：不能大于 5" in too_high.json()["error"]["message"]
    too_low = rate(helped, "bot", 0)
    assert "score：不能小于 1" in too_low.json()["error"]["message"]
    long_comment = rate(helped, "bot", 3, "好" * 2000)
    assert long_comment.status_code == 422 and "comment：最多" in long_comment.json()["error"]["message"]
