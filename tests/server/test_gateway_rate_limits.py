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

from server.store.database import open_database
from server.store.rate_buckets import Limit, RateBucketStore


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


def test_default_limits_let_a_person_chat(tmp_path, rasa, clock):
    # 30 a minute per session by default: a quick burst of clicks goes through (a fake clock: the
    # bucket must not refill while the test runs)
    with gateway_client(make_settings(tmp_path), rasa, clock) as client:
        assert all(chat(client, f"问{n}").status_code == 200 for n in range(30))
        assert chat(client, "问").status_code == 429


@pytest.fixture
def buckets(tmp_path) -> RateBucketStore:
    return RateBucketStore(open_database(f"sqlite:///{tmp_path / 'gateway.db'}"))


def test_a_bucket_idle_long_enough_to_be_full_is_forgotten_and_that_changes_nothing(buckets):
    one_a_minute = Limit.per_minute("a", 1)
    assert buckets.admit([one_a_minute], now=1000) == 0
    assert buckets.admit([one_a_minute], now=1030) == 30
    assert buckets.forget_full(now=1059, longest_refill=60) == 0  # not full yet: kept
    assert buckets.admit([one_a_minute], now=1059) == 1
    assert buckets.forget_full(now=1061, longest_refill=60) == 1
    assert buckets.admit([one_a_minute], now=1061) == 0  # as full as it would have been
    assert buckets.admit([one_a_minute], now=1062) == 59


def test_admit_takes_from_all_buckets_or_from_none(buckets):
    def admit(session: str, client: str) -> int:
        return buckets.admit([Limit.per_minute(session, 2), Limit.per_minute(client, 1)], now=1000)

    assert admit("s", "c") == 0
    assert admit("s", "c") == 60  # the client is out: the session keeps its token
    assert admit("s", "other") == 0
    assert admit("s", "third") == 30


def test_gateway_processes_sharing_the_store_count_the_same_requests(tmp_path):
    """Several processes (here: threads, each with its own engine) on one database: of 40 requests at
    once against a burst of 10, exactly 10 are admitted."""
    from concurrent.futures import ThreadPoolExecutor

    url = f"sqlite:///{tmp_path / 'gateway.db'}"
    stores = [RateBucketStore(open_database(url)) for _ in range(4)]
    limit = Limit("client:webchat:203.0.113.9", capacity=10, per_second=10 / 60)
    with ThreadPoolExecutor(max_workers=8) as pool:
        waits = list(pool.map(lambda n: stores[n % 4].admit([limit], now=1000.0), range(40)))
    assert waits.count(0) == 10 and all(wait >= 1 for wait in waits if wait)
