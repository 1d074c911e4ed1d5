import pytest

from bench.aims import LevelResult, open_loop_aim, single_session_aim
from bench.stats import Summary


def _summary(p50=None, p95=None, errors=None, requests=10):
    return Summary(requests=requests, ok=requests - sum((errors or {}).values()), errors=errors or {}, p50_ms=p50,
                   p95_ms=p95, p99_ms=p95, seconds=1.0, throughput_rps=float(requests))


@pytest.mark.parametrize("gateway_p50, met", [(120.0, True), (150.0, True), (151.0, False)])
def test_single_session_gateway_against_parse(gateway_p50, met):
    closed = [LevelResult(1, "rasa", _summary(p50=100.0)), LevelResult(1, "gateway", _summary(p50=gateway_p50)),
              LevelResult(10, "rasa", _summary(p50=1.0))]  # other levels do not count
    aim = single_session_aim(closed)
    assert aim.met is met
    assert aim.verdict == ("met" if met else "not met")
    assert f"{gateway_p50 / 100:.2f}x" in aim.measured


def test_single_session_not_measured_without_level_one():
    aim = single_session_aim([LevelResult(10, "rasa", _summary(p50=1.0)), LevelResult(10, "gateway", _summary(p50=1.0))])
    assert aim.met is None and aim.verdict == "not measured"


@pytest.mark.parametrize(
    "summary, met",
    [
        (_summary(p95=299.0), True),
        (_summary(p95=300.0), False),
        (_summary(p95=120.0, errors={"timeout": 1}), False),
        (_summary(requests=0), None),
        (None, None),
    ],
)
def test_open_loop_aim(summary, met):
    assert open_loop_aim(summary).met is met
