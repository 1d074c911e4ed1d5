"""Latency percentiles, throughput and error counts of one scenario."""
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bench.targets import Outcome

PERCENTILES = (50, 95, 99)


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

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def summarize(outcomes: Sequence[Outcome], seconds: float) -> Summary:
    good = [o.latency_ms for o in outcomes if o.error is None]
    pct = percentiles(good)
    return Summary(
        requests=len(outcomes),
        ok=len(good),
        errors=dict(Counter(o.error for o in outcomes if o.error is not None)),
        p50_ms=pct[50],
        p95_ms=pct[95],
        p99_ms=pct[99],
        seconds=seconds,
        throughput_rps=len(good) / seconds if seconds > 0 else 0.0,
    )
