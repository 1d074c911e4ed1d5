"""The gateway's store on PostgreSQL, as `make run-scaled` runs it: the same code as on SQLite, and
several gateway processes sharing it (a user on one gateway, the agent on another, live updates
between them). Runs inside `make test-scale`, which starts PostgreSQL and the gateways."""
import os
import secrets
import threading
import uuid
from datetime import timedelta

import httpx
import pytest

from server.accounts import Accounts
from server.store.agents import AgentStore
from server.store.database import open_database
from server.store.handoffs import HandoffStore, NotClaimable
from server.store.transcripts import NewMessage, TranscriptStore

PG_PORT = os.environ.get("PG_PORT", "5433")
URL = os.environ.get("GATEWAY_DB_URL", f"postgresql://rasa@127.0.0.1:{PG_PORT}/gateway")
GATEWAY_PORT = int(os.environ.get("GATEWAY_PORT", "8000"))
# scripts/scaled.sh: nginx on GATEWAY_PORT, the gateways on the ports after it
GATEWAYS = [f"http://127.0.0.1:{GATEWAY_PORT + 1 + i}" for i in range(int(os.environ.get("GATEWAY_PROCESSES", "2")))]
PASSWORD = "scale-test-password"


@pytest.fixture(scope="module")
def database():
    database = open_database(URL)
    assert database.engine.dialect.name == "postgresql"
    yield database
    database.dispose()


def test_one_open_handoff_per_conversation_and_one_claim(database):
    store = HandoffStore(database)
    conversation = f"pg-{uuid.uuid4().hex[:12]}"
    first, created = store.open("webchat", conversation, "user_request", "问题：A")
    again, created_again = store.open("webchat", conversation, "not_understood", "问题：B")
    assert created and not created_again and again.id == first.id
    agents = AgentStore(database)
    ids = [agents.add(f"p{uuid.uuid4().hex[:8]}", f"客服{n}", "x").id for n in range(8)]
    winners, losers = [], []

    def claim(agent_id: int) -> None:
        try:
            store.claim(first.id, agent_id)
            winners.append(agent_id)
        except NotClaimable:
            losers.append(agent_id)

    threads = [threading.Thread(target=claim, args=(agent_id,)) for agent_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(winners) == 1 and len(losers) == len(ids) - 1
    assert store.get(first.id).claimed_by == winners[0]


def test_transcripts_keep_order_and_meta(database):
    transcripts = TranscriptStore(database)
    conversation = f"pg-{uuid.uuid4().hex[:12]}"
    transcripts.add("hotline", conversation, [NewMessage("user", "问", meta={"kind": "answer", "topic": "t"}),
                                              NewMessage("bot", "答")])
    [user, bot] = transcripts.history("hotline", conversation)
    assert (user.kind, user.topic, user.meta["kind"], bot.text) == ("answer", "t", "answer", "答")
    assert user.id < bot.id and user.created_at.tzinfo is not None


def test_a_user_on_one_gateway_and_an_agent_on_another(database):
    assert len(GATEWAYS) >= 2, "run through `make test-scale` (several gateways)"
    agents = AgentStore(database)
    work_number = f"s{secrets.token_hex(4)}"
    Accounts(agents, timedelta(hours=1)).add(work_number, "扩容测试", PASSWORD)
    user_gateway, agent_gateway = GATEWAYS[0], GATEWAYS[1]
    session = f"pg{uuid.uuid4().hex[:12]}"
    with httpx.Client(timeout=60) as user, httpx.Client(base_url=agent_gateway, timeout=60) as agent:
        signed_in = agent.post("/agent/api/session", json={"work_number": work_number, "password": PASSWORD})
        assert signed_in.status_code == 200, signed_in.text
        csrf = {"X-CSRF-Token": signed_in.json()["csrf_token"]}
        body = user.post(f"{user_gateway}/api/chat", json={"session_id": session, "text": "转人工"}).json()
        assert body["human"]["mode"] == "queued", body  # the agent signed in on the other gateway counts
        handoff_id = body["human"]["handoff_id"]
        assert agent.post(f"/agent/api/handoffs/{handoff_id}/claim", headers=csrf).status_code == 200
        said = agent.post(f"/agent/api/handoffs/{handoff_id}/messages", json={"text": "另一个网关上的客服"}, headers=csrf)
        assert said.status_code == 200
        # the user's gateway streams what the agent said on the other one
        with user.stream("GET", f"{user_gateway}/api/chat/events", params={"session_id": session}) as stream:
            seen = ""
            for line in stream.iter_lines():
                seen += line
                if "另一个网关上的客服" in seen:
                    break
        assert "另一个网关上的客服" in seen
        assert agent.post(f"/agent/api/handoffs/{handoff_id}/hand-back", headers=csrf).status_code == 200
        agent.post("/agent/api/session/end", headers=csrf)
