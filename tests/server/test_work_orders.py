"""Nobody available: the user is told so and may leave a callback work order (留言/工单); the phone
number is kept for agents only; status by ticket number on both channels; agents answer and close."""
import re
from datetime import datetime, timedelta, timezone

import pytest
from gateway_fixtures import agent_desk, chat, gateway_client, hotline, make_settings

from server.service_hours import DAY_NAMES

ASKED = "异地就医备案要带什么材料"
BEIJING = timezone(timedelta(hours=8))
PHONE = "13812345678"


@pytest.fixture
def nobody(tmp_path, rasa):
    """Within service hours, but no agent signed in."""
    with gateway_client(make_settings(tmp_path, work_order_reply_hours=24), rasa, agent_on_duty=False) as client:
        yield client


def not_known(sender, text):
    return [{"text": "抱歉，这个问题我还没有可靠的答案。", "custom": {"meta": {"kind": "out_of_knowledge"}}}]


def leave_work_order(client, rasa, phone_text=f"我的手机 {PHONE}", session_id="s1"):
    rasa.answer = not_known  # the question the bot could not answer is offered as the work order's
    rasa_answered = chat(client, ASKED, session_id=session_id)
    assert rasa_answered.status_code == 200
    offer = chat(client, "转人工", session_id=session_id).json()
    question = chat(client, "/leave_message", session_id=session_id).json()
    asks_phone = chat(client, "/same_question", session_id=session_id).json()
    created = chat(client, phone_text, session_id=session_id).json()
    return offer, question, asks_phone, created


def ticket_of(text):
    return re.search(r"GD\d{8}", text).group()


def promised_in(text):
    """The callback's time the text promises (12月7日 17:00), in Beijing time, this year or the next."""
    month, day, hour, minute = map(int, re.search(r"(\d+)月(\d+)日 (\d+):(\d\d)前回电", text).groups())
    now = datetime.now(BEIJING)
    promised = datetime(now.year, month, day, hour, minute, tzinfo=BEIJING)
    return promised if promised >= now - timedelta(days=1) else promised.replace(year=now.year + 1)


def assert_promised_a_day_from_now(text):
    # always open (the fixtures' hours), 24 reply hours: the moment a day from now
    assert abs(promised_in(text) - (datetime.now(BEIJING) + timedelta(hours=24))) < timedelta(minutes=2)


def test_nobody_signed_in_is_said_and_a_work_order_is_offered(nobody, rasa):
    body = chat(nobody, "转人工").json()
    assert body["handoff"] is True and body["human"]["mode"] == "bot" and body["meta"]["topic"] == "hotline_human"
    [offer] = body["replies"]
    assert "没有人工客服在线" in offer["text"]
    assert_promised_a_day_from_now(offer["text"])
    assert [b["title"] for b in offer["buttons"]] == ["我要留言", "不用了"]
    assert nobody.get("/api/handoff", headers={"X-Api-Key": "test-handoff-key"}).json() == []


def test_outside_service_hours_is_said_with_the_hours(tmp_path, rasa):
    now = datetime.now(timezone.utc).astimezone()
    closed_today = "sat 00:00-00:01" if now.weekday() != 5 else "sun 00:00-00:01"
    with gateway_client(make_settings(tmp_path, service_hours=closed_today), rasa) as client:  # an agent is on duty
        body = chat(client, "转人工").json()
        assert "不是人工客服的服务时间" in body["replies"][0]["text"]
        assert ("周六 0:00–0:01" if "sat" in closed_today else "周日 0:00–0:01") in body["replies"][0]["text"]
        # the callback is promised when someone is there: the end of that one minute, not a day from now
        promised = promised_in(body["replies"][0]["text"])
        assert (promised.hour, promised.minute) == (0, 1) and promised.weekday() == (5 if "sat" in closed_today else 6)
        assert body["human"]["mode"] == "bot"


def test_a_work_order_is_created_with_the_number_masked_for_the_user(nobody, rasa):
    offer, question, asks_phone, created = leave_work_order(nobody, rasa)
    assert [b["title"] for b in question["replies"][0]["buttons"]] == ["就是刚才的问题", "取消留言"]
    assert "手机号码" in asks_phone["replies"][0]["text"]
    text = created["replies"][0]["text"]
    ticket = ticket_of(text)
    assert "[手机号尾号5678]" in text and PHONE not in text
    stored = nobody.app.state.services.stores.work_orders.by_ticket(ticket)
    assert (stored.question, stored.phone, stored.status) == (ASKED, PHONE, "open")
    # the number is nowhere else: not in the transcript, not at Rasa
    history = nobody.app.state.services.stores.transcripts.history("webchat", "s1")
    assert all(PHONE not in m.text for m in history) and any("[手机号尾号5678]" in m.text for m in history)
    assert all(PHONE not in str(m) for m in rasa.messages + rasa.slot_events)


def test_a_question_can_be_typed_and_a_landline_given(nobody, rasa):
    chat(nobody, "转人工")
    chat(nobody, "好的")
    assert "手机号码" in chat(nobody, "想问门诊慢特病怎么申请").json()["replies"][0]["text"]
    created = chat(nobody, "0543-3163123").json()["replies"][0]["text"]
    order = nobody.app.state.services.stores.work_orders.by_ticket(ticket_of(created))
    assert (order.question, order.phone) == ("想问门诊慢特病怎么申请", "0543-3163123")
    assert "[电话尾号3123]" in created


def test_a_number_told_with_the_question_is_the_one_called_back_not_asked_again(nobody, rasa):
    hotline(nobody, "人工", call_id="call-q")
    hotline(nobody, "好的", call_id="call-q")
    created = hotline(nobody, "俺的手工报销交了一个月还没到账 俺电话是幺三八一二三四五六七八", call_id="call-q").json()
    assert "手机号码" not in created["speech"] and "尾号五六七八" in created["speech"]
    [order] = nobody.app.state.services.stores.work_orders.find()
    assert order.phone == PHONE and PHONE not in order.question


def test_a_number_typed_in_chinese_digits_as_voice_input_writes_it_is_read(nobody, rasa):
    *_, created = leave_work_order(nobody, rasa, phone_text="幺三九 一二三四 五六七八")
    order = nobody.app.state.services.stores.work_orders.by_ticket(ticket_of(created["replies"][0]["text"]))
    assert order.phone == "13912345678"


def test_three_answers_without_a_number_say_that_nothing_was_registered(nobody, rasa):
    chat(nobody, "转人工")
    chat(nobody, "/leave_message")
    chat(nobody, "报销进度")
    for _ in range(2):
        assert "没有识别到电话号码" in chat(nobody, "我记不清了").json()["replies"][0]["text"]
    gave_up = chat(nobody, "12345").json()["replies"][0]["text"]
    assert "没有登记工单" in gave_up and "已取消" not in gave_up
    assert nobody.app.state.services.stores.work_orders.find() == []


def test_no_number_asks_again_and_cancel_leaves(nobody, rasa):
    chat(nobody, "转人工")
    chat(nobody, "/leave_message")
    chat(nobody, "报销进度")
    again = chat(nobody, "我不知道").json()["replies"][0]["text"]
    assert "没有识别到电话号码" in again
    assert "已取消留言" in chat(nobody, "取消").json()["replies"][0]["text"]
    assert nobody.app.state.services.stores.work_orders.find() == []
    assert chat(nobody, "门诊报销").json()["replies"][0]["text"] == "收到：门诊报销"  # back to the bot


def test_declining_or_asking_something_else_goes_back_to_the_bot(nobody, rasa):
    chat(nobody, "转人工")
    assert "继续问我" in chat(nobody, "不用了").json()["replies"][0]["text"]
    chat(nobody, "转人工")
    assert chat(nobody, "住院报销比例多少").json()["replies"][0]["text"] == "收到：住院报销比例多少"
    # a message about the message that denies it is no yes
    chat(nobody, "转人工")
    assert chat(nobody, "不留言了 我再问问你").json()["replies"][0]["text"] == "收到：不留言了 我再问问你"


def test_status_by_ticket_in_the_widget_through_answer_and_close(nobody, rasa):
    *_, created = leave_work_order(nobody, rasa)
    ticket = ticket_of(created["replies"][0]["text"])
    status = chat(nobody, f"查一下工单 {ticket}", session_id="other").json()
    assert f"工单{ticket}已受理" in status["replies"][0]["text"] and "[手机号尾号5678]" in status["replies"][0]["text"]
    assert PHONE not in status["replies"][0]["text"]

    desk = agent_desk(nobody)
    [order] = desk.get("/agent/api/work-orders").json()
    assert (order["ticket"], order["phone"], order["question"], order["overdue"]) == (ticket, PHONE, ASKED, False)
    answer = "需带身份证和医保电子凭证。已按您的号码13912345678回电。"
    answered = desk.post(f"/agent/api/work-orders/{order['id']}/answer", {"answer": answer})
    assert answered.json()["status"] == "answered" and answered.json()["answered_by"] == "1001"
    text = chat(nobody, ticket.lower()).json()["replies"][0]["text"]
    assert "已答复" in text and "需带身份证和医保电子凭证。" in text
    assert "13912345678" not in text and "尾号5678" in text  # whoever has the ticket reads it: numbers masked
    closed = desk.post(f"/agent/api/work-orders/{order['id']}/close", {"note": "已回电"})
    assert closed.json()["status"] == "closed" and closed.json()["close_note"] == "已回电"
    text = chat(nobody, ticket).json()["replies"][0]["text"]
    assert "已办结" in text and "需带身份证和医保电子凭证。" in text  # the answer is still there to read
    assert desk.post(f"/agent/api/work-orders/{order['id']}/answer", {"answer": "x"}).status_code == 409
    assert desk.post("/agent/api/work-orders/999/close", {}).status_code == 404
    assert desk.get("/agent/api/work-orders").json() == []
    assert [o["ticket"] for o in desk.get("/agent/api/work-orders", params={"status": "closed"}).json()] == [ticket]


def test_in_the_widget_a_status_asked_without_the_number_asks_for_it_and_the_digits_alone_are_the_ticket(nobody, rasa):
    *_, created = leave_work_order(nobody, rasa)
    ticket = ticket_of(created["replies"][0]["text"])
    asks = chat(nobody, "我前天留言了 想查下留言进度", session_id="back").json()["replies"][0]["text"]
    assert asks.startswith("请输入工单号")
    asked_bot = len(rasa.messages)
    assert f"工单{ticket}已受理" in chat(nobody, ticket[2:], session_id="back").json()["replies"][0]["text"]
    # later, the eight digits alone, with no question before: still the ticket, not a bill for the bot
    assert f"工单{ticket}已受理" in chat(nobody, f" {ticket[2:]}。", session_id="later").json()["replies"][0]["text"]
    assert len(rasa.messages) == asked_bot
    # eight digits that are no ticket are the bot's to read
    other = ("1" if ticket[2] != "1" else "2") + ticket[3:]
    assert len(other) == 8
    chat(nobody, other, session_id="later")
    assert rasa.messages[-1]["message"] == other


def test_an_unknown_ticket_is_said(nobody, rasa):
    assert "没有查到工单GD12345678" in chat(nobody, "GD12345678").json()["replies"][0]["text"]


def test_by_phone_with_the_callers_number_and_status_by_voice(nobody, rasa):
    offer = hotline(nobody, "转人工", call_id="call-9", caller_number="+86 139-0000-1234").json()
    assert offer["handoff"] is False and offer["transfer_to"] is None
    assert "没有人工客服在线" in offer["speech"] and "您可以说：我要留言，或者不用了" in offer["speech"]
    asks = hotline(nobody, "留言", call_id="call-9", caller_number="13900001234").json()["speech"]
    assert asks.startswith("请说出您要咨询的问题")
    created = hotline(nobody, "我想问一下生育津贴怎么领", call_id="call-9", caller_number="13900001234").json()
    assert "尾号一二三四的号码" in created["speech"] and "GD" not in created["speech"]
    [order] = nobody.app.state.services.stores.work_orders.find()
    assert (order.channel, order.phone, order.question) == ("hotline", "13900001234", "我想问一下生育津贴怎么领")
    digits = order.ticket[2:]
    spoken = "".join("零一二三四五六七八九"[int(d)] for d in digits)
    assert spoken in created["speech"]
    assert hotline(nobody, "查询工单", call_id="call-10").json()["speech"] == "请说出八位数字的工单号。"
    status = hotline(nobody, spoken, call_id="call-10").json()["speech"]
    assert "已受理" in status and "尾号一二三四的号码" in status


def test_by_phone_without_caller_id_the_number_is_spoken(nobody, rasa):
    hotline(nobody, "人工", call_id="call-3")
    hotline(nobody, "好的", call_id="call-3")
    assert "手机号码" in hotline(nobody, "医保卡丢了怎么补办", call_id="call-3").json()["speech"]
    hotline(nobody, "幺三八 一二三四 五六七八", call_id="call-3")
    [order] = nobody.app.state.services.stores.work_orders.find()
    assert order.phone == PHONE
    assert all(PHONE not in m.text for m in nobody.app.state.services.stores.transcripts.history("hotline", "call-3"))


@pytest.mark.parametrize("answer", ["好 那我等着", "行吧 那就转吧", "行 那先转吧", "中 那你帮俺转吧", "那俺就留个言吧",
                                    "行 那你们转人工留言 号码就是俺这个"])
def test_saying_one_will_wait_for_the_call_or_be_put_through_leaves_a_message(nobody, rasa, answer):
    hotline(nobody, "转人工", call_id="call-11", caller_number="13900001234")
    asks = hotline(nobody, answer, call_id="call-11", caller_number="13900001234").json()["speech"]
    assert asks.startswith("请说出您要咨询的问题")


def about_human_service(sender, text):
    return [{"text": "我是医保智能助手。人工客服在服务时间内接待。", "custom": {"meta": {"kind": "answer", "topic": "hotline_human"}}}]


def test_the_answer_about_human_service_is_told_the_hours_and_who_is_on_duty_now(tmp_path, rasa, nobody):
    rasa.answer = about_human_service
    with gateway_client(make_settings(tmp_path / "open"), rasa) as client:  # always open, an agent on duty
        body = chat(client, "人工客服几点上班").json()
    assert body["handoff"] is False and body["meta"]["topic"] == "hotline_human"
    note, answer = body["replies"]
    assert answer["text"].startswith("我是医保智能助手")
    assert "全天24小时" in note["text"] and "现在有客服在线" in note["text"]
    # open on one day only, three days away: not today in any time zone
    day = (datetime.now(timezone.utc).weekday() + 3) % 7
    spec = f"{['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][day]} 09:00-17:00"
    with gateway_client(make_settings(tmp_path / "closed", service_hours=spec), rasa) as client:
        note = chat(client, "你们几点下班", session_id="s2").json()["replies"][0]["text"]
        spoken = hotline(client, "你们几点下班", call_id="c-hours").json()["speech"]
    assert f"{DAY_NAMES[day]} 9:00–17:00" in note and "现在不在服务时间" in note
    assert f"{DAY_NAMES[day]}9点到17点" in spoken and ":" not in spoken  # as a phone call says it
    # within the hours with nobody signed in: said so, and where to leave a message
    note = chat(nobody, "晚上有人值班吗").json()["replies"][0]["text"]
    assert "暂时没有客服在线" in note
    assert_promised_a_day_from_now(note)


def test_other_answers_get_no_hours_note(tmp_path, rasa):
    rasa.answer = not_known
    with gateway_client(make_settings(tmp_path, service_hours="mon-fri 09:00-17:00"), rasa) as client:
        body = chat(client, "医保卡丢了怎么补").json()
    assert [r["text"] for r in body["replies"]] == ["抱歉，这个问题我还没有可靠的答案。"]
