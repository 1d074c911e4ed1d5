"""One scenario's figures: the whole, by turn number and by channel, and the CPU each process used."""
from collections.abc import Sequence
from dataclasses import dataclass

from bench.cpu import CpuUse
from bench.stats import Summary, by_channel, by_kind, by_turn, conversations, summarize
from bench.targets import Outcome

CLOSED, LONG, OPEN = "closed", "long", "open"  # the scenarios, in the order a run does them
ONE_SESSION = 1  # the closed-loop level of one session (the gateway-against-parse aim)


@dataclass(frozen=True)
class Run:
    """What a runner collected."""

    outcomes: list[Outcome]
    seconds: float  # wall time from the first send to the last answer
    max_send_lag_ms: float | None = None  # paced runs: how late the generator itself started a send


@dataclass(frozen=True)
class ScenarioResult:
    scenario: str  # closed, long or open
    target: str  # gateway or rasa
    sessions: int  # concurrent (closed) or paced virtual users (long, open)
    summary: Summary
    by_turn: dict[int, Summary]  # by the turn's number in its conversation
    by_channel: dict[str, Summary]  # chat, hotline
    by_kind: dict[str, Summary]  # turns of cost conversations, of FAQ questions
    conversations: dict[str, int]  # begun in the scenario, by "<kind> <channel>"
    cpu: list[CpuUse]
    max_send_lag_ms: float | None  # paced scenarios: large values mean the generator was the bottleneck


def scenario_result(scenario: str, target: str, sessions: int, run: Run, cpu: list[CpuUse]) -> ScenarioResult:
    return ScenarioResult(
        scenario,
        target,
        sessions,
        summarize(run.outcomes, run.seconds),
        by_turn(run.outcomes, run.seconds),
        by_channel(run.outcomes, run.seconds),
        by_kind(run.outcomes, run.seconds),
        conversations(run.outcomes),
        cpu,
        run.max_send_lag_ms,
    )


def find(results: Sequence[ScenarioResult], scenario: str, target: str, sessions: int | None = None
         ) -> ScenarioResult | None:
    return next(
        (r for r in results if (r.scenario, r.target) == (scenario, target) and sessions in (None, r.sessions)), None
    )
