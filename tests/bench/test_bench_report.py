import json

from bench_fakes import scenario, summary

from bench.aims import all_aims
from bench.config import QUICK
from bench.cpu import CpuUse
from bench.machine import ProcessMemory
from bench.report import BenchResult, process_label, render_markdown, render_text, to_json
from bench.results import CLOSED, LONG, OPEN


def _cpu(rasa_ms=60.0):
    return [CpuUse("action", 0.5, 5.0), CpuUse("rasa-0", 6.0, rasa_ms), CpuUse("rasa-1", None, None),
            CpuUse("gateway", 1.2, 12.0), CpuUse("bench", 0.3, 3.0), CpuUse("elsewhere", 9.0, 90.0)]


def _result(training=None, open_errors=None, closed_errors=None) -> BenchResult:
    long_turns = {n: summary(100.0 + n, 150.0 + n, 160.0 + n, requests=12) for n in range(1, 34)}
    scenarios = [
        scenario(CLOSED, "rasa", 1, summary(41.2, 55.0, 61.0), cpu=_cpu(20.0)),
        scenario(CLOSED, "gateway", 1, summary(73.6, 98.0, 130.4), cpu=_cpu()),
        scenario(CLOSED, "gateway", 100, summary(2480.0, 5230.0, 7301.0, rps=33.3,
                                                 errors=closed_errors or {"timeout": 3, "http 502": 1}), cpu=_cpu()),
        scenario(LONG, "gateway", 12, summary(120.0, 180.0, 190.0, requests=396), by_turn=long_turns, cpu=_cpu()),
        scenario(
            OPEN, "gateway", 100,
            summary(90.0, 240.0, 410.0, requests=2000, errors=open_errors, kinds={"answer": 900, "estimate": 300}),
            by_turn={1: summary(80.0, 200.0, 300.0, requests=800), 2: summary(95.0, 250.0, 420.0, requests=700)},
            by_channel={"chat": summary(85.0, 230.0, 400.0, requests=1600),
                        "hotline": summary(110.0, 260.0, 420.0, requests=400)},
            by_kind={"cost": summary(120.0, 260.0, 430.0, requests=1300), "faq": summary(70.0, 200.0, 380.0, requests=700)},
            conversations={"cost chat": 150, "faq chat": 310, "cost hotline": 40, "faq hotline": 75},
            cpu=_cpu(), lag=12.0,
        ),
    ]
    return BenchResult(
        started_at="2025-01-02T03:04:05+08:00",
        config=QUICK,
        cpu_count=2,
        training_seconds=training,
        scenarios=scenarios,
        aims=all_aims(scenarios),
        memory=[ProcessMemory("action", 11, 150 * 1024, 1), ProcessMemory("rasa-0", 12, 900 * 1024, 3),
                ProcessMemory("gateway", None, None, 0), ProcessMemory("bench", 13, 40 * 1024, 1)],
        settled_seconds=12.4,
        stopped_early=False,
    )


def _line(text, start, *needles):
    return next(line for line in text.splitlines() if line.startswith(start) and all(n in line for n in needles))


def test_closed_loop_table_has_a_row_per_level_and_target_with_its_figures():
    text = render_text(_result())
    row = _line(text, "100 ", "gateway")
    for figure in ("2480", "5230", "7301", "33.3", "4 (http 502 1, timeout 3)"):
        assert figure in row
    assert sum(line[:1].isdigit() and "Rasa /model/parse" in line for line in text.splitlines()) == 1
    header = _line(text, "sessions")
    assert row.index("2480") == header.index("p50 ms")  # columns line up


def test_long_sessions_show_turn_1_and_turn_30_and_the_last():
    text = render_markdown(_result())
    assert "| 1 | 12 | 0 | 101 | 151 | 161 |" in text
    assert "| 30 | 12 | 0 | 130 | 180 | 190 |" in text
    assert "| 33 | 12 | 0 | 133 | 183 | 193 |" in text
    assert "| 4 | 12 |" not in text  # only some turns are shown; JSON holds every one


def test_open_loop_shows_the_mix_sent_and_latency_by_channel_kind_and_turn():
    text = render_text(_result())
    assert "Conversations begun: faq chat 310, cost chat 150, faq hotline 75, cost hotline 40" in text
    assert "Answers: answer 900, estimate 300" in text
    for start, figure in (("hotline turns", "260"), ("cost conversation turns", "430"),
                          ("turn 2 of a conversation", "250"), ("all turns", "240")):
        assert figure in _line(text, start)


def test_cpu_table_has_a_column_per_process_and_a_row_per_scenario():
    text = render_text(_result())
    header = _line(text, "scenario")
    labels = ("wall s", "action server", "Rasa 0", "Rasa 1", "gateway", "load generator", "rest of the machine")
    assert [label in header for label in labels] == [True] * 7
    row = _line(text, "closed 1, Rasa /model/parse")
    assert "20.0 (6.0 s)" in row and "5.0 (0.5 s)" in row and " - " in row  # rasa-1 was not running
    assert row.endswith("90.0 (9.0 s)") and " 8.0 " in row  # other work on the cores; the wall time
    assert "the 2 cores offer 2 × the wall time" in text
    assert "60.0 (6.0 s)" in _line(text, "open 100, gateway")


def test_aims_memory_cores_and_training():
    text = render_text(_result(training=None, open_errors={"timeout": 2}))
    assert "74 ms / 41 ms = 1.79x" in _line(text, "one session") and _line(text, "one session").endswith("not met")
    assert _line(text, "open loop, real mix").endswith("not met") and "2 errors in 2000 requests" in text
    assert "180 ms / 151 ms = 1.19x" in _line(text, "long sessions:") and _line(text, "long sessions:").endswith("met")
    assert "Rasa 0 900 MiB (3 processes)" in text and "gateway not running" in text and "load generator 40 MiB" in text
    assert "same 2 cores" in text and "Training time: unknown" in text


def test_open_loop_without_errors_under_300_ms_is_met():
    assert "| open loop, real mix: gateway p95 < 300 ms and no error | p95 240 ms, 0 errors in 2000 requests | met |" \
        in render_markdown(_result())


def test_markdown_tables_are_well_formed():
    lines = render_markdown(_result(training=655)).splitlines()
    assert lines[0].startswith("### Load test") and "2 cores" in lines[0]
    tables = [line for line in lines if line.startswith("|")]
    assert len(tables) > 20
    block: list[str] = []
    for line in [*lines, ""]:
        if line.startswith("|"):
            block.append(line)
        elif block:
            assert len({row.count("|") for row in block}) == 1, block  # every row has the header's cells
            assert set(block[1]) <= set("|-:")
            block = []
    assert "Training time: 655 s" in "\n".join(lines)


def test_json_holds_every_figure_and_verdict():
    data = json.loads(json.dumps(to_json(_result(training=655)), ensure_ascii=False))
    assert data["cpu_count"] == 2 and data["training_seconds"] == 655
    assert data["scenarios"][2]["summary"]["errors"] == {"timeout": 3, "http 502": 1}
    assert data["scenarios"][3]["by_turn"]["30"]["p95_ms"] == 180.0
    assert data["scenarios"][4]["by_channel"]["hotline"]["requests"] == 400
    assert data["scenarios"][4]["cpu"][1] == {"process": "rasa-0", "seconds": 6.0, "per_turn_ms": 60.0}
    assert [aim["verdict"] for aim in data["aims"]] == ["met", "not met", "met"]
    assert data["memory"][1]["rss_kib"] == 900 * 1024
    assert data["config"]["levels"] == [1, 10, 50, 100]


def test_notes_say_how_long_the_run_settled_and_what_429_means():
    plain = render_text(_result())
    assert "waited 12 s in all" in plain
    assert "rate limit" not in plain
    limited = render_markdown(_result(closed_errors={"http 429": 40}))
    assert "40 (http 429 40)" in limited and "RATE_HOTLINE_CLIENT_PER_MIN" in limited


def test_process_labels():
    assert [process_label(n) for n in ("rasa", "rasa-1", "gateway-0", "action", "bench", "redis")] == [
        "Rasa", "Rasa 1", "gateway 0", "action server", "load generator", "redis"]
