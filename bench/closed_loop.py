"""Closed loop: N sessions at once, each sending its next message when the previous answer arrives."""
import asyncio
import time
from collections.abc import Sequence

import httpx

from bench.budget import Budget
from bench.messages import session_message
from bench.stats import Summary, summarize
from bench.targets import Outcome, Target, timed_send


async def run_closed_loop(
    target: Target,
    client: httpx.AsyncClient,
    messages: Sequence[str],
    sessions: int,
    per_session: int,
    budget: Budget,
    timeout: float,
    session_prefix: str,
) -> Summary:
    """Runs until every session has sent `per_session` messages or the budget (count, deadline) refuses."""
    outcomes: list[Outcome] = []

    async def session(index: int) -> None:
        turn = 0
        while turn < per_session and budget.take():
            text = session_message(messages, index, turn)
            outcomes.append(await timed_send(target, client, f"{session_prefix}-{index}", text, timeout))
            turn += 1

    start = time.perf_counter()
    await asyncio.gather(*(session(i) for i in range(sessions)))
    return summarize(outcomes, time.perf_counter() - start)
