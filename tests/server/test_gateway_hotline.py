"""POST /api/hotline/turn against a fake Rasa."""
import pytest
from gateway_fixtures import HOTLINE_KEY, assert_error, gateway_client, hotline, make_settings, meta, open_handoffs

NOT_UNDERSTOOD = [{"text": "抱歉，我没有理解。"}, {"custom": {"not_understood": True}}]


def test_transcript_is_normalized_before_the_bot_sees_it(client, rasa):
    response = hotline(client, "嗯，那个，我我我想问一下医宝医宝怎么报销", confidence=0.93)
    assert response.status_code == 200
    assert rasa.messages == [{"sender": "call:c1", "message": "我想问一下医保怎么报销", "input_channel": "hotline"}]


def test_answer_is_speech_with_spoken_choices(client, rasa):
    rasa.answer = lambda sender, text: [
        {"text": "**住院**报销比例因参保类型不同。", "buttons": [{"title": "职工", "payload": "/a"},
                                                     {"title": "居民", "payload": "/b"}]}
    ]
    assert hotline(client, "住院报销").json() == {
        "speech": "住院报销比例因参保类型不同。您可以说：职工，或者居民。",
        "handoff": False,
        "end_call": False,
        "meta": meta("smalltalk"),
        "transfer_to": None,
        "handoff_id": None,
    }


def test_goodbye_ends_the_call(client, rasa):
    rasa.answer = lambda sender, text: [{"text": "感谢您的来电，再见！"}, {"custom": {"end_call": True}}]
    assert hotline(client, "没有了谢谢再见").json() == {
        "speech": "感谢您的来电，再见！",
        "handoff": False,
        "end_call": True,
        "meta": meta("smalltalk"),
        "transfer_to": None,
        "handoff_id": None,
    }


def test_low_confidence_asks_to_repeat_without_calling_rasa(client, rasa):
    body = hotline(client, "医保怎么报销", confidence=0.3).json()
    assert body == {
        "speech": "抱歉，我没有听清，请您再说一遍。",
        "handoff": False,
        "end_call": False,
        "meta": meta("not_heard"),
        "transfer_to": None,
        "handoff_id": None,
    }
    assert rasa.messages == []


def test_confidence_threshold_is_configurable(tmp_path, rasa):
    with gateway_client(make_settings(tmp_path, asr_min_confidence=0.8), rasa) as client:
        assert hotline(client, "医保怎么报销", confidence=0.7).json()["speech"] == "抱歉，我没有听清，请您再说一遍。"
        assert hotline(client, "医保怎么报销", confidence=0.8).json()["speech"].startswith("收到")


def test_only_fillers_is_not_heard(client, rasa):
    assert hotline(client, "嗯……啊，呃").json()["speech"] == "抱歉，我没有听清，请您再说一遍。"
    assert rasa.messages == []


def test_three_unheard_turns_hand_off(client, rasa):
    speeches = [hotline(client, "医保", confidence=0.2).json() for _ in range(3)]
    assert [s["handoff"] for s in speeches] == [False, False, True]
    assert "人工客服" in speeches[-1]["speech"]
    [handoff] = open_handoffs(client)
    assert (handoff["channel"], handoff["conversation_id"], handoff["reason"]) == ("hotline", "c1", "low_confidence")


def test_unheard_and_not_understood_count_together(client, rasa):
    rasa.answer = lambda sender, text: NOT_UNDERSTOOD
    assert hotline(client, "火星医保").json()["handoff"] is False
    assert hotline(client, "医保", confidence=0.1).json()["handoff"] is False
    body = hotline(client, "火星医保").json()
    assert body["handoff"] is True and "人工客服" in body["speech"]
    assert [h["reason"] for h in open_handoffs(client)] == ["not_understood"]


@pytest.mark.parametrize("transcript", ["转人工", "人工", "嗯，人工", "我要人工", "找人工", "人工客服", "帮我转接人工服务吧"])
def test_asking_for_a_person_hands_off(client, rasa, transcript):
    body = hotline(client, transcript).json()
    assert body == {
        "speech": "好的，正在为您转接人工客服，请稍候，不要挂机。",
        "handoff": True,
        "end_call": False,
        "meta": meta("answer", topic="hotline_human"),
        "transfer_to": "queue:yibao-agents",
        "handoff_id": 1,
    }
    assert rasa.messages == []
    assert [h["reason"] for h in open_handoffs(client)] == ["user_request"]


@pytest.mark.parametrize("transcript", ["人工关节集采后多少钱", "人工髋关节降价了吗"])
def test_questions_about_artificial_joints_are_not_handoffs(client, rasa, transcript):
    assert hotline(client, transcript).json()["handoff"] is False
    assert rasa.messages[0]["message"] == transcript


def test_long_answer_is_summarised_and_details_follow_on_request(client, rasa):
    sentences = [f"第{n}点，这是关于门诊慢特病待遇认定的一段较长说明文字，内容很多。" for n in "一二三四五六"]
    rasa.answer = lambda sender, text: [{"text": "".join(sentences)}]
    first = hotline(client, "慢特病怎么认定").json()["speech"]
    assert first.endswith("需要详细说明的话，请说：详细。")
    summary = first[: -len("需要详细说明的话，请说：详细。")]
    assert len(summary) <= 120 and summary.endswith("。") and summary.startswith(sentences[0])
    rest = hotline(client, "嗯详细说说").json()["speech"]
    assert summary + rest == "".join(sentences)
    assert len(rasa.messages) == 1  # the details came from the gateway's store


def test_a_long_answer_to_details_asked_says_more_follow_not_offers_details_again(client, rasa):
    sentences = [f"第{n}项，这是估算明细里的一段较长的说明，读起来要一会儿。" for n in "一二三四五六"]
    rasa.answer = lambda sender, text: [{"text": "".join(sentences)}]
    details = hotline(client, "详细").json()["speech"]  # nothing kept: the bot's own details, long
    assert details.endswith("后面还有，要继续听请说：详细。") and "需要详细说明的话" not in details
    assert hotline(client, "详细").json()["speech"] == "".join(sentences)[len(details) - len("后面还有，要继续听请说：详细。"):]
    assert hotline(client, "住院怎么报").json()["speech"].endswith("需要详细说明的话，请说：详细。")  # a question: offered


def test_details_without_a_long_answer_go_to_the_bot(client, rasa):
    hotline(client, "详细")
    assert rasa.messages[0]["message"] == "详细"


def test_rasa_down_gives_a_polite_speech(client, rasa):
    rasa.rasa_up = False
    assert hotline(client, "门诊报销比例").json() == {
        "speech": "系统繁忙，请稍后再试或转人工。",
        "handoff": False,
        "end_call": False,
        "meta": meta("busy"),
        "transfer_to": None,
        "handoff_id": None,
    }


@pytest.mark.parametrize("key", [None, "", "wrong-key", HOTLINE_KEY + "x"])
def test_wrong_or_missing_key_is_401(client, rasa, key):
    headers = {} if key is None else {"X-Api-Key": key}
    response = client.post("/api/hotline/turn", json={"call_id": "c1", "transcript": "你好"}, headers=headers)
    assert_error(response, 401, "unauthorized")
    assert rasa.messages == []


def test_unset_key_means_not_configured(tmp_path, rasa):
    settings = make_settings(tmp_path, hotline_api_key=None, handoff_api_key=None)
    with gateway_client(settings, rasa) as client:
        assert_error(hotline(client, "你好", key="anything"), 503, "not_configured")
        assert_error(client.get("/api/handoff", headers={"X-Api-Key": "anything"}), 503, "not_configured")


@pytest.mark.parametrize(
    "extra",
    [{"confidence": 1.5}, {"confidence": -0.1}, {"confidence": "0.9"}, {"confidence": True}, {"call_id": "a/b"},
     {"transcript": 5}, {"call_id": None}],
)
def test_wrong_fields_are_a_clean_422(client, rasa, extra):
    body = {"call_id": "c1", "transcript": "你好", **extra}
    response = client.post("/api/hotline/turn", json=body, headers={"X-Api-Key": HOTLINE_KEY})
    assert_error(response, 422, "invalid_request")
    assert rasa.messages == []


def test_confidence_bounds_are_accepted(client, rasa):
    assert hotline(client, "医保", confidence=1).status_code == 200
    assert hotline(client, "医保", confidence=0.5).json()["speech"].startswith("收到")


def test_an_empty_transcript_is_a_caller_not_heard_and_an_oversized_one_is_refused(client, rasa, settings):
    for silence in ("", "  "):
        body = hotline(client, silence).json()
        assert (body["speech"], body["meta"]["kind"]) == ("抱歉，我没有听清，请您再说一遍。", "not_heard")
    assert rasa.messages == []
    assert_error(hotline(client, "医" * (settings.hard_max_text + 1)), 413, "text_too_long")


def test_a_caller_not_heard_after_a_question_hears_the_question_again(client, rasa):
    rasa.answer = lambda sender, text: [
        {"text": "请问您是在职还是退休？", "buttons": [{"title": "在职", "payload": "/a"}, {"title": "退休", "payload": "/b"}]},
        {"custom": {"meta": {"kind": "ask"}}},
    ]
    hotline(client, "我是职工医保 住院花了一万")
    body = hotline(client, "").json()
    assert body["speech"] == "抱歉，我没有听清。刚才问您的是：请问您是在职还是退休？您可以说：在职，或者退休。"
    assert body["meta"]["kind"] == "not_heard"
    assert hotline(client, "嗯", confidence=0.2).json()["speech"] == body["speech"]  # heard badly: the same
    assert len(rasa.messages) == 1


def test_a_long_question_is_spoken_whole_with_no_offer_of_details_cut_into_it(client, rasa):
    question = "在几级医院看的？" + "乡镇卫生院、社区卫生服务中心一般是一级，县里的大医院多是二级，市里的三甲医院是三级。" * 3
    rasa.answer = lambda sender, text: [
        {"text": question, "buttons": [{"title": "一级", "payload": "/a"}, {"title": "三级", "payload": "/b"}]},
        {"custom": {"meta": {"kind": "ask"}}},
    ]
    speech = hotline(client, "我住院花了一万").json()["speech"]
    assert speech == question + "您可以说：一级，或者三级。" and "详细" not in speech


def test_a_caller_not_heard_after_an_answer_is_asked_to_say_it_again(client, rasa):
    rasa.answer = lambda sender, text: [{"text": "异地就医备案可以在手机上办。"}, {"custom": {"meta": {"kind": "answer"}}}]
    hotline(client, "异地备案怎么办")
    assert hotline(client, "").json()["speech"] == "抱歉，我没有听清，请您再说一遍。"


def test_a_caller_who_did_not_catch_the_answer_hears_it_again_with_its_choices(client, rasa):
    rasa.answer = lambda sender, text: [
        {"text": "住院报销比例因参保类型不同。", "buttons": [{"title": "职工", "payload": "/a"}, {"title": "居民", "payload": "/b"}]},
        {"custom": {"meta": {"kind": "clarify", "offered": ["inpatient_employee", "inpatient_resident"]}}},
    ]
    first = hotline(client, "住院报销").json()
    again = hotline(client, "那个 你说慢一点 没听清").json()
    assert again["speech"] == "好的，我再说一遍。" + first["speech"]
    assert again["meta"] == first["meta"] and again["meta"]["kind"] == "clarify"
    assert len(rasa.messages) == 1  # said again by the gateway, from the conversation's record


def test_a_caller_who_missed_the_details_hears_them_again_and_they_are_in_the_transcript(client, rasa):
    sentences = [f"第{n}点，这是关于门诊慢特病待遇认定的一段较长说明文字，内容很多。" for n in "一二三四五六"]
    rasa.answer = lambda sender, text: [{"text": "".join(sentences)}]
    hotline(client, "慢特病怎么认定")
    rest = hotline(client, "详细").json()["speech"]
    assert hotline(client, "再说一遍").json()["speech"] == "好的，我再说一遍。" + rest  # what was said last
    assert len(rasa.messages) == 1
    history = client.app.state.services.stores.transcripts.history("hotline", "c1")
    assert [(m.speaker, m.text) for m in history][2:4] == [("user", "详细"), ("bot", rest)]


def test_asking_to_hear_it_again_before_any_answer_goes_to_the_bot(client, rasa):
    hotline(client, "没听清")
    assert rasa.messages[0]["message"] == "没听清"


def test_the_service_hours_are_spoken_first_not_left_for_details(client, rasa):
    long_answer = "我是医保智能助手，全天二十四小时在线。" + "人工客服在服务时间内接待，我会把对话连同摘要一起转过去。" * 6
    rasa.answer = lambda sender, text: [
        {"text": long_answer, "custom": {"meta": {"kind": "answer", "topic": "hotline_human"}}}
    ]
    speech = hotline(client, "你们晚上有没有值班的").json()["speech"]
    assert speech.startswith("人工服务时间是全天24小时")  # the client's SERVICE_HOURS is "always"


def test_a_caller_who_missed_the_answer_after_asking_for_more_hears_the_answer_not_the_note(client, rasa):
    # "详细" after an answer said whole goes to the bot, which says there is no more; "没听清" next wants
    # the answer itself again
    replies = {"亲情账户跟共济差在哪": "亲情账户只亮码，共济能花钱。", "详细讲讲": "刚才的回答就是全部内容了。"}
    kinds = {"亲情账户跟共济差在哪": "answer", "详细讲讲": "ask"}  # the bot's "that was all" asks what was unclear
    rasa.answer = lambda sender, text: [{"text": replies[text]}, {"custom": {"meta": {"kind": kinds[text]}}}]
    first = hotline(client, "亲情账户跟共济差在哪").json()["speech"]
    assert hotline(client, "详细讲讲").json()["speech"] == "刚才的回答就是全部内容了。"
    assert hotline(client, "后面那句没听清 你再说一遍").json()["speech"] == "好的，我再说一遍。" + first
    assert len(rasa.messages) == 2
