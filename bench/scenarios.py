"""Every scenario of one run, in order, within the run's budget: warm-up, closed-loop levels, open loop."""
import random
import time
from dataclasses import dataclass
from typing import List, Optional, Sequence

import httpx

from bench.aims import LevelResult
from bench.budget import Budget
from bench.closed_loop import run_closed_loop
from bench.config import BenchConfig
from bench.open_loop import OpenLoopResult, plan_open_loop, run_open_loop
from bench.targets import Target, timed_send


@dataclass(frozen=True)
class ScenarioResults:
    closed: List[LevelResult]
    open_loop: Optional[OpenLoopResult]
    stopped_early: bool


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
    for target in (rasa, gateway):
        for n in range(config.warmup):
            if budget.take():
                await timed_send(target, client, f"bench{tag}-warmup", messages[n % len(messages)], config.timeout)

    closed: List[LevelResult] = []
    for level in config.levels:
        for target in (rasa, gateway):
            if budget.exhausted():
                break
            level_budget = budget.child(level * config.messages_per_session, config.level_seconds)
            prefix = f"bench{tag}-c{level}-{target.name}"
            summary = await run_closed_loop(
                target, client, messages, level, config.messages_per_session, level_budget, config.timeout, prefix
            )
            closed.append(LevelResult(level, target.name, summary))

    open_loop = None
    if not budget.exhausted():
        plan = plan_open_loop(
            config.open_sessions,
            config.open_interval,
            config.open_jitter,
            config.open_seconds,
            budget.max_requests - budget.used,
            random.Random(config.seed),
        )
        open_loop = await run_open_loop(gateway, client, messages, plan, budget, config.timeout, f"bench{tag}-open")
    return ScenarioResults(closed, open_loop, stopped_early=budget.exhausted())
