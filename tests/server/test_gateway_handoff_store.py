"""The hand-off queue on its own (SQLite; the same code runs on PostgreSQL)."""
import pytest

from server.store.database import open_database
from server.store.handoffs import AlreadyClosed, HandoffStore


def store_at(path) -> HandoffStore:
    return HandoffStore(open_database(f"sqlite:///{path}"))


def test_folder_is_created_and_one_open_handoff_per_conversation(tmp_path):
    path = tmp_path / "nested" / "var" / "gateway.db"
    store, other_process = store_at(path), store_at(path)
    first, created = store.open("webchat", "s1", "user_request", "问题：A")
    again, created_again = other_process.open("webchat", "s1", "not_understood", "问题：B")
    assert created and not created_again
    assert again == first and again.reason == "user_request"
    call, created_call = store.open("hotline", "s1", "low_confidence", "问题：C")
    assert created_call and call.id != first.id
    assert [h.id for h in other_process.list_open()] == [first.id, call.id]


def test_close(tmp_path):
    store = store_at(tmp_path / "g.db")
    handoff, _ = store.open("webchat", "s1", "user_request", "")
    closed = store.close(handoff.id)
    assert closed is not None and closed.closed_at is not None and closed.created_at == handoff.created_at
    assert store.find_open("webchat", "s1") is None and store.list_open() == []
    with pytest.raises(AlreadyClosed):
        store.close(handoff.id)
    assert store.close(handoff.id + 100) is None


def test_closing_a_held_one_stores_its_note_with_the_close_and_a_waiting_one_none(tmp_path):
    from server.store.transcripts import NewMessage, TranscriptStore

    database = open_database(f"sqlite:///{tmp_path / 'g.db'}")
    store, transcripts = HandoffStore(database), TranscriptStore(database)
    held, _ = store.open("webchat", "s1", "user_request", "")
    store.claim(held.id, agent_id=7)
    waiting, _ = store.open("hotline", "c1", "user_request", "")

    def note(channel):
        return NewMessage("system", f"交还（{channel}）", event="handed_back")

    store.close(held.id, note)
    store.close(waiting.id, note)
    assert [m.text for m in transcripts.history("webchat", "s1")] == ["交还（webchat）"]
    assert transcripts.history("hotline", "c1") == []
