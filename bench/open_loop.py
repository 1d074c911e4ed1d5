"""Open loop: virtual users that each send a turn every few seconds, whether or not answers are slow.

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
from bench.conversations import Turn
from bench.results import Run
from bench.targets import Target, timed_send


@dataclass(frozen=True)
class PlannedSend:
    at: float  # seconds after the start
    session: int
    turn: int  # the index in the session's turns


def plan_open_loop(
    sessions: int,
    interval: float,
    jitter: float,
    duration: float,
    max_requests: int,
    rng: random.Random,
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


async def run_open_loop(
    target: Target,
    client: httpx.AsyncClient,
    plan: Sequence[PlannedSend],
    sessions: Sequence[Sequence[Turn]],
    budget: Budget,
    timeout: float,
) -> Run:
    """Sends sessions[s][t] at each planned (at, s, t); every session must hold its planned turns."""
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
        turn = sessions[send.session][send.turn]
        tasks.append(asyncio.create_task(timed_send(target, client, turn, timeout)))
    outcomes = list(await asyncio.gather(*tasks))
    return Run(outcomes, time.perf_counter() - start, max_lag * 1000.0)
