"""The scenarios against fake async targets: concurrency, scripts, bounds, error kinds, CPU accounting."""
import asyncio
import time

import httpx
import pytest
from bench_fakes import FakeService, turn

from bench.budget import Budget
from bench.closed_loop import run_closed_loop
from bench.config import BenchConfig
from bench.cpu import CpuMeter
from bench.open_loop import PlannedSend, run_open_loop
from bench.results import CLOSED, LONG, OPEN
from bench.scenarios import run_scenarios
from bench.settle import settle
from bench.targets import RASA_TURN, BadAnswer, timed_send
from bench.traffic import load_traffic


def _run(coroutine):
    return asyncio.run(coroutine)


def _script(conversation, n):
    return [turn(f"{conversation}:{i}", number=i, conversation=conversation) for i in range(1, n + 1)]


def test_closed_loop_keeps_exactly_n_sessions_busy_each_following_its_script(service):
    service.delay = 0.01
    sessions = [_script(f"s-{i}", 10) for i in range(5)]
    run = _run(run_closed_loop(service.target(), None, sessions, 3, Budget(1000, 30), 5.0))
    assert len(run.outcomes) == 15 and all(o.error is None for o in run.outcomes)
    assert service.most_in_flight == 5
    assert service.texts_by_conversation()["s-2"] == ["s-2:1", "s-2:2", "s-2:3"]  # in order, one at a time


def test_closed_loop_with_a_concurrency_runs_that_many_sessions_at_once(service):
    service.delay = 0.005
    sessions = [_script(f"s-{i}", 4) for i in range(6)]
    run = _run(run_closed_loop(service.target(), None, sessions, 4, Budget(1000, 30), 5.0, concurrency=2))
    assert len(run.outcomes) == 24 and service.most_in_flight == 2
    assert [len(texts) for texts in service.texts_by_conversation().values()] == [4] * 6


def test_closed_loop_stops_at_its_time_cap(service):
    service.delay = 0.02
    sessions = [_script(f"s-{i}", 10_000) for i in range(2)]
    start = time.perf_counter()
    run = _run(run_closed_loop(service.target(), None, sessions, 10_000, Budget(10_000, 0.2), 5.0))
    elapsed = time.perf_counter() - start
    assert elapsed < 0.2 + 0.02 + 0.15  # the cap, one request in flight, scheduling slack
    assert 4 <= len(run.outcomes) <= 2 * (0.2 / 0.02 + 1)


def test_closed_loop_stops_at_the_request_count(service):
    sessions = [_script(f"s-{i}", 100) for i in range(10)]
    run = _run(run_closed_loop(service.target(), None, sessions, 100, Budget(7, 30), 5.0))
    assert len(run.outcomes) == len(service.sent) == 7


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
    outcome = _run(timed_send(service.target(), None, turn(), 5.0))
    assert (outcome.error, outcome.kind) == (kind, None)


def test_a_slow_answer_is_a_timeout_and_does_not_wait_for_it(service):
    service.delay = 5.0
    outcome = _run(timed_send(service.target(), None, turn(), 0.05))
    assert outcome.error == "timeout"
    assert outcome.latency_ms < 1000


def test_open_loop_sends_on_schedule_without_waiting_for_answers(service):
    service.delay = 0.3  # much slower than the schedule
    sessions = [_script(f"o-{i}", 2) for i in range(3)]
    plan = [PlannedSend(0.05 * i, session=i % 3, turn=i // 3) for i in range(6)]
    start = time.perf_counter()
    run = _run(run_open_loop(service.target(), None, plan, sessions, Budget(100, 30), 5.0))
    assert len(run.outcomes) == 6
    assert service.most_in_flight >= 5  # the slow answers did not hold the next sends back
    assert time.perf_counter() - start < 0.25 + 0.3 + 0.2
    assert run.max_send_lag_ms < 100
    assert service.texts_by_conversation() == {f"o-{i}": [f"o-{i}:1", f"o-{i}:2"] for i in range(3)}


def test_open_loop_stops_when_the_budget_refuses(service):
    sessions = [_script(f"o-{i}", 1) for i in range(10)]
    plan = [PlannedSend(0.0, session=i, turn=0) for i in range(10)]
    run = _run(run_open_loop(service.target(), None, plan, sessions, Budget(4, 30), 5.0))
    assert len(run.outcomes) == len(service.sent) == 4


def _tiny_config(**changes) -> BenchConfig:
    values = dict(levels=(1, 3), turns_per_session=2, level_seconds=5, long_sessions=3, long_concurrency=2,
                  long_seconds=10, open_sessions=4, open_interval=0.1, open_jitter=0.02, open_seconds=0.3, timeout=1,
                  warmup=1, max_requests=1000, max_seconds=30)
    values.update(changes)
    return BenchConfig(**values)


@pytest.fixture(scope="module")
def traffic():
    return load_traffic()


def _scenarios(traffic, config, gateway, rasa, tmp_path, budget=None, rasa_turn=None):
    meter = CpuMeter(tmp_path / "run")  # no services: only this process (the load generator) is measured
    budget = budget or Budget(config.max_requests, config.max_seconds)
    bot_turn = (rasa_turn or FakeService(kind=None)).target(RASA_TURN)
    return _run(run_scenarios(config, gateway.target("gateway"), rasa.target("rasa"), bot_turn, None, traffic, budget,
                              meter))


def test_a_run_measures_both_targets_per_level_then_long_sessions_and_the_open_loop(traffic, tmp_path):
    gateway, rasa, bot_turn = FakeService(), FakeService(kind=None), FakeService(kind=None)
    results = _scenarios(traffic, _tiny_config(), gateway, rasa, tmp_path, rasa_turn=bot_turn)
    scenarios = [(r.scenario, r.target, r.sessions) for r in results.results]
    assert scenarios == [(CLOSED, "rasa", 1), (CLOSED, RASA_TURN, 1), (CLOSED, "gateway", 1), (CLOSED, "rasa", 3),
                         (CLOSED, "gateway", 3), (LONG, "gateway", 3), (OPEN, "gateway", 4)]
    requests = [r.summary.requests for r in results.results]
    longest = max(len(script.lines) for script in traffic.long)
    assert requests[:5] == [2, 2, 2, 6, 6] and requests[5] >= 3 * 30 and requests[5] <= 3 * longest
    assert requests[6] >= 4
    # the bot's turn in one session only, on the texts the other two targets get there
    assert sorted(t.text for t in bot_turn.sent) == sorted(t.text for t in gateway.sent if "-c1-" in t.conversation)
    probes = [sent for sent in rasa.sent if sent.conversation.endswith("-settle-1000000-0")]
    assert len(probes) == 7  # before every scenario
    assert len(rasa.sent) - len(probes) == 1 + 2 + 6  # warm-up and the closed loop: long and open are the gateway's
    assert not results.stopped_early


def test_both_targets_get_the_same_texts_at_a_level(traffic, tmp_path):
    gateway, rasa = FakeService(), FakeService(kind=None)
    _scenarios(traffic, _tiny_config(levels=(3,), turns_per_session=5), gateway, rasa, tmp_path)

    def level_texts(service):
        return sorted(t.text for t in service.sent if "-c3-" in t.conversation)

    assert len(level_texts(rasa)) == 15 and level_texts(rasa) == level_texts(gateway)


def test_long_sessions_reach_turn_30_and_are_reported_by_turn(traffic, tmp_path):
    gateway, rasa = FakeService(delay=0.001), FakeService(kind=None)
    results = _scenarios(traffic, _tiny_config(), gateway, rasa, tmp_path)
    long = next(r for r in results.results if r.scenario == LONG)
    assert long.by_turn[1].requests == long.by_turn[30].requests == 3
    assert gateway.most_in_flight <= 4  # two long sessions at a time (+ nothing else then)


def test_the_open_loop_sends_the_mix_and_reports_it(traffic, tmp_path):
    gateway, rasa = FakeService(kind="answer"), FakeService(kind=None)
    results = _scenarios(traffic, _tiny_config(open_sessions=60, open_seconds=0.25), gateway, rasa, tmp_path)
    open_loop = next(r for r in results.results if r.scenario == OPEN)
    begun = {t.conversation for t in gateway.sent if "-open-" in t.conversation and t.number == 1}
    assert sum(open_loop.conversations.values()) == len(begun) >= 60  # every user began one, some more
    assert {"chat", "hotline"} >= set(open_loop.by_channel) and "chat" in open_loop.by_channel
    assert open_loop.summary.kinds == {"answer": open_loop.summary.ok}
    assert open_loop.max_send_lag_ms is not None


def test_every_scenario_carries_the_cpu_of_the_load_generator_and_the_rest_of_the_machine(traffic, tmp_path):
    results = _scenarios(traffic, _tiny_config(), FakeService(), FakeService(kind=None), tmp_path)
    for result in results.results:
        assert [use.process for use in result.cpu] == ["bench", "elsewhere"]
        assert all(use.seconds is not None and use.seconds >= 0 for use in result.cpu)


def test_a_run_stops_by_itself_when_its_request_budget_runs_out(traffic, tmp_path):
    gateway, rasa = FakeService(), FakeService(kind=None)
    results = _scenarios(traffic, _tiny_config(max_requests=5), gateway, rasa, tmp_path, Budget(5, 30))
    assert len(gateway.sent) + len(rasa.sent) == 5
    assert results.stopped_early
    assert not any(r.scenario in (LONG, OPEN) for r in results.results)


class SlowThenQuick(FakeService):
    """Busy with a backlog for its first `busy_answers` answers."""

    def __init__(self, busy_answers: int) -> None:
        super().__init__()
        self.busy_answers = busy_answers

    async def send(self, client, sent):
        self.delay = 0.05 if len(self.sent) < self.busy_answers else 0.0
        return await super().send(client, sent)


def test_settling_probes_until_an_answer_is_quick():
    service = SlowThenQuick(busy_answers=3)
    waited = _run(settle(service.target(), None, turn(), quiet_ms=30, max_seconds=5, budget=Budget(100, 30),
                         timeout=1, poll_seconds=0.01))
    assert len(service.sent) == 4
    assert 0.15 <= waited < 1


def test_settling_gives_up_after_its_time():
    service = SlowThenQuick(busy_answers=10_000)
    waited = _run(settle(service.target(), None, turn(), quiet_ms=30, max_seconds=0.2, budget=Budget(100, 30),
                         timeout=1, poll_seconds=0.01))
    assert 0.2 <= waited < 0.2 + 0.05 + 0.1
