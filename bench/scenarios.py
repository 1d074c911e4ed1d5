"""Every scenario of one run, in order, within the run's budget: warm-up, closed-loop levels, open loop."""
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import httpx

from bench.aims import LevelResult
from bench.budget import Budget
from bench.closed_loop import run_closed_loop
from bench.config import BenchConfig
from bench.open_loop import OpenLoopResult, plan_open_loop, run_open_loop
from bench.settle import settle
from bench.stats import Summary
from bench.targets import Target, timed_send

T = TypeVar("T")


@dataclass(frozen=True)
class ScenarioResults:
    closed: list[LevelResult]
    open_loop: OpenLoopResult | None
    settled_seconds: float  # waited between scenarios for the services to be idle again
    stopped_early: bool


async def _warm_up(
    config: BenchConfig, target: Target, client: httpx.AsyncClient, messages: Sequence[str], budget: Budget, tag: str
) -> list[float]:
    """Latencies (ms) of the good warm-up answers."""
    latencies = []
    for n in range(config.warmup):
        if budget.take():
            text = messages[n % len(messages)]
            outcome = await timed_send(target, client, f"bench{tag}-warmup", text, config.timeout)
            if outcome.error is None:
                latencies.append(outcome.latency_ms)
    return latencies


async def run_scenarios(
    config: BenchConfig,
    gateway: Target,
    rasa: Target,
    client: httpx.AsyncClient,
    messages: Sequence[str],
    budget: Budget,
) -> ScenarioResults:
    """Both targets on the same messages, one after the other at each level so they do not compete
    for the two cores; then the gateway alone in the open loop."""
    tag = f"{int(time.time()):x}"  # new conversations in the tracker store on every run
    rasa_warm = await _warm_up(config, rasa, client, messages, budget, tag)
    await _warm_up(config, gateway, client, messages, budget, tag)
    # idle means bare Rasa answers about as fast as when nothing else ran; no warm-up, no baseline
    quiet_ms = 3 * min(rasa_warm) + 20 if rasa_warm else None
    settled = 0.0

    async def after_settling(run: Callable[[], Awaitable[T]]) -> T | None:
        nonlocal settled
        if budget.exhausted():
            return None
        if quiet_ms is not None:
            settled += await settle(rasa, client, messages[0], quiet_ms, config.settle_seconds, budget, config.timeout)
        return await run()

    async def closed_level(level: int, target: Target) -> Summary:
        level_budget = budget.child(level * config.messages_per_session, config.level_seconds)
        prefix = f"bench{tag}-c{level}-{target.name}"
        return await run_closed_loop(
            target, client, messages, level, config.messages_per_session, level_budget, config.timeout, prefix
        )

    async def open_loop() -> OpenLoopResult:
        plan = plan_open_loop(
            config.open_sessions,
            config.open_interval,
            config.open_jitter,
            config.open_seconds,
            budget.max_requests - budget.used,
            random.Random(config.seed),
        )
        return await run_open_loop(gateway, client, messages, plan, budget, config.timeout, f"bench{tag}-open")

    closed: list[LevelResult] = []
    for level in config.levels:
        for target in (rasa, gateway):
            summary = await after_settling(lambda level=level, target=target: closed_level(level, target))
            if summary is not None:
                closed.append(LevelResult(level, target.name, summary))
    open_result = await after_settling(open_loop)
    return ScenarioResults(closed, open_result, settled, stopped_early=budget.exhausted())
