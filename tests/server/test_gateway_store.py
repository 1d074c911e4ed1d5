"""The gateway's database: migrations build exactly the schema, adopt the first gateway's table, and
run safely from several processes; the live streams' cursor; no store call on the event loop."""
import asyncio
import sqlite3
import threading

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from gateway_fixtures import agent_desk, assert_error, chat, hotline, sse_events

from server.live import NewOnly
from server.store import agents, conversation_state, flows, handoffs, ratings, transcripts, turn_start, work_orders
from server.store.database import open_database
from server.store.schema import metadata

FIRST_GATEWAY_SCHEMA = """
CREATE TABLE IF NOT EXISTS handoff (
    id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, conversation_id TEXT NOT NULL,
    reason TEXT NOT NULL, created_at TEXT NOT NULL, summary TEXT NOT NULL, closed_at TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS handoff_one_open ON handoff (channel, conversation_id) WHERE closed_at IS NULL;
"""


def test_migrations_build_the_schema_the_code_uses(tmp_path):
    database = open_database(f"sqlite:///{tmp_path / 'g.db'}")
    with database.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []


def test_the_first_gateways_queue_is_adopted_with_its_rows(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as old:
        old.executescript(FIRST_GATEWAY_SCHEMA)
        old.execute("INSERT INTO handoff (channel, conversation_id, reason, created_at, summary) "
                    "VALUES ('webchat', 's1', 'user_request', '2025-01-02T03:04:05+00:00', '问题：A')")
    store = handoffs.HandoffStore(open_database(f"sqlite:///{path}"))
    [kept] = store.list_open()
    assert (kept.conversation_id, kept.summary, kept.created_at.isoformat()) == ("s1", "问题：A", "2025-01-02T03:04:05+00:00")
    again, created = store.open("webchat", "s1", "user_request", "问题：B")
    assert not created and again.id == kept.id  # the partial unique index survived the migration


def test_several_processes_starting_together_migrate_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    problems = []

    def start():
        try:
            open_database(url)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            problems.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []
    with sqlite3.connect(tmp_path / "g.db") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(_head_revision(),)]


def _head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from server.store.database import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def test_a_stream_sends_late_rows_once():
    news = NewOnly(after=10)
    assert news.fresh([(9, "old"), (11, "a"), (13, "c")]) == ["a", "c"]
    # id 12 committed after 13 was read: a poll looking back finds it, and repeats nothing
    assert news.fresh([(11, "a"), (12, "b"), (13, "c"), (14, "d")]) == ["b", "d"]
    assert news.cursor == 14


def test_a_widget_resumes_after_the_last_event_it_saw(client, rasa):
    desk = agent_desk(client, "1001")
    handoff_id = chat(client, "转人工").json()["human"]["handoff_id"]
    desk.post(f"/agent/api/handoffs/{handoff_id}/claim")
    desk.post(f"/agent/api/handoffs/{handoff_id}/messages", {"text": "第一句"})
    desk.post(f"/agent/api/handoffs/{handoff_id}/messages", {"text": "第二句"})
    ids = [d["id"] for n, d in sse_events(client.get("/api/chat/events", params={"session_id": "s1"})) if n == "message"]
    resumed = client.get("/api/chat/events", params={"session_id": "s1"}, headers={"Last-Event-ID": str(ids[1])})
    assert [d["text"] for n, d in sse_events(resumed) if n == "message"] == ["第二句"]
    # an id beyond any row (2**63 and up): the widget has everything, not a stream cut off by an overflow
    beyond = client.get("/api/chat/events", params={"session_id": "s1"}, headers={"Last-Event-ID": str(2**70)})
    assert beyond.status_code == 200 and [n for n, _ in sse_events(beyond)] == ["state"]
    assert_error(client.get("/api/chat/events", params={"session_id": "s1", "after": 2**63}), 422, "invalid_request")


def _store_classes():
    return [agents.AgentStore, flows.FlowStore, handoffs.HandoffStore, ratings.RatingStore,
            transcripts.TranscriptStore, work_orders.WorkOrderStore, conversation_state.ConversationStateStore,
            turn_start.TurnStartReader]


def test_no_store_is_touched_on_the_event_loop(client, rasa, monkeypatch):
    """Every store call blocks on the database: all run in worker threads, where no loop runs."""
    on_loop, called = [], set()
    for cls in _store_classes():
        for name, method in list(vars(cls).items()):
            if callable(method) and not name.startswith("_"):
                def spy(self, *args, __method=method, __name=f"{cls.__name__}.{name}", **kwargs):
                    called.add(__name)
                    try:
                        asyncio.get_running_loop()
                        on_loop.append(__name)
                    except RuntimeError:
                        pass
                    return __method(self, *args, **kwargs)
                monkeypatch.setattr(cls, name, spy)
    rasa.answer = lambda sender, text: [{"text": "答", "custom": {"meta": {"kind": "answer", "topic": "x"}}}]
    desk = agent_desk(client, "1001")
    chat(client, "问题")
    handoff_id = chat(client, "转人工").json()["human"]["handoff_id"]
    desk.queue()
    desk.post(f"/agent/api/handoffs/{handoff_id}/claim")
    desk.post(f"/agent/api/handoffs/{handoff_id}/messages", {"text": "您好"})
    chat(client, "谢谢")
    client.get("/api/chat/events", params={"session_id": "s1"})
    desk.get("/agent/api/conversations/webchat/s1")
    desk.post(f"/agent/api/handoffs/{handoff_id}/close", {"resolution": "好"})
    client.post("/api/chat/rating", json={"session_id": "s1", "subject": f"handoff:{handoff_id}", "score": 5})
    hotline(client, "人工", call_id="c2")
    chat(client, "GD12345678")
    desk.get("/agent/api/work-orders")
    desk.get("/ops")
    desk.get("/ops/export.csv")
    client.post("/api/chat/leave", json={"session_id": "s1"})
    assert on_loop == []
    assert {"AgentStore.session", "HandoffStore.claim", "HandoffStore.finish", "TranscriptStore.add", "RatingStore.add",
            "FlowStore.get", "WorkOrderStore.by_ticket", "WorkOrderStore.find", "TurnStartReader.read",
            "ConversationStateStore.get", "ConversationStateStore.update"} <= called


def test_a_turn_reads_what_it_needs_before_the_bot_in_one_worker_thread_call(client, rasa, monkeypatch):
    """The rate limits, then the hand-off, the awaited step and the conversation's state together: each
    call of a worker thread costs a turn time (server/store/turn_start.py)."""
    hops, before_bot = [], []
    to_thread = asyncio.to_thread

    async def counted(function, *args, **kwargs):
        hops.append(function.__qualname__)
        return await to_thread(function, *args, **kwargs)

    def bot(sender, text):
        before_bot.append(list(hops))
        return [{"text": "答", "custom": {"meta": {"kind": "answer", "topic": "x"}}}]

    monkeypatch.setattr(asyncio, "to_thread", counted)
    rasa.answer = bot
    chat(client, "门诊怎么报销")
    hops.clear()
    hotline(client, "门诊怎么报销", call_id="c1")
    assert before_bot == [["RateBucketStore.admit", "TurnStartReader.read"]] * 2
