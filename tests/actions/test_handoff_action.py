"""The hand-off action: a request for a person transfers, a question about the transfer is answered."""
import pytest

from actions.handoff import ActionHumanHandoff


@pytest.mark.parametrize("text", ["转人工", "能不能给我接个人工", "/human_handoff"])
def test_a_request_hands_off(run, tracker, text):
    messages, events = run(ActionHumanHandoff(), tracker(text, intent="human_handoff"))
    assert [m.get("response") for m in messages] == ["utter_handoff"]
    assert events == []


@pytest.mark.parametrize("text", ["人工客服怎么转啊", "转了人工以后还用从头说吗", "晚上几点以后就没有人工了"])
def test_a_question_about_the_transfer_gets_the_topic_answer(run, tracker, text):
    messages, events = run(ActionHumanHandoff(), tracker(text, intent="human_handoff"))
    assert len(messages) == 1 and "转人工" in messages[0]["text"]
    assert messages[0]["custom"]["meta"] == {"kind": "answer", "topic": "hotline_human"}
    assert {"event": "slot", "name": "faq_last_topic", "value": "hotline_human", "timestamp": None} in events
