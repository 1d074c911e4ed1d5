import pytest
from bench_fakes import scenario, summary

from bench.aims import all_aims, open_loop_aim, single_session_aim, turn_growth_aim
from bench.results import CLOSED, LONG, OPEN
from bench.targets import RASA_TURN


@pytest.mark.parametrize("gateway_p50, met", [(120.0, True), (150.0, True), (151.0, False)])
def test_single_session_gateway_against_parse(gateway_p50, met):
    results = [scenario(CLOSED, "rasa", 1, summary(p50=100.0)), scenario(CLOSED, "gateway", 1, summary(p50=gateway_p50)),
               scenario(CLOSED, "rasa", 10, summary(p50=1.0))]  # other levels do not count
    aim = single_session_aim(results)
    assert aim.met is met
    assert aim.verdict == ("met" if met else "not met")
    assert f"{gateway_p50 / 100:.2f}x" in aim.measured


def test_single_session_says_how_much_of_it_is_the_bots_turn_in_rasa():
    results = [scenario(CLOSED, "rasa", 1, summary(p50=10.0)), scenario(CLOSED, RASA_TURN, 1, summary(p50=19.0)),
               scenario(CLOSED, "gateway", 1, summary(p50=26.0))]
    aim = single_session_aim(results)
    assert aim.met is False
    assert aim.measured == "26 ms / 10 ms = 2.60x (the bot's turn in Rasa without the gateway 19 ms = 1.90x)"


def test_single_session_not_measured_without_level_one():
    aim = single_session_aim([scenario(CLOSED, "rasa", 10, summary(p50=1.0)),
                              scenario(CLOSED, "gateway", 10, summary(p50=1.0))])
    assert aim.met is None and aim.verdict == "not measured"


@pytest.mark.parametrize(
    "whole, met",
    [
        (summary(p95=299.0), True),
        (summary(p95=300.0), False),
        (summary(p95=120.0, errors={"timeout": 1}), False),
        (summary(requests=0), None),
    ],
)
def test_open_loop_aim(whole, met):
    assert open_loop_aim([scenario(OPEN, "gateway", 100, whole)]).met is met


def test_open_loop_aim_not_measured_without_the_open_loop():
    assert open_loop_aim([scenario(CLOSED, "gateway", 100, summary(p95=1.0))]).met is None


@pytest.mark.parametrize(
    "first, late, met",
    [
        (summary(p95=100.0, requests=12), summary(p95=120.0, requests=12), True),
        (summary(p95=100.0, requests=12), summary(p95=121.0, requests=12), False),
        # a slow turn hidden as an error
        (summary(p95=100.0, requests=12), summary(p95=90.0, requests=12, errors={"timeout": 1}), False),
        (summary(p95=100.0, requests=9), summary(p95=300.0, requests=12), None),  # too few answers at turn 1
    ],
)
def test_turn_growth_compares_p95_at_turn_30_with_turn_1(first, late, met):
    long = scenario(LONG, "gateway", 12, by_turn={1: first, 2: summary(p95=999.0), 30: late})
    aim = turn_growth_aim([long])
    assert aim.met is met
    assert f"{late.p95_ms / first.p95_ms:.2f}x" in aim.measured


def test_too_few_answers_say_so():
    long = scenario(LONG, "gateway", 2, by_turn={1: summary(p95=100.0, requests=2), 30: summary(p95=101.0, requests=2)})
    aim = turn_growth_aim([long])
    assert aim.verdict == "not measured" and "too few answers for a verdict" in aim.measured


def test_turn_growth_not_measured_when_turn_30_was_not_reached():
    assert turn_growth_aim([scenario(LONG, "gateway", 2, by_turn={1: summary(p95=1.0)})]).met is None
    assert turn_growth_aim([]).met is None


def test_all_three_aims_are_reported():
    goals = [aim.goal for aim in all_aims([])]
    assert len(goals) == 3 and any("open loop" in g for g in goals) and any("turn 30" in g for g in goals)
