"""The conversation cache of the tracker store: the same events in the database as Rasa's own store
writes, a kept tracker handed out only while no one else wrote to its conversation."""
import asyncio
import json

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from sqlalchemy import event as sa_event

from bot.tracker_store import ConversationCacheTrackerStore

DOMAIN = Domain.from_dict({"slots": {"scheme": {"type": "text", "mappings": [{"type": "custom"}]}}})


def run(coroutine):
    return asyncio.run(coroutine)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "tracker.db")


def cached(db, **kwargs):
    return ConversationCacheTrackerStore(domain=DOMAIN, dialect="sqlite", db=db, **kwargs)


def stored_rows(db, sender):
    store = SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=db)
    with store.session_scope() as session:
        rows = session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender).order_by(store.SQLEvent.id)
        return [(row.type_name, json.loads(row.data).get("text") or json.loads(row.data).get("name")) for row in rows]


def turn(store, sender, text):
    """What a Rasa turn does with the store: retrieve (or create), add events, save."""

    async def go():
        tracker = await store.get_or_create_tracker(sender)
        tracker.update(UserUttered(text))
        tracker.update(ActionExecuted("utter_" + text))
        tracker.update(ActionExecuted("action_listen"))
        await store.save(tracker)
        return tracker

    return run(go())


def test_each_event_is_stored_once_across_turns(db):
    store = cached(db)
    for text in ["one", "two", "three"]:
        turn(store, "s1", text)
    names = [name for _, name in stored_rows(db, "s1")]
    assert names == ["action_listen", "one", "utter_one", "action_listen", "two", "utter_two", "action_listen",
                     "three", "utter_three", "action_listen"]


def test_the_next_turn_gets_the_saved_tracker_without_loading_it(db, monkeypatch):
    store = cached(db)
    saved = turn(store, "s1", "one")
    loads = []
    original = SQLTrackerStore.retrieve

    async def counting(self, sender_id):
        loads.append(sender_id)
        return await original(self, sender_id)

    monkeypatch.setattr(SQLTrackerStore, "retrieve", counting)
    assert run(store.retrieve("s1")) is saved
    assert loads == []
    # handed out once: a second reader gets its own copy from the database
    second = run(store.retrieve("s1"))
    assert second is not saved and loads == ["s1"]
    assert [e.as_dict() for e in second.events] == [e.as_dict() for e in saved.events]


def test_a_conversation_another_process_wrote_to_is_loaded_again(db):
    mine, other = cached(db), cached(db)
    turn(mine, "s1", "one")
    turn(other, "s1", "two")  # e.g. the gateway moved the conversation while this process was down
    tracker = run(mine.retrieve("s1"))
    assert [e.text for e in tracker.events if isinstance(e, UserUttered)] == ["one", "two"]
    turn(mine, "s1", "three")
    texts = [name for kind, name in stored_rows(db, "s1") if kind == "user"]
    assert texts == ["one", "two", "three"]


def test_a_tracker_it_did_not_hand_out_last_is_saved_exactly_as_rasa_saves_it(tmp_path):
    """Two readers of one conversation, the older saving last: the rows Rasa's own store writes."""

    def race(store):
        turn(store, "s1", "one")
        older = run(store.retrieve("s1"))
        newer = run(store.retrieve("s1"))
        newer.update(SlotSet("scheme", "职工"))
        run(store.save(newer))
        older.update(UserUttered("late"))
        older.update(ActionExecuted("utter_late"))
        run(store.save(older))
        turn(store, "s1", "two")

    race(cached(str(tmp_path / "cached.db")))
    race(SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "rasa.db")))
    assert stored_rows(str(tmp_path / "cached.db"), "s1") == stored_rows(str(tmp_path / "rasa.db"), "s1")


def test_only_the_most_recent_conversations_are_kept(db):
    store = cached(db, cached_conversations=2)
    for sender in ["a", "b", "c"]:
        turn(store, sender, "hi")
    assert run(store.exists("a")) and run(store.exists("c")) and not run(store.exists("nobody"))
    for sender in ["a", "b", "c"]:
        assert [name for kind, name in stored_rows(db, sender) if kind == "user"] == ["hi"]
        turn(store, sender, "again")
        assert [name for kind, name in stored_rows(db, sender) if kind == "user"] == ["hi", "again"]


def test_after_a_new_session_the_next_turn_loads_only_that_session(db):
    store = cached(db)
    for text in ["one", "two"]:
        tracker = run(store.get_or_create_tracker("s1"))
        tracker.update(ActionExecuted("action_session_start"))  # as Rasa begins each session
        tracker.update(SessionStarted())
        tracker.update(UserUttered(text))
        run(store.save(tracker))
    reloaded = run(store.retrieve("s1"))
    assert reloaded is not tracker
    assert [e.text for e in reloaded.events if isinstance(e, UserUttered)] == ["two"]
    assert [kind for kind, _ in stored_rows(db, "s1")].count("user") == 2


def test_a_sqlite_database_is_connected_to_once_not_per_turn(db):
    store = cached(db)
    connections = []
    sa_event.listen(store.engine, "connect", lambda *_: connections.append(1))
    for text in ["one", "two", "three"]:
        turn(store, "s1", text)
    assert len(connections) == 1


def test_a_new_conversation_is_neither_loaded_nor_counted(db, monkeypatch):
    store = cached(db)
    turn(store, "s0", "zero")
    calls = []

    def recording(name):
        original = getattr(SQLTrackerStore, name)

        async def call(self, *args):
            calls.append(name)
            return await original(self, *args)

        return call

    for name in ("retrieve", "save"):
        monkeypatch.setattr(SQLTrackerStore, name, recording(name))
    turn(store, "s1", "one")
    turn(store, "s1", "two")
    assert calls == []
    assert [name for kind, name in stored_rows(db, "s1") if kind == "user"] == ["one", "two"]
    monkeypatch.undo()
    rasas = SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=db)
    turn(rasas, "s2", "one")
    turn(rasas, "s2", "two")
    assert stored_rows(db, "s1") == stored_rows(db, "s2")
