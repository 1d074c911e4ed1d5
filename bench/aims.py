"""The targets the README states, reported against (never asserted)."""
from collections.abc import Sequence
from dataclasses import dataclass

from bench.stats import Summary

GATEWAY_OVER_PARSE_P50 = 1.5
OPEN_LOOP_P95_MS = 300.0


@dataclass(frozen=True)
class LevelResult:
    level: int  # concurrent sessions
    target: str
    summary: Summary


@dataclass(frozen=True)
class Aim:
    goal: str
    measured: str
    met: bool | None  # None: not measured in this run

    @property
    def verdict(self) -> str:
        return {True: "met", False: "not met", None: "not measured"}[self.met]


def _level(closed: Sequence[LevelResult], level: int, target: str) -> Summary | None:
    return next((r.summary for r in closed if r.level == level and r.target == target), None)


def single_session_aim(closed: Sequence[LevelResult]) -> Aim:
    goal = f"one session: gateway turn p50 <= {GATEWAY_OVER_PARSE_P50}x bare Rasa parse p50"
    gateway, rasa = _level(closed, 1, "gateway"), _level(closed, 1, "rasa")
    if gateway is None or rasa is None or gateway.p50_ms is None or not rasa.p50_ms:
        return Aim(goal, "no single-session data", None)
    ratio = gateway.p50_ms / rasa.p50_ms
    measured = f"{gateway.p50_ms:.0f} ms / {rasa.p50_ms:.0f} ms = {ratio:.2f}x"
    return Aim(goal, measured, ratio <= GATEWAY_OVER_PARSE_P50)


def open_loop_aim(summary: Summary | None) -> Aim:
    goal = f"open loop: gateway p95 < {OPEN_LOOP_P95_MS:.0f} ms and no error"
    if summary is None or summary.requests == 0:
        return Aim(goal, "not run", None)
    p95 = "n/a" if summary.p95_ms is None else f"{summary.p95_ms:.0f} ms"
    measured = f"p95 {p95}, {summary.error_count} errors in {summary.requests} requests"
    met = summary.p95_ms is not None and summary.p95_ms < OPEN_LOOP_P95_MS and summary.error_count == 0
    return Aim(goal, measured, met)
