"""Open loop: sessions that each send a message every few seconds, whether or not answers are slow.

Sends are planned in advance (a pure schedule) so a slow server cannot slow the offered load down,
which would hide its latency (coordinated omission).
"""
import asyncio
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from bench.budget import Budget
from bench.messages import session_message
from bench.stats import Summary, summarize
from bench.targets import Target, timed_send


@dataclass(frozen=True)
class PlannedSend:
    at: float  # seconds after the start
    session: int
    turn: int


def plan_open_loop(
    sessions: int, interval: float, jitter: float, duration: float, max_requests: int, rng: random.Random
) -> list[PlannedSend]:
    """Each session starts at a random phase in [0, interval) and then sends every interval ± jitter;
    only sends before `duration` are kept, at most `max_requests` of them (the earliest), in time order."""
    if interval <= 0 or not 0 <= jitter < interval / 2:
        raise ValueError("need interval > 0 and 0 <= jitter < interval / 2 (so a session's sends stay in order)")
    plan: list[PlannedSend] = []
    for session in range(sessions):
        phase = rng.uniform(0, interval)
        turn = 0
        while phase + turn * interval < duration:
            at = max(0.0, phase + turn * interval + rng.uniform(-jitter, jitter))
            if at < duration:
                plan.append(PlannedSend(at, session, turn))
            turn += 1
    plan.sort(key=lambda send: send.at)
    return plan[:max_requests]


@dataclass(frozen=True)
class OpenLoopResult:
    summary: Summary
    max_send_lag_ms: float  # how late the generator itself started a send: large values mean it was the bottleneck


async def run_open_loop(
    target: Target,
    client: httpx.AsyncClient,
    messages: Sequence[str],
    plan: Sequence[PlannedSend],
    budget: Budget,
    timeout: float,
    session_prefix: str,
) -> OpenLoopResult:
    start = time.perf_counter()
    tasks = []
    max_lag = 0.0
    for send in plan:
        delay = start + send.at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        if not budget.take():
            break
        max_lag = max(max_lag, time.perf_counter() - start - send.at)
        text = session_message(messages, send.session, send.turn)
        session_id = f"{session_prefix}-{send.session}"
        tasks.append(asyncio.create_task(timed_send(target, client, session_id, text, timeout)))
    outcomes = await asyncio.gather(*tasks)
    return OpenLoopResult(summarize(outcomes, time.perf_counter() - start), max_lag * 1000.0)
