"""Rate limits per chat session / call and per client address, on a fake clock (no sleeping)."""
from collections.abc import Iterator

import pytest
from gateway_fixtures import (
    HOTLINE_KEY,
    FakeClock,
    assert_error,
    chat,
    from_address,
    gateway_client,
    hotline,
    make_settings,
)

from server.rate_limit import TokenBuckets, admit


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def limited(tmp_path, rasa, clock) -> Iterator:
    settings = make_settings(tmp_path, rate_session_per_min=3, rate_client_per_min=5, rate_hotline_client_per_min=4)
    with gateway_client(settings, rasa, clock) as client:
        yield client


def assert_limited(response, retry_after: int) -> None:
    error = assert_error(response, 429, "rate_limited")
    assert error["message"].endswith("请稍后再试")
    assert response.headers["Retry-After"] == str(retry_after)


def test_a_session_over_its_limit_gets_429_with_retry_after(limited, rasa, clock):
    for n in range(3):
        assert chat(limited, f"问题{n}").status_code == 200
    assert_limited(chat(limited, "再问"), retry_after=20)  # 3 a minute: one more every 20 s
    assert len(rasa.messages) == 3  # the refused message never reached the bot
    clock.advance(19.5)
    assert_limited(chat(limited, "再问"), retry_after=1)  # whole seconds, rounded up
    clock.advance(0.5)
    assert chat(limited, "再问").status_code == 200
    assert_limited(chat(limited, "又问"), retry_after=20)


def test_refused_requests_do_not_deepen_the_wait(limited, clock):
    for _ in range(3):
        chat(limited, "问")
    for _ in range(10):
        assert chat(limited, "问").status_code == 429
    clock.advance(20)
    assert chat(limited, "问").status_code == 200


def test_an_idle_session_gets_its_burst_back_but_no_more(limited, clock):
    for _ in range(3):
        chat(limited, "问")
    clock.advance(3600)
    assert [chat(limited, "问").status_code for _ in range(4)] == [200, 200, 200, 429]


def test_sessions_are_limited_separately(limited):
    for _ in range(3):
        chat(limited, "问", session_id="a")
    assert chat(limited, "问", session_id="a").status_code == 429
    assert chat(limited, "问", session_id="b").status_code == 200


def test_a_client_over_its_limit_gets_429_for_every_session(limited, clock):
    for n in range(5):
        assert chat(limited, "问", session_id=f"s{n}").status_code == 200
    assert_limited(chat(limited, "问", session_id="new"), retry_after=12)  # 5 a minute: one every 12 s
    assert chat(from_address(limited, "203.0.113.7"), "问", session_id="new").status_code == 200


def test_a_refused_client_does_not_use_up_the_sessions_budget(limited, clock):
    for n in range(5):
        chat(limited, "问", session_id=f"s{n}")
    assert chat(limited, "问", session_id="new").status_code == 429
    other = from_address(limited, "203.0.113.7")
    assert [chat(other, "问", session_id="new").status_code for _ in range(4)] == [200, 200, 200, 429]


def test_calls_are_limited_per_call_id(limited, clock):
    for _ in range(3):
        assert hotline(limited, "医保", call_id="c1").status_code == 200
    assert_limited(hotline(limited, "医保", call_id="c1"), retry_after=20)
    assert hotline(limited, "医保", call_id="c2").status_code == 200


def test_the_phone_bridge_has_its_own_client_limit(limited, clock):
    for n in range(5):  # the chat budget of this address is used up ...
        chat(limited, "问", session_id=f"s{n}")
    # ... and the hotline's is separate: 4 a minute from one bridge address
    assert [hotline(limited, "医保", call_id=f"c{n}").status_code for n in range(5)] == [200] * 4 + [429]
    assert_limited(hotline(limited, "医保", call_id="c9"), retry_after=15)


def test_a_call_and_a_session_with_the_same_id_are_counted_apart(limited):
    for _ in range(3):
        chat(limited, "问", session_id="same")
    assert hotline(limited, "医保", call_id="same").status_code == 200


def test_unauthorized_hotline_requests_are_not_counted(limited):
    for _ in range(10):
        assert hotline(limited, "医保", key="wrong").status_code == 401
    assert hotline(limited, "医保", key=HOTLINE_KEY).status_code == 200


def test_default_limits_let_a_person_chat(client):
    # 30 a minute per session by default: a quick burst of clicks goes through
    assert all(chat(client, f"问{n}").status_code == 200 for n in range(30))
    assert chat(client, "问").status_code == 429


def test_buckets_forget_the_least_recently_used_key_beyond_their_size(clock):
    buckets = TokenBuckets(per_minute=1, clock=clock, max_keys=2)
    assert admit([(buckets, "a")]) == 0 and admit([(buckets, "b")]) == 0
    assert admit([(buckets, "a")]) == 60  # "a" is now the most recently used
    admit([(buckets, "c")])  # "b" is dropped: it counts as idle, i.e. full
    assert admit([(buckets, "a")]) == 60
    assert admit([(buckets, "b")]) == 0


def test_admit_takes_from_all_buckets_or_from_none(clock):
    sessions, clients = TokenBuckets(2, clock), TokenBuckets(1, clock)
    assert admit([(sessions, "s"), (clients, "c")]) == 0
    assert admit([(sessions, "s"), (clients, "c")]) == 60  # the client is out: the session keeps its token
    assert admit([(sessions, "s"), (clients, "other")]) == 0
    assert admit([(sessions, "s"), (clients, "third")]) == 30
