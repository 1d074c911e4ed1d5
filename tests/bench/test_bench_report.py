import json

from bench.aims import LevelResult, open_loop_aim, single_session_aim
from bench.config import QUICK
from bench.machine import ProcessMemory
from bench.open_loop import OpenLoopResult
from bench.report import BenchResult, render_markdown, render_table, to_json
from bench.stats import Summary


def _summary(p50, p95, p99, requests=100, errors=None, rps=12.5):
    errors = errors or {}
    return Summary(requests, requests - sum(errors.values()), errors, p50, p95, p99, 8.0, rps)


def _result(training=None, open_errors=None, closed_errors=None) -> BenchResult:
    closed = [
        LevelResult(1, "rasa", _summary(41.2, 55.0, 61.0)),
        LevelResult(1, "gateway", _summary(73.6, 98.0, 130.4)),
        LevelResult(100, "gateway", _summary(2480.0, 5230.0, 7301.0, errors=closed_errors or {"timeout": 3, "http 502": 1},
                                            rps=33.3)),
    ]
    open_loop = OpenLoopResult(_summary(90.0, 240.0, 410.0, requests=2000, errors=open_errors), 12.0)
    return BenchResult(
        started_at="2025-01-02T03:04:05+08:00",
        config=QUICK,
        cpu_count=2,
        training_seconds=training,
        closed=closed,
        open_loop=open_loop,
        aims=[single_session_aim(closed), open_loop_aim(open_loop.summary)],
        memory=[ProcessMemory("action", 11, 150 * 1024, 1), ProcessMemory("rasa", 12, 900 * 1024, 3),
                ProcessMemory("gateway", None, None, 0)],
        settled_seconds=12.4,
        stopped_early=False,
    )


def test_table_has_a_row_per_level_and_target_with_its_figures():
    lines = render_table(_result()).splitlines()
    row = next(line for line in lines if line.startswith("100 ") and "gateway" in line)
    assert row.split()[:3] == ["100", "gateway", "POST"]
    for figure in ("2480", "5230", "7301", "33.3", "4 (http 502 1, timeout 3)"):
        assert figure in row
    assert sum("Rasa POST /model/parse" in line for line in lines) == 1
    header = next(line for line in lines if line.startswith("sessions"))
    assert row.index("2480") == header.index("p50 ms")  # columns line up


def test_table_reports_aims_memory_cores_and_training():
    text = render_table(_result(training=None, open_errors={"timeout": 2}))
    assert "74 ms / 41 ms = 1.79x -> not met" in text
    assert "p95 240 ms, 2 errors in 2000 requests -> not met" in text
    assert "Rasa: 900 MiB (3 processes)" in text and "gateway: not running" in text
    assert "Cores: 2" in text and "Training: unknown" in text


def test_open_loop_without_errors_under_300_ms_is_met():
    assert "2000 requests -> met" in render_table(_result())


def test_markdown_is_a_table_the_readme_can_take():
    text = render_markdown(_result(training=655))
    lines = text.splitlines()
    assert lines[0].startswith("### Load test") and "2 cores" in lines[0]
    table = [line for line in lines if line.startswith("| ") and "POST" in line]
    assert len(table) == 3 and all(line.count("|") == 9 for line in table)
    assert "| open loop: gateway p95 < 300 ms and no error | p95 240 ms, 0 errors in 2000 requests | met |" in text
    assert "Training time: 655 s" in text


def test_json_holds_every_figure_and_verdict():
    data = json.loads(json.dumps(to_json(_result(training=655)), ensure_ascii=False))
    assert data["cpu_count"] == 2 and data["training_seconds"] == 655
    assert data["closed"][2]["summary"]["errors"] == {"timeout": 3, "http 502": 1}
    assert data["open_loop"]["summary"]["p95_ms"] == 240.0
    assert [aim["verdict"] for aim in data["aims"]] == ["not met", "met"]
    assert data["memory"][1]["rss_kib"] == 900 * 1024
    assert data["config"]["levels"] == [1, 10, 50, 100]


def test_notes_say_how_long_the_run_settled_and_what_429_means():
    plain = render_table(_result())
    assert "waited 12 s in all" in plain
    assert "rate limit" not in plain
    limited = render_markdown(_result(closed_errors={"http 429": 40}))
    assert "40 (http 429 40)" in limited and "RATE_CLIENT_PER_MIN" in limited
