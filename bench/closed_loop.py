"""Closed loop: virtual users each sending their next turn when the previous answer arrives."""
import asyncio
import itertools
import time
from collections.abc import Iterable, Sequence

import httpx

from bench.budget import Budget
from bench.conversations import Turn
from bench.results import Run
from bench.targets import Outcome, Target, timed_send


async def run_closed_loop(
    target: Target,
    client: httpx.AsyncClient,
    sessions: Sequence[Iterable[Turn]],
    per_session: int,
    budget: Budget,
    timeout: float,
    concurrency: int | None = None,
) -> Run:
    """Each session sends its first `per_session` turns, one at a time, until the budget refuses; at
    most `concurrency` sessions at once (all of them by default), the next starting when one ends."""
    outcomes: list[Outcome] = []
    slots = asyncio.Semaphore(concurrency or max(1, len(sessions)))

    async def session(turns: Iterable[Turn]) -> None:
        async with slots:
            for turn in itertools.islice(turns, per_session):
                if not budget.take():
                    return
                outcomes.append(await timed_send(target, client, turn, timeout))

    start = time.perf_counter()
    await asyncio.gather(*(session(turns) for turns in sessions))
    return Run(outcomes, time.perf_counter() - start)
