"""The scenarios against a fake async target: concurrency, bounds, error kinds."""
import asyncio
import time

import httpx
import pytest
from bench_fakes import FakeService

from bench.budget import Budget
from bench.closed_loop import run_closed_loop
from bench.config import BenchConfig
from bench.open_loop import PlannedSend, run_open_loop
from bench.scenarios import run_scenarios
from bench.settle import settle
from bench.targets import BadAnswer, timed_send

MESSAGES = ["甲", "乙", "丙", "丁"]


def _run(coroutine):
    return asyncio.run(coroutine)


def test_closed_loop_keeps_exactly_n_sessions_busy(service):
    service.delay = 0.01
    summary = _run(run_closed_loop(service.target(), None, MESSAGES, 5, 3, Budget(1000, 30), 5.0, "s"))
    assert summary.requests == summary.ok == 15
    assert service.most_in_flight == 5
    per_session = {}
    for session_id, text in service.sent:
        per_session.setdefault(session_id, []).append(text)
    assert sorted(per_session) == [f"s-{i}" for i in range(5)]
    # session i walks the messages from message i, one message after the previous answer
    assert per_session["s-2"] == ["丙", "丁", "甲"]


def test_closed_loop_stops_at_its_time_cap(service):
    service.delay = 0.02
    start = time.perf_counter()
    summary = _run(run_closed_loop(service.target(), None, MESSAGES, 2, 10_000, Budget(10_000, 0.2), 5.0, "s"))
    elapsed = time.perf_counter() - start
    assert elapsed < 0.2 + 0.02 + 0.15  # the cap, one request in flight, scheduling slack
    assert 4 <= summary.requests <= 2 * (0.2 / 0.02 + 1)


def test_closed_loop_stops_at_the_request_count(service):
    summary = _run(run_closed_loop(service.target(), None, MESSAGES, 10, 100, Budget(7, 30), 5.0, "s"))
    assert summary.requests == len(service.sent) == 7


@pytest.mark.parametrize(
    "fail, kind",
    [
        (httpx.HTTPStatusError("x", request=httpx.Request("POST", "http://t"), response=httpx.Response(503)),
         "http 503"),
        (httpx.ConnectError("refused"), "transport ConnectError"),
        (httpx.ReadTimeout("slow"), "timeout"),
        (BadAnswer("busy reply"), "busy reply"),
        (ValueError("Expecting value"), "not JSON"),
    ],
)
def test_failures_become_error_kinds(service, fail, kind):
    service.fail = fail
    assert _run(timed_send(service.target(), None, "s", "甲", 5.0)).error == kind


def test_a_slow_answer_is_a_timeout_and_does_not_wait_for_it(service):
    service.delay = 5.0
    outcome = _run(timed_send(service.target(), None, "s", "甲", 0.05))
    assert outcome.error == "timeout"
    assert outcome.latency_ms < 1000


def test_open_loop_sends_on_schedule_without_waiting_for_answers(service):
    service.delay = 0.3  # much slower than the schedule
    plan = [PlannedSend(0.05 * i, session=i % 3, turn=i // 3) for i in range(6)]
    start = time.perf_counter()
    result = _run(run_open_loop(service.target(), None, MESSAGES, plan, Budget(100, 30), 5.0, "o"))
    assert result.summary.requests == 6
    assert service.most_in_flight >= 5  # the slow answers did not hold the next sends back
    assert time.perf_counter() - start < 0.25 + 0.3 + 0.2
    assert result.max_send_lag_ms < 100
    assert {sid for sid, _ in service.sent} == {"o-0", "o-1", "o-2"}


def test_open_loop_stops_when_the_budget_refuses(service):
    plan = [PlannedSend(0.0, session=i, turn=0) for i in range(10)]
    result = _run(run_open_loop(service.target(), None, MESSAGES, plan, Budget(4, 30), 5.0, "o"))
    assert result.summary.requests == len(service.sent) == 4


def _tiny_config(**changes) -> BenchConfig:
    values = dict(levels=(1, 3), messages_per_session=2, level_seconds=5, open_sessions=4, open_interval=0.1,
                  open_jitter=0.02, open_seconds=0.3, timeout=1, warmup=1, max_requests=1000, max_seconds=30)
    values.update(changes)
    return BenchConfig(**values)


def test_run_measures_both_targets_at_each_level_then_the_gateway_open_loop():
    gateway, rasa = FakeService(), FakeService()
    results = _run(run_scenarios(_tiny_config(), gateway.target("gateway"), rasa.target("rasa"), None, MESSAGES,
                                 Budget(1000, 30)))
    assert [(r.level, r.target) for r in results.closed] == [(1, "rasa"), (1, "gateway"), (3, "rasa"), (3, "gateway")]
    assert [r.summary.requests for r in results.closed] == [2, 2, 6, 6]
    assert results.open_loop.summary.requests == len(gateway.sent) - 1 - 2 - 6  # minus warm-up and closed loop
    assert results.open_loop.summary.requests >= 4
    probes = [text for session_id, text in rasa.sent if session_id == "bench-settle"]
    assert len(probes) == 4 + 1  # before every scenario: the four closed ones and the open loop
    assert len(rasa.sent) - len(probes) == 1 + 2 + 6  # the open loop is the gateway's alone
    assert not any(session_id == "bench-settle" for session_id, _ in gateway.sent)
    assert not results.stopped_early


def test_run_stops_by_itself_when_its_request_budget_runs_out():
    gateway, rasa = FakeService(), FakeService()
    results = _run(run_scenarios(_tiny_config(max_requests=5), gateway.target("gateway"), rasa.target("rasa"), None,
                                 MESSAGES, Budget(5, 30)))
    assert len(gateway.sent) + len(rasa.sent) == 5
    assert results.stopped_early
    assert results.open_loop is None


class SlowThenQuick(FakeService):
    """Busy with a backlog for its first `busy_answers` answers."""

    def __init__(self, busy_answers: int) -> None:
        super().__init__()
        self.busy_answers = busy_answers

    async def send(self, client, session_id, text):
        self.delay = 0.05 if len(self.sent) < self.busy_answers else 0.0
        await super().send(client, session_id, text)


def test_settling_probes_until_an_answer_is_quick():
    service = SlowThenQuick(busy_answers=3)
    waited = _run(settle(service.target(), None, "甲", quiet_ms=30, max_seconds=5, budget=Budget(100, 30), timeout=1,
                         poll_seconds=0.01))
    assert len(service.sent) == 4
    assert 0.15 <= waited < 1


def test_settling_gives_up_after_its_time():
    service = SlowThenQuick(busy_answers=10_000)
    waited = _run(settle(service.target(), None, "甲", quiet_ms=30, max_seconds=0.2, budget=Budget(100, 30),
                         timeout=1, poll_seconds=0.01))
    assert 0.2 <= waited < 0.2 + 0.05 + 0.1
