"""POST /api/chat against a fake Rasa."""
import httpx
import pytest
from gateway_fixtures import assert_error, chat, hotline, meta, open_handoffs

from server.ops_report import build_report

BOT_ANSWERS = {"mode": "bot", "handoff_id": None, "position": None, "agent": None}
NOT_UNDERSTOOD = [{"text": "抱歉，我没有理解您的问题。"}, {"custom": {"not_understood": True}}]


def test_reply_comes_back_with_buttons_and_the_session_is_the_sender(client, rasa):
    rasa.answer = lambda sender, text: [
        {"text": "请问您是职工还是居民？", "buttons": [{"title": "职工", "payload": "/inform{\"insurance\":\"employee\"}"},
                                               {"title": "居民", "payload": "/inform{\"insurance\":\"resident\"}"}]}
    ]
    response = chat(client, "住院报销比例", session_id="abc-123_X")
    assert response.status_code == 200
    assert response.json() == {
        "replies": [
            {
                "text": "请问您是职工还是居民？",
                "buttons": [
                    {"title": "职工", "payload": "/inform{\"insurance\":\"employee\"}"},
                    {"title": "居民", "payload": "/inform{\"insurance\":\"resident\"}"},
                ],
            }
        ],
        "handoff": False,
        "meta": meta("smalltalk"),
        "human": BOT_ANSWERS,
        "rating": None,
    }
    assert rasa.messages == [{"sender": "web:abc-123_X", "message": "住院报销比例", "input_channel": "webchat"}]


def test_custom_only_messages_are_not_shown(client, rasa):
    rasa.answer = lambda sender, text: [{"text": "第一段"}, {"custom": {"some": "data"}}, {"text": "第二段"}]
    assert [r["text"] for r in chat(client, "你好").json()["replies"]] == ["第一段", "第二段"]


def sent_regions(rasa):
    return [m.get("metadata", {}).get("region") for m in rasa.messages]


def test_the_region_goes_with_the_message_in_one_request(client, rasa):
    chat(client, "家庭共济", region="wuhai")
    assert rasa.messages[-1]["metadata"] == {"region": "wuhai"}
    assert rasa.calls == ["POST /webhooks/rest/webhook"]
    assert rasa.slot_events == []


def test_the_region_is_sent_again_only_when_it_changes(client, rasa):
    for region in ("binzhou", "binzhou", "wuhai", "wuhai", "binzhou"):
        chat(client, "家庭共济", region=region)
    assert sent_regions(rasa) == ["binzhou", None, "wuhai", None, "binzhou"]
    assert rasa.calls.count("POST /webhooks/rest/webhook") == 5


def test_no_region_sends_none(client, rasa):
    chat(client, "家庭共济")
    assert "metadata" not in rasa.messages[-1]


def test_sessions_and_calls_with_the_same_id_are_different_senders(client, rasa):
    chat(client, "你好", session_id="same")
    chat(client, "你好", session_id="other")
    hotline(client, "你好", call_id="same")
    assert [(m["sender"], m["input_channel"]) for m in rasa.messages] == [
        ("web:same", "webchat"),
        ("web:other", "webchat"),
        ("call:same", "hotline"),
    ]


def test_long_text_is_cut_and_the_user_told(client, rasa, settings):
    text = "问" * (settings.max_text + 20)
    replies = chat(client, text).json()["replies"]
    assert replies[0] == {"text": f"您的消息较长，已截取前{settings.max_text}字处理。", "buttons": []}
    assert replies[1]["text"].startswith("收到：")
    assert rasa.messages[0]["message"] == "问" * settings.max_text + "…"
    # the transcript an agent reads says the rest was cut too
    [stored] = [m for m in client.app.state.services.stores.transcripts.history("webchat", "s1") if m.speaker == "user"]
    assert stored.text == "问" * settings.max_text + "…"


def test_text_at_the_limit_is_not_cut(client, rasa, settings):
    replies = chat(client, "问" * settings.max_text).json()["replies"]
    assert len(replies) == 1 and "截取" not in replies[0]["text"]


def test_text_over_the_hard_limit_is_refused(client, rasa, settings):
    assert_error(chat(client, "问" * (settings.hard_max_text + 1)), 413, "text_too_long")
    assert rasa.messages == []


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_text_is_refused(client, rasa, text):
    assert_error(chat(client, text), 422, "empty_text")
    assert rasa.messages == []


@pytest.mark.parametrize(
    "body",
    [
        {"session_id": "s1"},
        {"text": "你好"},
        {"session_id": "s1", "text": 123},
        {"session_id": "s1", "text": None},
        {"session_id": "s1", "text": ["你好"]},
        {"session_id": 42, "text": "你好"},
        {"session_id": "s1", "text": "你好", "region": "beijing"},
        {"session_id": "s1", "text": "你好", "region": 1},
        {"session_id": "a b", "text": "你好"},
        {"session_id": "../etc", "text": "你好"},
        {"session_id": "x" * 65, "text": "你好"},
        {"session_id": "", "text": "你好"},
        {"session_id": "会话", "text": "你好"},
        {"session_id": "s1\n", "text": "你好"},  # Python's $ matches before a final newline: another id
    ],
)
def test_wrong_fields_are_a_clean_422(client, rasa, body):
    error = assert_error(client.post("/api/chat", json=body), 422, "invalid_request")
    assert error["message"].startswith("请求参数有误")
    assert rasa.messages == []


@pytest.mark.parametrize(
    "raw, status, code",
    [
        (b'{"session_id": "s1", "text": "\xff\xfe"}', 400, "bad_request"),  # not UTF-8
        (b'{"session_id": "s1", "text": ', 400, "invalid_json"),
        (b"not json at all", 400, "invalid_json"),
        (b'["s1", "text"]', 422, "invalid_request"),
        (b'[["session_id", "s1"], ["text", "hi"]]', 422, "invalid_request"),  # pairs, which pydantic 1 made a dict
        (b"", 422, "invalid_request"),
    ],
)
def test_unreadable_bodies_are_a_clean_4xx(client, rasa, raw, status, code):
    response = client.post("/api/chat", content=raw, headers={"Content-Type": "application/json"})
    assert_error(response, status, code)
    assert rasa.messages == []


def test_a_lone_surrogate_is_refused_before_rasa_sees_the_message(client, rasa):
    raw = '{"session_id": "s1", "text": "\\udfff在职"}'.encode()
    error = assert_error(client.post("/api/chat", content=raw, headers={"Content-Type": "application/json"}), 422)
    assert "不成对" in error["message"] and error["message"].startswith("请求参数有误：text")
    assert rasa.messages == []


@pytest.mark.parametrize("typed, sent", [("/restart", "restart"), ("//back", "back"), ("/session_start", "session_start")])
def test_rasas_own_commands_typed_are_words_not_commands(client, rasa, typed, sent):
    # "/restart" reset the conversation and was answered 系统繁忙; a button's payload still passes as it is
    assert chat(client, typed).status_code == 200
    assert rasa.messages[-1]["message"] == sent
    chat(client, "/human_handoff")
    assert rasa.messages[-1]["message"] == "/human_handoff"


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("closed"),
    ],
)
def test_rasa_unreachable_gives_a_polite_reply(client, rasa, failure):
    rasa.failure = failure
    response = chat(client, "门诊报销")
    assert response.status_code == 200
    assert response.json() == {
        "replies": [{"text": "系统繁忙，请稍后再试或转人工", "buttons": []}],
        "handoff": False,
        "meta": meta("busy"),
        "human": BOT_ANSWERS,
        "rating": None,
    }


@pytest.mark.parametrize("status", [500, 502, 503])
def test_rasa_errors_give_a_polite_reply(client, rasa, status):
    rasa.status = status
    response = chat(client, "门诊报销", region="binzhou")
    assert response.status_code == 200
    assert response.json()["replies"] == [{"text": "系统繁忙，请稍后再试或转人工", "buttons": []}]


def test_an_empty_rasa_answer_gives_a_polite_reply(client, rasa):
    # what Rasa sends when a custom action failed because the action server is down
    rasa.answer = lambda sender, text: []
    assert chat(client, "门诊报销").json()["replies"] == [{"text": "系统繁忙，请稍后再试或转人工", "buttons": []}]


@pytest.mark.parametrize("answer", [{"not": "a list"}, ["text only"], "oops"])
def test_malformed_rasa_answer_gives_a_polite_reply(client, rasa, answer):
    rasa.answer = lambda sender, text: answer
    assert chat(client, "门诊报销").json()["replies"][0]["text"] == "系统繁忙，请稍后再试或转人工"


def test_asking_for_a_person_hands_off_even_when_rasa_is_down(client, rasa):
    rasa.rasa_up = False
    body = chat(client, "请帮我转人工！").json()
    assert body["handoff"] is True
    assert "人工客服" in body["replies"][0]["text"]
    [handoff] = open_handoffs(client)
    assert (handoff["channel"], handoff["conversation_id"], handoff["reason"]) == ("webchat", "s1", "user_request")


def test_the_bots_handoff_signal_hands_off(client, rasa):
    rasa.answer = lambda sender, text: [
        {"text": "好的，这就为您联系人工客服。"},
        {"custom": {"handoff": {"reason": "user_request"}}},
    ]
    body = chat(client, "帮我联系个工作人员").json()
    # only the gateway's words: it knows whether anyone is there and the place in the queue (the bot's
    # "这就为您联系" beside them repeated it, or promised a transfer nobody could take)
    queued = "好的，正在为您转接人工客服，您排在第1位。客服接入后会看到您之前的对话，不用再重复。"
    assert body == {
        "replies": [{"text": queued, "buttons": []}],
        "handoff": True,
        "meta": meta("answer", topic="hotline_human"),  # the 人工服务 topic, answered by the transfer
        "human": {"mode": "queued", "handoff_id": 1, "position": 1, "agent": None},
        "rating": None,
    }
    assert [h["reason"] for h in open_handoffs(client)] == ["user_request"]
    # recorded as a hand-off: the operator report does not count the request for a person as answered
    services = client.app.state.services
    [asked] = [m for m in services.stores.transcripts.history("webchat", "s1") if m.speaker == "user"]
    assert (asked.kind, asked.topic) == ("handoff", "hotline_human")
    report = build_report(services.stores.database, 1, services.hours.zone)
    assert (report.user_messages, report.answered, report.topics) == (1, 0, [])


def test_three_turns_not_understood_in_a_row_hand_off(client, rasa):
    rasa.answer = lambda sender, text: NOT_UNDERSTOOD
    first, second, third = (chat(client, f"火星医保{i}").json() for i in range(3))
    assert first["handoff"] is False and second["handoff"] is False
    assert third["handoff"] is True
    assert third["replies"][0]["text"] == "抱歉，我没有理解您的问题。"
    assert "人工客服" in third["replies"][-1]["text"]
    assert third["meta"] == meta("handoff")  # the assistant's own decision, not a topic asked for
    [handoff] = open_handoffs(client)
    assert handoff["reason"] == "not_understood"


def test_an_understood_turn_resets_the_count(client, rasa):
    rasa.answer = lambda sender, text: NOT_UNDERSTOOD if text.startswith("？") else [{"text": "好的"}]
    results = [chat(client, text).json()["handoff"] for text in ["？1", "？2", "门诊报销", "？3", "？4"]]
    assert results == [False] * 5
    assert open_handoffs(client) == []


def test_misses_are_counted_per_session(client, rasa):
    rasa.answer = lambda sender, text: NOT_UNDERSTOOD
    for session in ["a", "b", "a", "b"]:
        assert chat(client, "？", session_id=session).json()["handoff"] is False
    assert chat(client, "？", session_id="a").json()["handoff"] is True
    assert [h["conversation_id"] for h in open_handoffs(client)] == ["a"]


def test_a_second_request_does_not_open_a_second_handoff(client, rasa):
    assert chat(client, "转人工").json()["handoff"] is True
    assert chat(client, "转人工").json()["handoff"] is True
    assert len(open_handoffs(client)) == 1


CARD = {
    "personal_pay": "1950.00", "compared": "比刚才的估算少付330.00元。", "total": "15000.00", "situation": "职工在职 · 二级医院 · 住院",
    "shares": [{"payer": "统筹基金", "part": "fund_pay", "amount": "13050.00"},
               {"payer": "您自己", "part": "personal_pay", "amount": "1950.00"}],
    "assumptions": "没说到的按常见情况算：费用都在医保政策范围内。",
    "sources": [{"title": "我市医保门诊待遇标准连升让群众获得感更足", "date": "约2022年12月"}],
    "steps": [{"label": "起付线", "amount": "500.00", "rule": "职工在职二级医院住院起付线500元（估算）"}],
    "notes": [], "policy": "滨州市医保待遇（2024年1月1日起）",
}


def test_an_estimate_card_comes_with_the_reply_it_belongs_to(client, rasa):
    rasa.answer = lambda sender, text: [
        {"text": "您自己大约要付1,950.00元。", "buttons": [{"title": "查看明细", "payload": "/ask_details"}]},
        {"custom": {"meta": {"kind": "estimate", "amount": "1950.00"}, "estimate": CARD}},
        {"text": "还有别的问题吗"},
    ]
    body = chat(client, "一共花了一万五").json()
    assert body["replies"][0]["estimate"] == CARD and "estimate" not in body["replies"][1]
    assert body["meta"] == meta("estimate", amount="1950.00")


def test_a_card_that_does_not_fit_the_model_is_dropped_and_the_text_kept(client, rasa):
    rasa.answer = lambda sender, text: [{"text": "您自己大约要付1,950.00元。"}, {"custom": {"estimate": {"total": 5}}}]
    replies = chat(client, "一共花了一万五").json()["replies"]
    assert replies == [{"text": "您自己大约要付1,950.00元。", "buttons": []}]


def test_the_hotline_speaks_the_text_of_an_estimate_not_its_card(client, rasa):
    rasa.answer = lambda sender, text: [{"text": "按您说的情况估算，您个人大约需要支付一千九百五十元。"},
                                        {"custom": {"estimate": CARD}}]
    assert hotline(client, "一万五").json()["speech"] == "按您说的情况估算，您个人大约需要支付一千九百五十元。"
