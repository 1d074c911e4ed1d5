"""The run's results as a console table, JSON (reports/bench.json) and a Markdown snippet for the README."""
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bench.aims import Aim, LevelResult
from bench.config import BenchConfig
from bench.machine import ProcessMemory
from bench.open_loop import OpenLoopResult
from bench.stats import Summary

TARGET_LABELS = {"gateway": "gateway POST /api/chat", "rasa": "Rasa POST /model/parse"}
SERVICE_LABELS = {"action": "action server", "rasa": "Rasa", "gateway": "gateway"}


@dataclass(frozen=True)
class BenchResult:
    started_at: str  # ISO 8601, local time
    config: BenchConfig
    cpu_count: int
    training_seconds: int | None
    closed: list[LevelResult]
    open_loop: OpenLoopResult | None
    aims: list[Aim]
    memory: list[ProcessMemory]
    settled_seconds: float  # waited between scenarios for the services to be idle
    stopped_early: bool  # the run's own request count or duration ran out


def to_json(result: BenchResult) -> dict[str, Any]:
    data = dataclasses.asdict(result)
    data["aims"] = [{**dataclasses.asdict(aim), "verdict": aim.verdict} for aim in result.aims]
    return data


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _errors(summary: Summary) -> str:
    if not summary.errors:
        return "0"
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(summary.errors.items()))
    return f"{summary.error_count} ({kinds})"


def _mib(memory: ProcessMemory) -> str:
    if memory.rss_kib is None:
        return "not running"
    extra = f" ({memory.processes} processes)" if memory.processes > 1 else ""
    return f"{memory.rss_kib / 1024:.0f} MiB{extra}"


def _training(result: BenchResult) -> str:
    return "unknown" if result.training_seconds is None else f"{result.training_seconds} s"


def _open_loop_line(result: BenchResult) -> str:
    cfg = result.config
    shape = (
        f"{cfg.open_sessions} sessions, one message every {cfg.open_interval:g} s ± {cfg.open_jitter:g} s "
        f"for {cfg.open_seconds:g} s"
    )
    if result.open_loop is None or result.open_loop.summary.requests == 0:
        return f"{shape}: not run"
    s = result.open_loop.summary
    return (
        f"{shape}: {s.requests} requests, p50 {_ms(s.p50_ms)} ms, p95 {_ms(s.p95_ms)} ms, "
        f"p99 {_ms(s.p99_ms)} ms, errors {_errors(s)}; the generator started sends at most "
        f"{result.open_loop.max_send_lag_ms:.0f} ms late"
    )


_COLUMNS = ("sessions", "target", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "req/s")


def _closed_rows(closed: Sequence[LevelResult]) -> list[list[str]]:
    return [
        [
            str(r.level),
            TARGET_LABELS.get(r.target, r.target),
            str(r.summary.requests),
            _errors(r.summary),
            _ms(r.summary.p50_ms),
            _ms(r.summary.p95_ms),
            _ms(r.summary.p99_ms),
            f"{r.summary.throughput_rps:.1f}",
        ]
        for r in closed
    ]


def _notes(result: BenchResult) -> list[str]:
    notes = [f"Between scenarios the run waited {result.settled_seconds:.0f} s in all for Rasa to be idle again."]
    summaries = [r.summary for r in result.closed] + ([result.open_loop.summary] if result.open_loop else [])
    if any("http 429" in s.errors for s in summaries):
        notes.append(
            "http 429 is the gateway's rate limit: run it with RATE_CLIENT_PER_MIN and RATE_SESSION_PER_MIN "
            "raised to measure capacity."
        )
    if result.stopped_early:
        notes.append("The run's request or time budget ran out before every scenario finished.")
    return notes


def render_table(result: BenchResult) -> str:
    rows = [list(_COLUMNS)] + _closed_rows(result.closed)
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    lines = ["Closed loop (each session sends its next message when the answer arrives)"]
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * width for width in widths))
    lines += ["", "Open loop (gateway): " + _open_loop_line(result), "", "Aims"]
    lines += [f"  {aim.goal}: {aim.measured} -> {aim.verdict}" for aim in result.aims]
    lines += ["", "Resident memory after the load (VmRSS)"]
    lines += [f"  {SERVICE_LABELS.get(m.name, m.name)}: {_mib(m)}" for m in result.memory]
    lines += ["", f"Cores: {result.cpu_count}   Training: {_training(result)}   Started: {result.started_at}"]
    lines += _notes(result)
    return "\n".join(lines) + "\n"


def render_markdown(result: BenchResult) -> str:
    header = "| " + " | ".join(_COLUMNS) + " |"
    align = "|---:|---|---:|---:|---:|---:|---:|---:|"
    rows = ["| " + " | ".join(row) + " |" for row in _closed_rows(result.closed)]
    aims = [f"| {aim.goal} | {aim.measured} | {aim.verdict} |" for aim in result.aims]
    memory = ", ".join(f"{SERVICE_LABELS.get(m.name, m.name)} {_mib(m)}" for m in result.memory)
    parts = [
        f"### Load test (`make bench`, {result.started_at}, {result.cpu_count} cores)",
        "",
        "The load generator runs on the same machine. Gateway = a whole chat turn (NLU, dialogue "
        "policies, actions); Rasa = NLU alone. Latencies are of successful answers; errors are non-2xx, "
        f"timeouts (> {result.config.timeout:g} s) and the gateway's 系统繁忙 reply.",
        "",
        "Closed loop: each session sends its next message when the answer arrives "
        f"(at most {result.config.messages_per_session} messages per session, "
        f"{result.config.level_seconds:g} s per level and target).",
        "",
        header,
        align,
        *rows,
        "",
        f"Open loop (gateway): {_open_loop_line(result)}.",
        "",
        "| aim | measured | |",
        "|---|---|---|",
        *aims,
        "",
        f"Resident memory after the load (VmRSS): {memory}. Training time: {_training(result)}.",
        "",
        *_notes(result),
    ]
    return "\n".join(parts) + "\n"
