"""The two real targets against httpx's in-process mock transport (no server)."""
import asyncio
import json

import httpx

from bench.targets import gateway_chat, rasa_parse, timed_send
from server.texts import load_texts


def _send(target, handler, text="你好呀"):
    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            return await timed_send(target, client, "sess-1", text, 5.0)

    return asyncio.run(go())


def test_gateway_chat_posts_the_session_and_text():
    seen = []

    def handler(request):
        seen.append((request.url.path, json.loads(request.content)))
        return httpx.Response(200, json={"replies": [{"text": "您好", "buttons": []}], "handoff": False})

    assert _send(gateway_chat("http://127.0.0.1:8000"), handler).error is None
    assert seen == [("/api/chat", {"session_id": "sess-1", "text": "你好呀"})]


def test_gateway_busy_reply_is_an_error_though_it_is_200():
    busy = load_texts().busy

    def handler(request):
        return httpx.Response(200, json={"replies": [{"text": busy, "buttons": []}], "handoff": False})

    assert _send(gateway_chat("http://127.0.0.1:8000"), handler).error == "busy reply"


def test_gateway_error_status_is_counted_by_code():
    outcome = _send(gateway_chat("http://127.0.0.1:8000"), lambda request: httpx.Response(422, json={}))
    assert outcome.error == "http 422"


def test_rasa_parse_sends_the_token_and_needs_an_intent():
    seen = []

    def handler(request):
        seen.append((request.url.path, request.url.params.get("token"), json.loads(request.content)))
        return httpx.Response(200, json={"intent": {"name": "greet", "confidence": 0.9}, "entities": []})

    assert _send(rasa_parse("http://127.0.0.1:5005", "tok"), handler).error is None
    assert seen == [("/model/parse", "tok", {"text": "你好呀"})]
    no_intent = _send(rasa_parse("http://127.0.0.1:5005", "tok"), lambda request: httpx.Response(200, json={}))
    assert no_intent.error == "no intent"


def test_an_answer_that_is_not_json_is_an_error():
    outcome = _send(rasa_parse("http://127.0.0.1:5005", "tok"), lambda request: httpx.Response(200, text="<html>"))
    assert outcome.error == "not JSON"
