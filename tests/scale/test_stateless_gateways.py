"""Two gateways behind nginx share every conversation's state and the rate limits (PostgreSQL): one is
killed in the middle of a spoken answer's details and of a cost form, and the other continues both
with nothing lost. Runs inside `make test-scale` (scripts/scaled.sh), last: it stops a gateway."""
import os
import signal
import uuid
from pathlib import Path

import httpx
from scale_services import stop_service
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]
NGINX = f"http://127.0.0.1:{os.environ.get('GATEWAY_PORT', '8000')}"
HOTLINE_KEY = os.environ.get("HOTLINE_API_KEY", "dev-hotline-key")
DB_URL = os.environ.get("GATEWAY_DB_URL", f"postgresql://rasa@127.0.0.1:{os.environ.get('PG_PORT', '5433')}/gateway")
DETAILS_OFFER = "请说：详细"


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def say(http: httpx.Client, session: str, words: str) -> dict:
    response = http.post(f"{NGINX}/api/chat", json={"session_id": session, "text": words})
    response.raise_for_status()
    return response.json()


def speak(http: httpx.Client, call: str, words: str) -> dict:
    response = http.post(
        f"{NGINX}/api/hotline/turn", json={"call_id": call, "transcript": words}, headers={"X-Api-Key": HOTLINE_KEY}
    )
    response.raise_for_status()
    return response.json()


def test_the_session_limit_holds_across_gateways_and_a_client_cannot_claim_another_address():
    session = new_id("limit")
    with httpx.Client(timeout=30) as http:
        # an empty message is counted, then refused with 422 without calling Rasa; nginx sends the
        # requests to both gateways in turn, and the client pretends to be someone else each time
        statuses = [
            http.post(f"{NGINX}/api/chat", json={"session_id": session, "text": " "},
                      headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code
            for n in range(31)
        ]
    assert statuses == [422] * 30 + [429]  # 30 a minute per session, counted once for both gateways
    with create_engine(DB_URL).connect() as db:
        clients = {key for (key,) in db.execute(text("SELECT key FROM rate_bucket WHERE key LIKE 'client:webchat:%'"))}
    assert "client:webchat:127.0.0.1" in clients  # nginx put the real address there ...
    assert not any("198.51.100." in key for key in clients)  # ... and what the client claimed is not believed


def until_estimate(send, facts: list[str]) -> dict:
    """Answers the cost questions one fact at a time until the estimate comes."""
    for words in facts:
        reply = send(words)
        if reply["meta"]["kind"] == "estimate":
            return reply
    raise AssertionError(f"no estimate after {facts}: {reply}")


def test_a_gateway_killed_mid_conversation_loses_nothing():
    call, session = new_id("call"), new_id("web")
    with httpx.Client(timeout=120) as http:
        # a cost form on the web, begun: facts are being gathered
        assert say(http, session, "帮我算算住院自己要出多少钱")["meta"]["kind"] == "ask"
        assert say(http, session, "职工")["meta"]["kind"] == "ask"
        # an estimate on the phone for a large bill, then its steps, which are long (cap, 大额, 大病):
        # the gateway keeps the rest
        until_estimate(lambda words: speak(http, call, words), ["帮我算算住院自己要出多少钱", "职工", "退休", "住院", "三级", "四十万"])
        steps = speak(http, call, "详细")
        if DETAILS_OFFER not in steps["speech"]:
            # the estimate's own summary ran long: its rest (the assumed figures, the notes) came first; now the steps
            steps = speak(http, call, "详细")
        assert DETAILS_OFFER in steps["speech"]

        stop_service("gateway-0", signal.SIGKILL)  # no graceful shutdown: its memory is gone

        rest = speak(http, call, "详细")  # whichever gateway nginx picks, only gateway-1 is alive
        assert rest["speech"] and DETAILS_OFFER not in rest["speech"]
        assert rest["speech"] not in steps["speech"]
        answer = until_estimate(lambda words: say(http, session, words), ["在职", "住院", "三级", "两万三"])
        assert answer["meta"]["amount"]
