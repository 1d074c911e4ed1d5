"""Waiting for the services to be idle between scenarios.

The gateway keeps working on a turn after the load generator gave up on it (timeout), so an
overloaded scenario leaves Rasa busy; the next scenario would measure that backlog, not itself.
"""
import asyncio
import time

import httpx

from bench.budget import Budget
from bench.conversations import Turn
from bench.targets import Target, timed_send


async def settle(
    probe: Target,
    client: httpx.AsyncClient,
    turn: Turn,
    quiet_ms: float,
    max_seconds: float,
    budget: Budget,
    timeout: float,
    poll_seconds: float = 1.0,
) -> float:
    """Probes until one answer comes back within quiet_ms, for at most max_seconds; the seconds waited."""
    start = time.perf_counter()
    while time.perf_counter() - start < max_seconds and budget.take():
        outcome = await timed_send(probe, client, turn, timeout)
        if outcome.error is None and outcome.latency_ms <= quiet_ms:
            break
        await asyncio.sleep(poll_seconds)
    return time.perf_counter() - start
