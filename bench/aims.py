"""The issue's aims, reported against (never asserted): met, not met, or not measured in this run."""
from collections.abc import Sequence
from dataclasses import dataclass

from bench.results import CLOSED, LONG, ONE_SESSION, OPEN, ScenarioResult, find
from bench.targets import RASA_TURN

GATEWAY_OVER_PARSE_P50 = 1.5
OPEN_LOOP_P95_MS = 300.0
LATE_TURN = 30
LATE_OVER_FIRST_P95 = 1.2
MIN_TURN_ANSWERS = 10  # a p95 of fewer answers is their maximum: no verdict on it (--quick runs two sessions)


@dataclass(frozen=True)
class Aim:
    goal: str
    measured: str
    met: bool | None  # None: not measured in this run

    @property
    def verdict(self) -> str:
        return {True: "met", False: "not met", None: "not measured"}[self.met]


def single_session_aim(results: Sequence[ScenarioResult]) -> Aim:
    goal = f"one session: gateway turn p50 <= {GATEWAY_OVER_PARSE_P50}x bare Rasa parse p50"
    gateway, rasa = find(results, CLOSED, "gateway", ONE_SESSION), find(results, CLOSED, "rasa", ONE_SESSION)
    if gateway is None or rasa is None or gateway.summary.p50_ms is None or not rasa.summary.p50_ms:
        return Aim(goal, "no single-session data", None)
    ratio = gateway.summary.p50_ms / rasa.summary.p50_ms
    measured = f"{gateway.summary.p50_ms:.0f} ms / {rasa.summary.p50_ms:.0f} ms = {ratio:.2f}x"
    bot_turn = find(results, CLOSED, RASA_TURN, ONE_SESSION)
    if bot_turn is not None and bot_turn.summary.p50_ms is not None:
        # where the rest goes: the bot's own turn in Rasa, and the gateway's work around it
        within = bot_turn.summary.p50_ms / rasa.summary.p50_ms
        measured += f" (the bot's turn in Rasa without the gateway {bot_turn.summary.p50_ms:.0f} ms = {within:.2f}x)"
    return Aim(goal, measured, ratio <= GATEWAY_OVER_PARSE_P50)


def open_loop_aim(results: Sequence[ScenarioResult]) -> Aim:
    goal = f"open loop, real mix: gateway p95 < {OPEN_LOOP_P95_MS:.0f} ms and no error"
    found = find(results, OPEN, "gateway")
    if found is None or found.summary.requests == 0:
        return Aim(goal, "not run", None)
    summary = found.summary
    p95 = "n/a" if summary.p95_ms is None else f"{summary.p95_ms:.0f} ms"
    measured = f"p95 {p95}, {summary.error_count} errors in {summary.requests} requests"
    met = summary.p95_ms is not None and summary.p95_ms < OPEN_LOOP_P95_MS and summary.error_count == 0
    return Aim(goal, measured, met)


def turn_growth_aim(results: Sequence[ScenarioResult]) -> Aim:
    goal = f"long sessions: p95 at turn {LATE_TURN} <= {LATE_OVER_FIRST_P95}x p95 at turn 1"
    found = find(results, LONG, "gateway")
    first = found.by_turn.get(1) if found else None
    late = found.by_turn.get(LATE_TURN) if found else None
    if first is None or late is None or first.p95_ms is None or late.p95_ms is None or not first.p95_ms:
        return Aim(goal, f"no answers at turn 1 and turn {LATE_TURN}", None)
    ratio = late.p95_ms / first.p95_ms
    errors = late.error_count + first.error_count
    measured = f"{late.p95_ms:.0f} ms / {first.p95_ms:.0f} ms = {ratio:.2f}x ({late.ok} and {first.ok} answers; {errors} errors)"
    if min(late.ok, first.ok) < MIN_TURN_ANSWERS:
        return Aim(goal, f"{measured}; too few answers for a verdict (at least {MIN_TURN_ANSWERS})", None)
    return Aim(goal, measured, ratio <= LATE_OVER_FIRST_P95 and errors == 0)


def all_aims(results: Sequence[ScenarioResult]) -> list[Aim]:
    return [open_loop_aim(results), single_session_aim(results), turn_growth_aim(results)]
