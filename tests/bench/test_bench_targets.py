"""The real targets against httpx's in-process mock transport (no server)."""
import asyncio
import json

import httpx
import pytest
from bench_fakes import turn

from bench.targets import gateway, rasa_parse, rasa_turn, timed_send

CHAT_ANSWER = {"replies": [{"text": "您好", "buttons": []}], "handoff": False,
               "meta": {"kind": "answer", "topic": "e_voucher", "offered": [], "amount": None}}
CALL_ANSWER = {"speech": "您好", "handoff": False, "end_call": False,
               "meta": {"kind": "estimate", "topic": None, "offered": [], "amount": "1285.00"}}


def _send(target, handler, sent=None):
    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            return await timed_send(target, client, sent or turn("你好呀", conversation="sess-1"), 5.0)

    return asyncio.run(go())


def _recorder(answer, status=200):
    seen = []

    def handler(request):
        seen.append((request.url.path, request.headers.get("x-api-key"), json.loads(request.content)))
        return httpx.Response(status, json=answer)

    return seen, handler


def test_a_chat_turn_posts_the_session_text_and_region_as_the_widget_does():
    seen, handler = _recorder(CHAT_ANSWER)
    outcome = _send(gateway("http://127.0.0.1:8000", "key"), handler, turn("你好呀", conversation="s-1", region="wuhai"))
    assert (outcome.error, outcome.kind) == (None, "answer")
    assert seen == [("/api/chat", None, {"session_id": "s-1", "text": "你好呀", "region": "wuhai"})]


def test_a_chat_turn_without_region_sends_none():
    seen, handler = _recorder(CHAT_ANSWER)
    _send(gateway("http://127.0.0.1:8000", "key"), handler, turn("你好呀", conversation="s-1", region=None))
    assert seen[0][2] == {"session_id": "s-1", "text": "你好呀"}


def test_a_hotline_turn_posts_the_call_transcript_and_confidence_with_the_key():
    seen, handler = _recorder(CALL_ANSWER)
    call = turn("嗯那个备案", conversation="call-9", channel="hotline", region=None, confidence=0.82)
    outcome = _send(gateway("http://127.0.0.1:8000", "dev-hotline-key"), handler, call)
    assert (outcome.error, outcome.kind) == (None, "estimate")
    assert seen == [("/api/hotline/turn", "dev-hotline-key",
                     {"call_id": "call-9", "transcript": "嗯那个备案", "confidence": 0.82})]


def test_a_hotline_turn_without_confidence_sends_none():
    seen, handler = _recorder(CALL_ANSWER)
    _send(gateway("http://127.0.0.1:8000", "k"), handler, turn("喂", channel="hotline", region=None, confidence=None))
    assert "confidence" not in seen[0][2]


def test_the_busy_answer_is_an_error_though_it_is_200_on_either_channel():
    busy_chat = {**CHAT_ANSWER, "meta": {"kind": "busy"}}
    busy_call = {**CALL_ANSWER, "meta": {"kind": "busy"}}
    assert _send(gateway("http://127.0.0.1:8000", "k"), _recorder(busy_chat)[1]).error == "busy reply"
    call = turn("喂", channel="hotline", region=None)
    assert _send(gateway("http://127.0.0.1:8000", "k"), _recorder(busy_call)[1], call).error == "busy reply"


def test_answers_of_the_wrong_shape_are_errors():
    assert _send(gateway("http://127.0.0.1:8000", "k"), _recorder({"speech": "x"})[1]).error == "no replies"
    call = turn("喂", channel="hotline", region=None)
    assert _send(gateway("http://127.0.0.1:8000", "k"), _recorder(CHAT_ANSWER)[1], call).error == "no speech"
    no_meta = {"replies": [], "handoff": False}
    outcome = _send(gateway("http://127.0.0.1:8000", "k"), _recorder(no_meta)[1])
    assert (outcome.error, outcome.kind) == (None, None)  # a good answer of no known kind


def test_error_statuses_are_counted_by_code():
    assert _send(gateway("http://127.0.0.1:8000", "k"), _recorder({}, status=422)[1]).error == "http 422"
    call = turn("喂", channel="hotline", region=None)
    assert _send(gateway("http://127.0.0.1:8000", "bad"), _recorder({}, status=401)[1], call).error == "http 401"


def test_rasa_parse_sends_the_same_text_with_the_token_and_needs_an_intent():
    seen = []

    def handler(request):
        seen.append((request.url.path, request.url.params.get("token"), json.loads(request.content)))
        return httpx.Response(200, json={"intent": {"name": "greet", "confidence": 0.9}, "entities": []})

    call = turn("嗯那个备案", channel="hotline", region=None, confidence=0.8)
    outcome = _send(rasa_parse(["http://127.0.0.1:5005"], "tok"), handler, call)
    assert (outcome.error, outcome.kind) == (None, None)
    assert seen == [("/model/parse", "tok", {"text": "嗯那个备案"})]
    no_intent = _send(rasa_parse(["http://127.0.0.1:5005"], "tok"), lambda request: httpx.Response(200, json={}))
    assert no_intent.error == "no intent"


def test_an_answer_that_is_not_json_is_an_error():
    outcome = _send(rasa_parse(["http://127.0.0.1:5005"], "tok"), lambda request: httpx.Response(200, text="<html>"))
    assert outcome.error == "not JSON"


def test_the_outcome_keeps_its_turn():
    sent = turn("问", number=7, conversation="s-3")
    outcome = _send(gateway("http://127.0.0.1:8000", "k"), _recorder(CHAT_ANSWER)[1], sent)
    assert outcome.turn == sent and outcome.latency_ms >= 0


def test_with_several_rasa_processes_each_conversation_sticks_to_one_and_all_are_used():
    hosts = []

    def handler(request):
        hosts.append((request.url.port, json.loads(request.content)["text"]))
        return httpx.Response(200, json={"intent": {"name": "faq"}})

    target = rasa_parse(["http://127.0.0.1:5005", "http://127.0.0.1:5006"], "tok")

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            for n in range(40):
                for k in range(3):
                    await timed_send(target, client, turn(f"{n}", number=k + 1, conversation=f"bench-c10-rasa-{n}-0"), 5)

    asyncio.run(go())
    by_conversation = {}
    for port, text in hosts:
        by_conversation.setdefault(text, set()).add(port)
    assert all(len(ports) == 1 for ports in by_conversation.values())
    assert {port for port, _ in hosts} == {5005, 5006}


def test_rasa_parse_needs_a_url():
    with pytest.raises(ValueError):
        rasa_parse([], "tok")
    with pytest.raises(ValueError):
        rasa_turn([])


def test_rasa_turn_posts_to_the_rest_channel_as_the_gateway_does():
    seen, handler = _recorder([{"recipient_id": "s-1", "text": "您好"}])
    target = rasa_turn(["http://127.0.0.1:5005"])
    first = _send(target, handler, turn("你好呀", number=1, conversation="s-1", region="wuhai"))
    _send(target, handler, turn("门诊报多少", number=2, conversation="s-1", region="wuhai"))
    _send(target, handler, turn("嗯那个备案", conversation="call-9", channel="hotline", region=None, confidence=0.8))
    assert (first.error, first.kind) == (None, None)
    assert seen == [
        ("/webhooks/rest/webhook", None,
         {"sender": "s-1", "message": "你好呀", "input_channel": "webchat", "metadata": {"region": "wuhai"}}),
        ("/webhooks/rest/webhook", None, {"sender": "s-1", "message": "门诊报多少", "input_channel": "webchat"}),
        ("/webhooks/rest/webhook", None, {"sender": "call-9", "message": "嗯那个备案", "input_channel": "hotline"}),
    ]


@pytest.mark.parametrize("answer", [[], {"text": "x"}])
def test_rasa_turn_without_messages_is_an_error(answer):
    assert _send(rasa_turn(["http://127.0.0.1:5005"]), _recorder(answer)[1]).error == "no messages"
