"""`meta`: what each turn was, read from the bot's signals and merged by precedence."""
import pytest
from gateway_fixtures import chat, hotline

from server.bot_turn import parse_bot_messages
from server.turn_meta import KINDS, TurnMeta, merge


def signal(**meta):
    return {"custom": {"meta": meta}}


def test_an_answer_mid_form_outweighs_the_question_asked_after_it():
    turn = parse_bot_messages(
        [{"text": "家庭共济是…"}, signal(kind="answer", topic="family_mutual_aid"), {"text": "您是在职还是退休？"},
         signal(kind="ask")]
    )
    assert turn.meta == TurnMeta("answer", topic="family_mutual_aid")


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (["ask", "estimate"], "estimate"),
        (["ask", "refusal"], "refusal"),
        (["smalltalk", "cancelled"], "cancelled"),
        (["clarify", "smalltalk"], "clarify"),
        (["out_of_scope", "handoff"], "out_of_scope"),
    ],
)
def test_precedence(kinds, expected):
    assert merge(TurnMeta(kind) for kind in kinds).kind == expected


def test_signals_of_one_kind_are_combined_field_by_field():
    merged = merge([TurnMeta("clarify"), TurnMeta("clarify", offered=("scope", "hotline_human"))])
    assert merged == TurnMeta("clarify", offered=("scope", "hotline_human"))


@pytest.mark.parametrize(
    "raw", [None, "answer", {"kind": "guess"}, {"topic": "scope"}, {"kind": 3}, ["answer"]]
)
def test_a_malformed_signal_is_ignored(raw):
    assert TurnMeta.from_signal(raw) is None


def test_amounts_are_normalised_to_two_decimals_and_nonsense_dropped():
    assert TurnMeta.from_signal({"kind": "estimate", "amount": "1285"}).amount == "1285.00"
    assert TurnMeta.from_signal({"kind": "estimate", "amount": 2780.5}).amount == "2780.50"
    assert TurnMeta.from_signal({"kind": "estimate", "amount": "两千"}).amount is None
    assert TurnMeta.from_signal({"kind": "estimate", "amount": True}).amount is None


def test_offered_keeps_only_topic_ids_in_order():
    meta = TurnMeta.from_signal({"kind": "clarify", "offered": ["a", 1, "b"]})
    assert meta.offered == ("a", "b")


def test_chat_answers_carry_the_bots_meta(client, rasa):
    rasa.answer = lambda sender, text: [
        {"text": "您是在职还是退休？"},
        signal(kind="estimate", amount="2780.00"),
    ]
    body = chat(client, "职工三级医院住院一万六").json()
    assert body["meta"] == {"kind": "estimate", "topic": None, "offered": [], "amount": "2780.00"}


def test_a_reply_the_bot_did_not_mark_is_small_talk_not_a_claimed_answer(client, rasa):
    assert chat(client, "你好").json()["meta"]["kind"] == "smalltalk"


def test_the_gateways_own_turns_are_marked(client, rasa):
    requested = chat(client, "转人工", session_id="h1").json()
    assert requested["handoff"] is True
    assert requested["meta"] == {"kind": "answer", "topic": "hotline_human", "offered": [], "amount": None}
    rasa.rasa_up = False
    assert chat(client, "家庭共济", session_id="b1").json()["meta"]["kind"] == "busy"


def test_hotline_turns_carry_meta_and_details_keep_the_answers_kind(client, rasa):
    long_answer = "。".join(["家庭共济可以帮家人支付在定点医疗机构和药店的费用"] * 8) + "。"
    rasa.answer = lambda sender, text: [{"text": long_answer}, signal(kind="answer", topic="family_mutual_aid")]
    first = hotline(client, "家庭共济怎么用").json()
    assert first["meta"]["kind"] == "answer" and first["meta"]["topic"] == "family_mutual_aid"
    details = hotline(client, "详细").json()
    assert details["meta"] == first["meta"]
    unheard = hotline(client, "嗯", confidence=0.1).json()
    assert unheard["meta"]["kind"] == "not_heard"


def test_openapi_documents_every_kind(client):
    schema = client.get("/openapi.json").json()["components"]["schemas"]["MetaOut"]
    assert schema["properties"]["kind"]["enum"] == list(KINDS)
    chat_response = client.get("/openapi.json").json()["components"]["schemas"]["ChatResponse"]
    assert "meta" in chat_response["required"]


def test_the_text_of_the_message_carrying_the_hand_off_is_not_shown_but_an_answer_before_it_is():
    turn = parse_bot_messages(
        [{"text": "人工客服的服务时间是……"}, signal(kind="answer", topic="hotline_human"),
         {"text": "好的，正在为您转接人工客服。"}, {"custom": {"handoff": {"reason": "user_request"}}}]
    )
    assert [reply.text for reply in turn.replies] == ["人工客服的服务时间是……"]
    assert turn.handoff_reason == "user_request"
