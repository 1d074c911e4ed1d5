"""Every scenario of one run, in order, within the run's budget: warm-up, closed-loop levels, long
sessions, the open loop; each measured for latency and for the CPU every process spent on it."""
import itertools
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from bench.budget import Budget
from bench.closed_loop import run_closed_loop
from bench.config import BenchConfig
from bench.conversations import Turn, long_session, user_turns
from bench.cpu import CpuMeter
from bench.open_loop import plan_open_loop, run_open_loop
from bench.results import CLOSED, LONG, ONE_SESSION, OPEN, Run, ScenarioResult, scenario_result
from bench.settle import settle
from bench.targets import Target, timed_send
from bench.traffic import Traffic

WARMUP_USER = 1_000_000  # a virtual user of its own, so the warm-up's conversations are not the measured ones


@dataclass(frozen=True)
class ScenarioResults:
    results: list[ScenarioResult]
    settled_seconds: float  # waited between scenarios for the services to be idle again
    stopped_early: bool


async def _warm_up(
    config: BenchConfig, target: Target, client: httpx.AsyncClient, turns: list[Turn], budget: Budget
) -> list[float]:
    """Latencies (ms) of the good warm-up answers."""
    latencies = []
    for turn in turns[: config.warmup]:
        if budget.take():
            outcome = await timed_send(target, client, turn, config.timeout)
            if outcome.error is None:
                latencies.append(outcome.latency_ms)
    return latencies


async def run_scenarios(
    config: BenchConfig,
    gateway: Target,
    rasa: Target,
    rasa_turn: Target,
    client: httpx.AsyncClient,
    traffic: Traffic,
    budget: Budget,
    meter: CpuMeter,
) -> ScenarioResults:
    """Both targets on the same turns at each closed-loop level, one after the other so they do not
    compete for the cores (in one session also the bot's turn in Rasa without the gateway); then the
    gateway alone in the long sessions (closed loop, a few at a time) and the open loop."""
    tag = f"bench{int(time.time()):x}"  # new conversations in the tracker store on every run
    seed = config.seed

    def warmup_turns(target: Target) -> list[Turn]:
        return list(itertools.islice(user_turns(traffic, seed, WARMUP_USER, f"{tag}-w-{target.name}"), config.warmup))

    rasa_warm = await _warm_up(config, rasa, client, warmup_turns(rasa), budget)
    await _warm_up(config, gateway, client, warmup_turns(gateway), budget)
    probe = next(user_turns(traffic, seed, WARMUP_USER, f"{tag}-settle"))
    # idle means bare Rasa answers about as fast as when nothing else ran; no warm-up, no baseline
    quiet_ms = 3 * min(rasa_warm) + 20 if rasa_warm else None
    settled = 0.0
    results: list[ScenarioResult] = []

    async def measure(scenario: str, target: Target, sessions: int, run: Callable[[], Awaitable[Run]]) -> None:
        nonlocal settled
        if budget.exhausted():
            return
        if quiet_ms is not None:
            settled += await settle(rasa, client, probe, quiet_ms, config.settle_seconds, budget, config.timeout)
        before = meter.snapshot()
        outcome = await run()
        after = meter.snapshot()
        answered = sum(1 for o in outcome.outcomes if o.error is None)
        results.append(scenario_result(scenario, target.name, sessions, outcome, meter.use(before, after, answered)))

    def closed_level(level: int, target: Target) -> Callable[[], Awaitable[Run]]:
        async def run() -> Run:
            prefix = f"{tag}-c{level}-{target.name}"
            sessions = [user_turns(traffic, seed, user, prefix) for user in range(level)]
            # made here, after settling: the level's time starts now
            level_budget = budget.child(level * config.turns_per_session, config.level_seconds)
            return await run_closed_loop(target, client, sessions, config.turns_per_session, level_budget,
                                         config.timeout)

        return run

    async def long_sessions() -> Run:
        sessions = [long_session(traffic, n, f"{tag}-long") for n in range(config.long_sessions)]
        most = max(len(turns) for turns in sessions)
        long_budget = budget.child(config.long_sessions * most, config.long_seconds)
        return await run_closed_loop(
            gateway, client, sessions, most, long_budget, config.timeout, concurrency=config.long_concurrency
        )

    def open_loop() -> Awaitable[Run]:
        plan = plan_open_loop(
            config.open_sessions,
            config.open_interval,
            config.open_jitter,
            config.open_seconds,
            budget.max_requests - budget.used,
            random.Random(seed),
        )
        most = 1 + max((send.turn for send in plan), default=0)
        prefix = f"{tag}-open"
        sessions = [list(itertools.islice(user_turns(traffic, seed, user, prefix), most)) for user in
                    range(config.open_sessions)]
        return run_open_loop(gateway, client, plan, sessions, budget, config.timeout)

    for level in config.levels:
        for target in (rasa, rasa_turn, gateway) if level == ONE_SESSION else (rasa, gateway):
            await measure(CLOSED, target, level, closed_level(level, target))
    await measure(LONG, gateway, config.long_sessions, long_sessions)
    await measure(OPEN, gateway, config.open_sessions, open_loop)
    return ScenarioResults(results, settled, stopped_early=budget.exhausted())
