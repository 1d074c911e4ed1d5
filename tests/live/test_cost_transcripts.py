"""The two conversations that used to loop, as a new user would have them, through the running gateway
(`make test-live` starts it on GATEWAY_PORT), on the web chat and on the hotline.

Written in our own words after the two transcripts of the issue: a cost question without facts,
an answer with two facts, the level, the amount, a correction (chat) or the details (hotline),
then thanks and goodbye. Each must end with the engine's amount and a polite goodbye (on the hotline
the gateway may ask for a rating before it hangs up).
"""
import os
import uuid
from decimal import Decimal

import httpx
import pytest

from knowledge.cost.engine import estimate
from knowledge.cost.request import EstimateInput
from knowledge.speech.numbers import say_amount

GATEWAY = f"http://127.0.0.1:{os.environ.get('GATEWAY_PORT', '8000')}"
HOTLINE_KEY = os.environ.get("HOTLINE_API_KEY", "dev-hotline-key")


@pytest.fixture(scope="module")
def http():
    with httpx.Client(base_url=GATEWAY, timeout=60) as client:
        try:
            client.get("/healthz").raise_for_status()
        except httpx.HTTPError as error:
            pytest.fail(f"the gateway is not up at {GATEWAY} (run these through `make test-live`): {error}")
        yield client


def pay(**facts) -> Decimal:
    return estimate(EstimateInput(care="住院", **facts)).personal_pay


def test_web_chat_an_active_employee_corrects_the_level_and_says_goodbye(http):
    session = uuid.uuid4().hex[:16]

    def say(text):
        body = http.post("/api/chat", json={"session_id": session, "text": text, "region": "binzhou"}).json()
        return body["meta"], " ".join(reply["text"] for reply in body["replies"])

    assert say("住院的费用报完以后 我自己还要掏多少 你帮我算一下")[0]["kind"] == "ask"
    meta, text = say("我是职工，还在上班")
    assert meta["kind"] == "ask" and "几级医院" in text
    meta, text = say("三级的")
    assert meta["kind"] == "ask" and "花了多少钱" in text
    meta, _ = say("总共花了一万五")
    assert meta == {"kind": "estimate", "topic": None, "offered": [],
                    "amount": f"{pay(scheme='职工', status='在职', level=3, total=Decimal(15000)):.2f}"}
    meta, text = say("哎我记错了，住的是二级医院")
    assert meta["kind"] == "estimate" and meta["amount"] == "1950.00" == f"{pay(scheme='职工', status='在职', level=2, total=Decimal(15000)):.2f}"
    assert "1,950.00元" in text
    meta, text = say("好的 谢谢 再见")
    assert meta["kind"] == "smalltalk" and "再见" in text


def test_hotline_a_retired_employee_hears_the_amount_and_the_details_and_the_call_ends(http):
    call = uuid.uuid4().hex[:16]

    def say(transcript):
        response = http.post("/api/hotline/turn", json={"call_id": call, "transcript": transcript, "confidence": 0.9},
                             headers={"X-Api-Key": HOTLINE_KEY})
        assert response.status_code == 200, response.text
        return response.json()

    assert say("喂 我想问问 住院报完了自个儿还得出多少钱")["meta"]["kind"] == "ask"
    answer = say("嗯 是职工 已经退休了")
    assert answer["meta"]["kind"] == "ask" and "几级医院" in answer["speech"]
    assert say("嗯 三级医院")["meta"]["kind"] == "ask"
    expected = pay(scheme="职工", status="退休", level=3, total=Decimal(16000))
    answer = say("那个 一共一万六")
    assert answer["meta"]["amount"] == "2020.00" == f"{expected:.2f}"
    assert say_amount(expected) in answer["speech"] and "详细" in answer["speech"]
    details = say("详细")
    assert details["speech"].startswith("明细是这样的") and not any(ch.isdigit() for ch in details["speech"])
    goodbye = say("好的 谢谢啊 再见")
    if goodbye["end_call"]:
        assert "再见" in goodbye["speech"]
    else:  # after real help the gateway first asks for a rating, then says goodbye (once) and hangs up
        assert "满意请按1" in goodbye["speech"] and "再见" not in goodbye["speech"]
        last = say("1")
        assert last["end_call"] is True and "再见" in last["speech"]
