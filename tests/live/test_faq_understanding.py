"""How the assistant understands ordinary questions, through the gateway against the real bot:
what each turn was (`meta`), the honest "I don't know", declines, goodbyes and follow-ups.

The questions are our own (never the independent dev set's); wording is asserted only where it is
the point (where to ask, no invented phone number).
"""
import re

import httpx
import pytest
from live_gateway import HOTLINE_KEY, RASA_TOKEN, RASA_URL, new_id

PHONE = re.compile(r"\d{3,4}-?\d{7,8}|1[3-9]\d{9}|12345|12393")


def chat(gateway, text, session=None):
    body = gateway.post("/api/chat", json={"session_id": session or new_id(), "text": text}).json()
    return body, " ".join(reply["text"] for reply in body["replies"])


@pytest.mark.parametrize(
    "text, topic",
    [
        ("新农合在县医院住院能报几成", "inpatient_resident"),
        ("门特的病种一年限额多少", "chronic_coverage"),
        ("电子医保卡去外省看病能扫吗", "e_voucher"),
        ("二次报销的起付线降了没有", "serious_illness"),
        ("俺娘俩都有高血压 在村里拿药 合作医疗给报不", "two_diseases"),
        # traditional characters, initials typed for a topic's name, care in another city with no word of filing
        ("醫保電子憑證去外省能用嗎", "e_voucher"),
        ("qqzh是干嘛的", "kinship_account"),
        ("要上济南的医院动手术 老家这医保到那边还认不认", "offsite_filing"),
    ],
)
def test_old_and_colloquial_terms_are_understood(gateway, text, topic):
    body, _ = chat(gateway, text)
    assert body["meta"]["kind"] == "answer" and body["meta"]["topic"] == topic


def test_a_question_no_topic_answers_is_honestly_not_known(gateway):
    body, text = chat(gateway, "我在外地交了几年医保 现在回滨州了 关系咋转回来")
    assert body["meta"]["kind"] == "out_of_knowledge"
    assert "没有可靠的资料" in text and "滨州医保" in text and "医保服务站" in text
    assert not PHONE.search(text)
    assert body["replies"][0]["buttons"][-1]["title"] == "转人工"


def test_not_knowing_is_spoken_on_the_hotline(gateway):
    response = gateway.post(
        "/api/hotline/turn",
        json={"call_id": new_id(), "transcript": "嗯 那个 生育津贴 是 哪天 发 啊", "confidence": 0.9},
        headers={"X-Api-Key": HOTLINE_KEY},
    ).json()
    assert response["meta"]["kind"] == "out_of_knowledge"
    assert "转人工" in response["speech"] and not re.search(r"\d", response["speech"])


@pytest.mark.parametrize("text", ["哪只股票最近能涨", "明天滨州下不下雨", "养老金今年调了多少", "你这个机器人真笨"])
def test_questions_about_other_things_are_declined(gateway, text):
    body, _ = chat(gateway, text)
    assert body["meta"]["kind"] == "out_of_scope"


@pytest.mark.parametrize("text", ["好的 明白了 再见啦", "行嘞 谢谢你啊", "没别的事了 拜拜"])
def test_thanks_and_goodbyes_are_small_talk(gateway, text):
    body, _ = chat(gateway, text)
    assert body["meta"]["kind"] == "smalltalk"


def test_hearsay_that_a_policy_was_cancelled_is_answered_and_a_plain_cancel_acknowledged(gateway):
    # the NLU reads both as `cancel`; with nothing being counted, only the second is one
    body, text = chat(gateway, "我听人说职工医保个人账户取消了")
    assert body["meta"] == {"kind": "answer", "topic": "personal_account_change", "offered": [], "amount": None}
    assert "没有取消" in text
    body, _ = chat(gateway, "那算了 不弄了")
    assert body["meta"]["kind"] == "cancelled"


def test_a_request_for_a_person_is_the_human_service_topic_and_hands_over(gateway):
    body, _ = chat(gateway, "帮我转人工吧")
    assert body["handoff"] is True
    assert body["meta"]["kind"] == "answer" and body["meta"]["topic"] == "hotline_human"


def test_a_follow_up_answers_the_same_question_for_the_other_scheme_and_city(gateway):
    session = new_id()
    first, _ = chat(gateway, "职工看门诊一年能报多少", session)
    assert first["meta"] == {"kind": "answer", "topic": "outpatient_employee", "offered": [], "amount": None}
    second, _ = chat(gateway, "那居民呢", session)
    assert second["meta"]["topic"] == "outpatient_resident"
    chat(gateway, "家庭共济能绑谁", session)
    third, _ = chat(gateway, "那乌海那边呢", session)
    assert third["meta"]["topic"] == "wuhai_family_mutual_aid"


def hotline_turn(gateway, call_id, transcript):
    return gateway.post(
        "/api/hotline/turn",
        json={"call_id": call_id, "transcript": transcript, "confidence": 0.9},
        headers={"X-Api-Key": HOTLINE_KEY},
    ).json()


def test_a_short_question_of_how_or_where_right_after_an_answer_asks_more_about_it(gateway):
    session = new_id()
    first, _ = chat(gateway, "手工报销是怎么回事", session)
    assert first["meta"]["kind"] == "answer" and first["meta"]["topic"] == "manual_reimbursement"
    second, _ = chat(gateway, "噢，那得带啥材料？", session)
    assert second["meta"] == first["meta"]
    third, _ = chat(gateway, "那明天滨州下不下雨", session)  # still off-topic when it is
    assert third["meta"]["kind"] == "out_of_scope"
    # on the phone the second time is the whole answer, not the short one again
    call = new_id()
    said = hotline_turn(gateway, call, "喂 我问问 慢性病的药 到外省 能直接结算不")
    assert said["meta"]["topic"] == "cross_province_chronic"
    again = hotline_turn(gateway, call, "哦 那要办些啥手续啊")
    assert again["meta"]["topic"] == "cross_province_chronic" and again["speech"] != said["speech"]
    assert hotline_turn(gateway, call, "好，详细说说")["meta"]["topic"] == "cross_province_chronic"  # the rest


def test_the_topics_are_ranked_for_questions_and_not_for_cost_facts():
    def parse(text):
        response = httpx.post(f"{RASA_URL}/model/parse", params={"token": RASA_TOKEN}, json={"text": text}, timeout=30)
        response.raise_for_status()
        return response.json()

    question = parse("异地住院回来怎么报销医药费")
    assert question["intent"]["name"] in ("faq", "nlu_fallback")
    assert question["response_selector"]["faq"]["ranking"]
    fact = parse("我是职工医保，在职")
    assert fact["intent"]["name"] != "faq"
    assert "faq" not in (fact.get("response_selector") or {})


# Questions that do not say which of two or three topics they mean; the bot asks about some of them.
OPEN_QUESTIONS = ["住院报销比例是多少", "慢病怎么报", "门诊报销比例", "报销比例多少", "家里人的医保怎么弄",
                  "退休了看病怎么报", "医保卡能给家里人用吗", "老人看病有啥照顾", "住院了咋报销"]


def first_asked(turn):
    """The first open question the bot answers with "which one?", and that turn's answer."""
    for text in OPEN_QUESTIONS:
        session = new_id()
        body = turn(session, text)
        if body["meta"]["kind"] == "clarify" and len(body["meta"]["offered"]) >= 2:
            return session, body
    raise AssertionError("none of the open questions was asked about")


def test_which_one_is_answered_by_the_place_of_a_choice_or_none_of_them(gateway):
    def typed(session, text):
        return chat(gateway, text, session)[0]

    session, asked = first_asked(typed)
    second = typed(session, "第二个")
    assert second["meta"] == {"kind": "answer", "topic": asked["meta"]["offered"][1], "offered": [], "amount": None}
    session, asked = first_asked(typed)
    none = typed(session, "都不是")
    assert none["handoff"] is True  # the last choice, 都不是，转人工
    # handed over once: the rules listen after it (the fallback used to hand off again, ten times over); the
    # gateway alone says what happens (queued, or nobody there and a callback offered)
    assert len(none["replies"]) == 1 and "人工" in none["replies"][0]["text"]


def test_on_the_hotline_which_one_is_answered_by_saying_the_place(gateway):
    def spoken(call, text):
        return hotline_turn(gateway, call, text)

    call, asked = first_asked(spoken)
    assert "您可以说" in asked["speech"]
    answer = spoken(call, "嗯 我问的是第一个")
    assert answer["meta"]["kind"] == "answer" and answer["meta"]["topic"] == asked["meta"]["offered"][0]


def test_the_other_scheme_said_bare_after_a_benefit_answer_gets_its_answer(gateway):
    session = new_id()
    first, _ = chat(gateway, "职工看门诊一年能报多少", session)
    assert first["meta"]["topic"] == "outpatient_employee"
    second, _ = chat(gateway, "俺是居民医保", session)
    assert second["meta"]["kind"] == "answer" and second["meta"]["topic"] == "outpatient_resident"


def test_a_fact_the_answer_covers_told_alone_after_it_gets_it_again_not_a_cost_form(gateway):
    session = new_id()
    first, _ = chat(gateway, "去外地看病要先备案吗 怎么弄", session)
    assert first["meta"]["topic"] == "offsite_filing"
    for said in ("俺闺女在苏州", "俺小子在杭州打工", "多久能办下来"):
        body, _ = chat(gateway, said, session)
        assert body["meta"]["topic"] == "offsite_filing", said
    session = new_id()
    assert chat(gateway, "慢病的待遇在哪申请", session)[0]["meta"]["topic"] == "chronic_application"
    for said in ("俺是冠心病", "俺老伴是脑梗"):
        body, _ = chat(gateway, said, session)
        assert body["meta"]["topic"] == "chronic_application", said


def test_the_answer_about_human_service_is_told_the_hours(gateway):
    body, text = chat(gateway, "人工客服周末上班吗")
    assert body["meta"]["topic"] == "hotline_human" and body["handoff"] is False
    assert "服务时间是全天24小时" in text  # the live gateway's SERVICE_HOURS is "always"


def test_a_stay_and_its_bill_with_how_much_it_gets_is_counted_whatever_the_reading(gateway):
    body, _ = chat(gateway, "俺家老太太在医院躺了十来天 出院花了三万出头 医保能给报多少")
    assert body["meta"]["kind"] == "ask"  # the estimate asks who she is insured as


def test_both_schemes_compared_get_both_benefits(chat):
    answer = chat.texts("单位上班的跟城乡居民比 住院谁报销的比例高")
    assert "职工医保住院报销" in answer and "居民医保住院报销" in answer


def test_a_follow_up_the_answer_says_no_more_about_is_told_so_not_given_it_again_nor_in_a_loop(gateway):
    session = new_id()
    _, first = chat(gateway, "家庭共济在哪弄", session)
    body, again = chat(gateway, "还要准备点啥不", session)
    assert again != first and again.startswith("关于“个人账户家庭共济”，我这里的资料就是前面说明里的这些")
    assert "完整说明" in [button["title"] for button in body["replies"][0]["buttons"]]  # the whole answer, a tap away
    _, third = chat(gateway, "还得准备点啥别的", session)  # asked again: said so, not the same block again
    assert third.startswith("这一点我在“个人账户家庭共济”的资料里也没有找到")


@pytest.mark.parametrize(
    "first, follow_up, said",
    [
        ("家庭共济是干啥的", "能让俺娘也用上不", "可以绑定配偶、父母、子女"),  # a relative, as the answer names them
        ("跨省看门诊慢特病能直接结算吗", "你刚才说的那几种病 都是哪几种", "高血压、糖尿病"),  # which ones: the list
        ("异地就医备案咋弄", "去外地看病先自个儿付几成", "先由个人自付5%"),  # how much, after an answer counting no bill
        ("异地就医备案咋弄", "原先是多少", "原来职工15%、居民20%"),  # what it was before
        ("城乡居民看门诊报销比例多少", "那以前呢", "由原来的200元提高"),  # both figures' earlier values
        ("心脏支架这些耗材集采降了多少", "那导丝呢", "导丝从950元降到447元"),  # an item of it, asked with 呢
        ("低保户看病医疗救助咋给报", "出了院当场就能结算不", "一站式"),  # how it is settled, not the cost form
        ("社保卡想换卡不换号", "都得带点啥", "身份证"),  # what to bring
    ],
)
def test_a_narrow_follow_up_gets_the_sentence_of_the_answer_that_says_it(gateway, first, follow_up, said):
    session = new_id()
    chat(gateway, first, session)
    body, text = chat(gateway, follow_up, session)
    assert said in text, text
    assert body["replies"][0]["text"].count("\n") <= 3, text  # that sentence (a city's note, its source), not the whole answer


def test_how_much_right_after_how_to_apply_for_chronic_care_gets_what_it_pays(gateway):
    session = new_id()
    chat(gateway, "慢特病的待遇要去哪里认定", session)
    body, text = chat(gateway, "俺是居民医保 认定了以后一年能给报多少", session)
    assert body["meta"] == {"kind": "answer", "topic": "chronic_coverage"} or body["meta"]["topic"] == "chronic_coverage"
    assert "3000元" in text
