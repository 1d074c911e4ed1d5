"""Several Rasa processes (RASA_URLS): each conversation sticks to one, fails over when it is down."""
import logging
from collections.abc import Iterator

import httpx
import pytest
from gateway_fixtures import FakeRasa, FakeRasaProcesses, chat, gateway_client, hotline, make_settings, open_handoffs

from server.settings import Settings

FIRST, SECOND = "http://rasa1.test:5005", "http://rasa2.test:5005"
HANDOFF = [{"text": "好的"}, {"custom": {"handoff": {"reason": "user_request"}}}]


def answering_as(name: str):
    return lambda sender, text: [{"text": f"{name}答：{text}"}]


@pytest.fixture
def processes() -> FakeRasaProcesses:
    return FakeRasaProcesses({FIRST: FakeRasa(answer=answering_as("一号")), SECOND: FakeRasa(answer=answering_as("二号"))})


@pytest.fixture
def pool(tmp_path, processes) -> Iterator:
    with gateway_client(make_settings(tmp_path, rasa_urls=[FIRST, SECOND]), processes) as client:
        yield client


def senders(fake: FakeRasa) -> set:
    return {message["sender"] for message in fake.messages}


def session_on(client, processes: FakeRasaProcesses, url: str, start: int = 0) -> tuple[str, FakeRasa, FakeRasa]:
    """A session id whose own process is `url` (found by asking, as a user would), and the two fakes."""
    own = processes.processes[url]
    other = next(fake for u, fake in processes.processes.items() if u != url)
    for n in range(start, start + 100):
        session = f"find{n}"
        chat(client, "你好", session_id=session)
        if f"web:{session}" in senders(own):
            for fake in (own, other):
                fake.messages.clear()
                fake.calls.clear()
            return session, own, other
    raise AssertionError(f"no session goes to {url}")


def test_each_session_sticks_to_one_process_and_both_get_some(pool, processes):
    first, second = processes.processes.values()
    ids = [f"session-{n}" for n in range(60)]
    for _ in range(3):
        for session in ids:
            chat(pool, "门诊报销", session_id=session)
    assert senders(first) and senders(second)
    assert senders(first) | senders(second) == {f"web:{session}" for session in ids}
    assert not senders(first) & senders(second)  # no session was answered by both


def test_the_same_id_goes_to_the_same_process_after_a_restart(tmp_path, processes):
    settings = make_settings(tmp_path, rasa_urls=[FIRST, SECOND])
    ids = [f"s{n}" for n in range(20)]

    def placement():
        with gateway_client(settings, processes) as client:
            for session in ids:
                chat(client, "你好", session_id=session)
        placed = {url: senders(fake) for url, fake in processes.processes.items()}
        for fake in processes.processes.values():
            fake.messages.clear()
        return placed

    # a stable hash (not Python's salted hash()): the same in every gateway process
    assert placement() == placement()


def test_region_message_and_tracker_go_to_the_conversations_process(pool, processes):
    session, own, other = session_on(pool, processes, SECOND)
    own.answer = lambda sender, text: HANDOFF
    own.trackers[f"web:{session}"] = {"slots": {"region": "wuhai"}, "events": [{"event": "user", "text": "家庭共济"}]}
    assert chat(pool, "家庭共济", session_id=session, region="wuhai").json()["handoff"] is True
    assert own.calls == ["POST /webhooks/rest/webhook", f"GET /conversations/web:{session}/tracker"]
    assert own.messages[-1]["metadata"] == {"region": "wuhai"}
    assert other.calls == []
    [handoff] = open_handoffs(pool)
    assert handoff["summary"].startswith("问题：家庭共济\n信息：参保地：乌海市")


def test_a_down_process_fails_over_to_the_next_for_the_whole_turn(pool, processes, caplog):
    session, own, other = session_on(pool, processes, FIRST)
    own.rasa_up = False
    caplog.set_level(logging.WARNING)
    body = chat(pool, "门诊报销", session_id=session, region="binzhou").json()
    assert body["replies"][0]["text"] == "二号答：门诊报销"
    assert own.calls == ["POST /webhooks/rest/webhook"]  # tried once, then left for the turn
    assert other.calls == ["POST /webhooks/rest/webhook"]
    assert f"Rasa {FIRST} is down: web:{session} fails over to {SECOND}" in caplog.text


def test_failover_wraps_around_the_list(pool, processes):
    session, own, other = session_on(pool, processes, SECOND)
    own.rasa_up = False
    assert chat(pool, "门诊报销", session_id=session).json()["replies"][0]["text"] == "一号答：门诊报销"


def test_the_session_returns_to_its_process_when_it_is_back(pool, processes):
    session, own, other = session_on(pool, processes, FIRST)
    own.rasa_up = False
    chat(pool, "问一", session_id=session)
    own.rasa_up = True
    assert chat(pool, "问二", session_id=session).json()["replies"][0]["text"] == "一号答：问二"


def test_the_handoff_summary_is_read_where_the_turn_went(pool, processes):
    session, own, other = session_on(pool, processes, FIRST)
    own.rasa_up = False
    other.answer = lambda sender, text: HANDOFF
    other.trackers[f"web:{session}"] = {"slots": {}, "events": [{"event": "user", "text": "异地就医备案"}]}
    assert chat(pool, "我要找人", session_id=session).json()["handoff"] is True
    assert open_handoffs(pool)[0]["summary"].startswith("问题：异地就医备案")
    assert own.calls == ["POST /webhooks/rest/webhook"]


def test_a_call_asking_for_a_person_reads_the_tracker_from_its_process(pool, processes):
    calls = [f"call-{n}" for n in range(10)]
    for call_id in calls:
        hotline(pool, "谢谢", call_id=call_id)
        hotline(pool, "人工", call_id=call_id)  # answered by the gateway: only the tracker is read
    for fake in processes.processes.values():
        read = {path.split("/")[2] for path in fake.calls if path.startswith("GET /conversations/")}
        assert read == senders(fake)  # the tracker was read where the call's messages go
    assert sum(len(fake.messages) for fake in processes.processes.values()) == len(calls)


def test_all_down_gives_the_polite_reply(pool, processes):
    for fake in processes.processes.values():
        fake.rasa_up = False
    assert chat(pool, "门诊报销").json()["replies"][0]["text"] == "系统繁忙，请稍后再试或转人工"


@pytest.mark.parametrize("failure", [httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("closed")])
def test_no_failover_once_the_message_may_have_been_handled(pool, processes, failure):
    session, own, other = session_on(pool, processes, FIRST)
    own.failure = failure  # sent, but no answer: another process would handle the message twice
    assert chat(pool, "门诊报销", session_id=session).json()["replies"][0]["text"] == "系统繁忙，请稍后再试或转人工"
    assert other.calls == []


def test_no_failover_on_an_error_answer(pool, processes):
    session, own, other = session_on(pool, processes, FIRST)
    own.status = 500
    assert chat(pool, "门诊报销", session_id=session).json()["replies"][0]["text"] == "系统繁忙，请稍后再试或转人工"
    assert other.calls == []


def test_a_connect_timeout_fails_over(pool, processes):
    session, own, other = session_on(pool, processes, FIRST)
    own.failure = httpx.ConnectTimeout("no connection")
    assert chat(pool, "门诊报销", session_id=session).json()["replies"][0]["text"] == "二号答：门诊报销"


@pytest.mark.parametrize(
    "first_up, second_up, actions_up, status, expected",
    [
        (True, True, True, 200, {"status": "ok", "rasa": "up", "action_server": "up"}),
        (True, False, True, 200, {"status": "degraded", "rasa": "degraded", "action_server": "up"}),
        (False, True, True, 200, {"status": "degraded", "rasa": "degraded", "action_server": "up"}),
        (False, False, True, 503, {"status": "degraded", "rasa": "down", "action_server": "up"}),
        (True, True, False, 503, {"status": "degraded", "rasa": "up", "action_server": "down"}),
    ],
)
def test_health_reports_each_process(pool, processes, first_up, second_up, actions_up, status, expected):
    first, second = processes.processes.values()
    first.rasa_up, second.rasa_up, first.actions_up = first_up, second_up, actions_up
    response = pool.get("/healthz")
    assert response.status_code == status
    assert response.json() == {
        **expected,
        "rasa_processes": [
            {"url": FIRST, "state": "up" if first_up else "down"},
            {"url": SECOND, "state": "up" if second_up else "down"},
        ],
    }


def test_rasa_urls_default_to_rasa_url_and_are_comma_separated_in_the_environment(monkeypatch):
    monkeypatch.delenv("RASA_URLS", raising=False)
    monkeypatch.setenv("RASA_URL", "http://only.test:5005/")
    assert Settings().rasa_urls == ["http://only.test:5005"]
    monkeypatch.setenv("RASA_URLS", f"{FIRST}/, {SECOND}")
    assert Settings().rasa_urls == [FIRST, SECOND]


def test_a_url_listed_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        Settings(rasa_urls=[FIRST, SECOND, FIRST + "/"])
