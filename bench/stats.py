"""Latency percentiles, throughput, error counts and answer kinds of a scenario, whole or by group."""
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from bench.targets import Outcome

PERCENTILES = (50, 95, 99)
K = TypeVar("K", int, str)


def percentiles(values: Sequence[float], points: Iterable[int] = PERCENTILES) -> dict[int, float | None]:
    """Linear interpolation between closest ranks (numpy's default); None for no values."""
    points = tuple(points)
    if not values:
        return {p: None for p in points}
    if len(values) == 1:
        return {p: float(values[0]) for p in points}
    cuts = statistics.quantiles(values, n=100, method="inclusive")  # cuts[k - 1] is the k-th percentile
    return {p: cuts[p - 1] for p in points}


@dataclass(frozen=True)
class Summary:
    requests: int
    ok: int
    errors: dict[str, int]  # error kind -> count
    p50_ms: float | None  # percentiles of the good answers only; errors are counted apart
    p95_ms: float | None
    p99_ms: float | None
    seconds: float
    throughput_rps: float  # good answers per second of wall time
    kinds: dict[str, int]  # the gateway's meta.kind of the good answers -> count (none for bare parse)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def summarize(outcomes: Sequence[Outcome], seconds: float) -> Summary:
    good = [o for o in outcomes if o.error is None]
    pct = percentiles([o.latency_ms for o in good])
    return Summary(
        requests=len(outcomes),
        ok=len(good),
        errors=dict(Counter(o.error for o in outcomes if o.error is not None)),
        p50_ms=pct[50],
        p95_ms=pct[95],
        p99_ms=pct[99],
        seconds=seconds,
        throughput_rps=len(good) / seconds if seconds > 0 else 0.0,
        kinds=dict(Counter(o.kind for o in good if o.kind is not None)),
    )


def summarize_by(outcomes: Sequence[Outcome], key: Callable[[Outcome], K], seconds: float) -> dict[K, Summary]:
    """One summary per group (turn number, channel ...), in the groups' order; throughput over the
    scenario's whole wall time."""
    groups: dict[K, list[Outcome]] = {}
    for outcome in outcomes:
        groups.setdefault(key(outcome), []).append(outcome)
    return {group: summarize(groups[group], seconds) for group in sorted(groups)}


def by_turn(outcomes: Sequence[Outcome], seconds: float) -> dict[int, Summary]:
    """By the turn's number in its conversation (1 = a conversation's first turn)."""
    return summarize_by(outcomes, lambda o: o.turn.number, seconds)


def by_channel(outcomes: Sequence[Outcome], seconds: float) -> dict[str, Summary]:
    return summarize_by(outcomes, lambda o: o.turn.channel, seconds)


def by_kind(outcomes: Sequence[Outcome], seconds: float) -> dict[str, Summary]:
    """By the kind of conversation the turn belongs to: cost or faq."""
    return summarize_by(outcomes, lambda o: o.turn.kind, seconds)


def conversations(outcomes: Sequence[Outcome]) -> dict[str, int]:
    """How many conversations were sent, by "<kind> <channel>" (e.g. "cost chat")."""
    seen = {o.turn.conversation: f"{o.turn.kind} {o.turn.channel}" for o in outcomes if o.turn.number == 1}
    return dict(sorted(Counter(seen.values()).items()))
