"""The run's results as a console report, JSON (reports/bench.json) and Markdown (reports/bench.md)."""
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bench.aims import LATE_TURN, Aim
from bench.config import BenchConfig
from bench.cpu import ELSEWHERE
from bench.machine import ProcessMemory
from bench.processes import LOAD_GENERATOR
from bench.results import CLOSED, LONG, OPEN, ScenarioResult, find
from bench.stats import Summary
from bench.targets import RASA_TURN

TARGET_LABELS = {"gateway": "gateway", "rasa": "Rasa /model/parse", RASA_TURN: "Rasa /webhooks/rest (no gateway)"}
PROCESS_LABELS = {
    "action": "action server",
    "rasa": "Rasa",
    "gateway": "gateway",
    LOAD_GENERATOR: "load generator",
    ELSEWHERE: "rest of the machine",
}
SHOWN_TURNS = (1, 2, 3, 5, 10, 15, 20, 25, LATE_TURN)


@dataclass(frozen=True)
class BenchResult:
    started_at: str  # ISO 8601, local time
    config: BenchConfig
    cpu_count: int
    training_seconds: int | None
    scenarios: list[ScenarioResult]
    aims: list[Aim]
    memory: list[ProcessMemory]
    settled_seconds: float  # waited between scenarios for the services to be idle
    stopped_early: bool  # the run's own request count or duration ran out


def to_json(result: BenchResult) -> dict[str, Any]:
    data = dataclasses.asdict(result)
    data["aims"] = [{**dataclasses.asdict(aim), "verdict": aim.verdict} for aim in result.aims]
    return data


def process_label(name: str) -> str:
    """rasa -> Rasa, rasa-1 -> Rasa 1, gateway-0 -> gateway 0, bench -> load generator."""
    base, _, number = name.partition("-")
    label = PROCESS_LABELS.get(base, base)
    return f"{label} {number}" if number else label


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _errors(summary: Summary) -> str:
    if not summary.errors:
        return "0"
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(summary.errors.items()))
    return f"{summary.error_count} ({kinds})"


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in sorted(counts.items(), key=lambda item: -item[1])) or "none"


def _mib(memory: ProcessMemory) -> str:
    if memory.rss_kib is None:
        return "not running"
    extra = f" ({memory.processes} processes)" if memory.processes > 1 else ""
    return f"{memory.rss_kib / 1024:.0f} MiB{extra}"


def _latency_cells(summary: Summary) -> list[str]:
    return [str(summary.requests), _errors(summary), _ms(summary.p50_ms), _ms(summary.p95_ms), _ms(summary.p99_ms)]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: list[list[str]]
    numeric: tuple[bool, ...]  # right-aligned in Markdown


@dataclass(frozen=True)
class Section:
    title: str
    prose: list[str]
    table: Table | None = None


_LATENCY = ("requests", "errors", "p50 ms", "p95 ms", "p99 ms")


def _closed(results: Sequence[ScenarioResult]) -> Section:
    rows = [
        [str(r.sessions), TARGET_LABELS.get(r.target, r.target), *_latency_cells(r.summary),
         f"{r.summary.throughput_rps:.1f}"]
        for r in results
        if r.scenario == CLOSED
    ]
    table = Table(("sessions", "target", *_LATENCY, "answers/s"), rows, (True, False, True, True, True, True, True, True))
    prose = ["Each virtual user sends its next turn when the answer arrives; both targets get the same texts. "
             "In one session Rasa's REST channel gets them too: the bot's whole turn without the gateway."]
    return Section("Closed loop: the gateway next to bare Rasa NLU", prose, table)


def _long(result: ScenarioResult | None, config: BenchConfig) -> Section:
    title = f"Long sessions: turn 1 against turn {LATE_TURN}"
    if result is None:
        return Section(title, ["not run"])
    last = max(result.by_turn, default=0)
    shown = [n for n in dict.fromkeys((*SHOWN_TURNS, last)) if n in result.by_turn]
    rows = [[str(n), *_latency_cells(result.by_turn[n])] for n in shown]
    prose = [
        f"{result.sessions} web-chat sessions of {last} turns (FAQ questions and cost conversations one after "
        f"another in one session, so the tracker grows), {config.long_concurrency} at a time, each sending its "
        f"next turn when the answer arrives: {result.summary.requests} turns, errors {_errors(result.summary)}."
    ]
    return Section(title, prose, Table(("turn", *_LATENCY), rows, (True,) * 6))


def _open(result: ScenarioResult | None, config: BenchConfig) -> Section:
    title = "Open loop: the real mix on a schedule"
    shape = (
        f"{config.open_sessions} virtual users, each sending a turn every {config.open_interval:g} s "
        f"± {config.open_jitter:g} s for {config.open_seconds:g} s, planned in advance"
    )
    if result is None or result.summary.requests == 0:
        return Section(title, [f"{shape}: not run"])
    s = result.summary
    lag = "-" if result.max_send_lag_ms is None else f"{result.max_send_lag_ms:.0f}"
    prose = [
        f"{shape}. Conversations begun: {_counts(result.conversations)}. Answers: {_counts(s.kinds)}. "
        f"The generator started sends at most {lag} ms late.",
    ]
    groups = [("all turns", s)]
    groups += [(f"{channel} turns", summary) for channel, summary in result.by_channel.items()]
    groups += [(f"{kind} conversation turns", summary) for kind, summary in result.by_kind.items()]
    groups += [(f"turn {n} of a conversation", summary) for n, summary in result.by_turn.items()]
    rows = [[name, *_latency_cells(summary)] for name, summary in groups]
    return Section(title, prose, Table(("turns", *_LATENCY), rows, (False,) + (True,) * 5))


def _scenario_label(result: ScenarioResult) -> str:
    if result.scenario == CLOSED:
        return f"closed {result.sessions}, {TARGET_LABELS.get(result.target, result.target)}"
    return f"{result.scenario} {result.sessions}, {result.target}"


def _cpu(results: Sequence[ScenarioResult], cores: int) -> Section:
    names = list(dict.fromkeys(use.process for r in results for use in r.cpu))
    rows = []
    for r in results:
        uses = {use.process: use for use in r.cpu}
        cells = []
        for name in names:
            use = uses.get(name)
            if use is None or use.seconds is None:
                cells.append("-")
            else:
                per_turn = "-" if use.per_turn_ms is None else f"{use.per_turn_ms:.1f}"
                cells.append(f"{per_turn} ({use.seconds:.1f} s)")
        rows.append([_scenario_label(r), str(r.summary.ok), f"{r.summary.seconds:.1f}", *cells])
    prose = [
        "User + system CPU of each process and its children during the scenario, in ms per answered turn "
        f"(total seconds in brackets; the {cores} cores offer {cores} × the wall time); '-' when the process was not running "
        "throughout. The rest of the machine is every other process and the kernel: other work on shared cores."
    ]
    columns = ("scenario", "answered", "wall s", *map(process_label, names))
    table = Table(columns, rows, (False,) + (True,) * (2 + len(names)))
    return Section("CPU per turn", prose, table)


def _notes(result: BenchResult) -> list[str]:
    notes = [f"Between scenarios the run waited {result.settled_seconds:.0f} s in all for Rasa to be idle again."]
    if any("http 429" in r.summary.errors for r in result.scenarios):
        notes.append(
            "http 429 is the gateway's rate limit: run it with RATE_CLIENT_PER_MIN, RATE_SESSION_PER_MIN and "
            "RATE_HOTLINE_CLIENT_PER_MIN raised to measure capacity."
        )
    if result.stopped_early:
        notes.append("The run's request or time budget ran out before every scenario finished.")
    return notes


def sections(result: BenchResult) -> list[Section]:
    training = "unknown" if result.training_seconds is None else f"{result.training_seconds} s"
    memory = ", ".join(f"{process_label(m.name)} {_mib(m)}" for m in result.memory) or "no pid files found"
    aims = Table(
        ("aim", "measured", "verdict"), [[a.goal, a.measured, a.verdict] for a in result.aims], (False, False, False)
    )
    intro = [
        f"The load generator runs on the same {result.cpu_count} cores. A gateway turn is a whole turn (NLU, "
        "dialogue, actions; web chat with its region, or a hotline transcript); Rasa /model/parse is NLU alone. "
        "Latencies are of good answers; errors are non-2xx, the gateway's busy answer and timeouts "
        f"(> {result.config.timeout:g} s).",
    ]
    return [
        Section(f"Load test (`make bench`, {result.started_at}, {result.cpu_count} cores)", intro),
        Section("Aims of issue 14", [], aims),
        _closed(result.scenarios),
        _long(find(result.scenarios, LONG, "gateway"), result.config),
        _open(find(result.scenarios, OPEN, "gateway"), result.config),
        _cpu(result.scenarios, result.cpu_count),
        Section("Machine", [f"Resident memory after the load: {memory}.", f"Training time: {training}."]),
        Section("Notes", _notes(result)),
    ]


def _text_table(table: Table) -> list[str]:
    rows = [list(table.columns), *table.rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(table.columns))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * width for width in widths))
    return lines


def render_text(result: BenchResult) -> str:
    lines: list[str] = []
    for section in sections(result):
        lines += [section.title, *(f"  {line}" for line in section.prose)]
        if section.table is not None:
            lines += _text_table(section.table)
        lines.append("")
    return "\n".join(lines)


def _markdown_table(table: Table) -> list[str]:
    align = "|" + "|".join("---:" if right else "---" for right in table.numeric) + "|"
    return ["| " + " | ".join(table.columns) + " |", align, *("| " + " | ".join(row) + " |" for row in table.rows)]


def render_markdown(result: BenchResult) -> str:
    lines: list[str] = []
    for n, section in enumerate(sections(result)):
        lines += [("### " if n == 0 else "#### ") + section.title, ""]
        if section.prose:
            lines += [*section.prose, ""]
        if section.table is not None:
            lines += [*_markdown_table(section.table), ""]
    return "\n".join(lines)
