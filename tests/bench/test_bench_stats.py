import numpy as np
import pytest
from bench_fakes import turn
from hypothesis import given
from hypothesis import strategies as st

from bench.stats import by_channel, by_kind, by_turn, conversations, percentiles, summarize
from bench.targets import Outcome


def _outcome(latency, error=None, kind="answer", **turn_fields):
    return Outcome(turn(**turn_fields), latency, error, None if error else kind)


def test_percentiles_interpolate_between_ranks():
    assert percentiles(list(range(1, 101))) == pytest.approx({50: 50.5, 95: 95.05, 99: 99.01})


def test_percentiles_do_not_depend_on_order():
    assert percentiles([30.0, 10.0, 20.0]) == percentiles([10.0, 20.0, 30.0]) == pytest.approx(
        {50: 20.0, 95: 29.0, 99: 29.8}
    )


def test_no_values_have_no_percentiles_and_one_value_is_every_percentile():
    assert percentiles([]) == {50: None, 95: None, 99: None}
    assert percentiles([42.0]) == {50: 42.0, 95: 42.0, 99: 42.0}


@given(st.lists(st.floats(min_value=0, max_value=1e5, allow_nan=False), min_size=1, max_size=300))
def test_percentiles_match_numpy_linear_method(values):
    ours = percentiles(values)
    assert [ours[p] for p in (50, 95, 99)] == pytest.approx(list(np.percentile(values, [50, 95, 99])), abs=1e-6)
    slack = 1e-9 * max(values)  # interpolation rounding
    assert min(values) - slack <= ours[50] <= ours[95] + slack <= ours[99] + 2 * slack <= max(values) + 3 * slack


def test_summary_counts_errors_apart_from_latency():
    outcomes = [_outcome(10.0), _outcome(20.0, kind="estimate"), _outcome(5000.0, "timeout"),
                _outcome(3.0, "http 503"), _outcome(4.0, "http 503")]
    summary = summarize(outcomes, seconds=2.0)
    assert (summary.requests, summary.ok, summary.error_count) == (5, 2, 3)
    assert summary.errors == {"timeout": 1, "http 503": 2}
    assert summary.p99_ms < 20.0 + 1e-9  # the 5 s timeout is not a latency
    assert summary.throughput_rps == pytest.approx(1.0)  # good answers per second
    assert summary.kinds == {"answer": 1, "estimate": 1}  # of the good answers only


def test_summary_of_nothing():
    summary = summarize([], seconds=0.0)
    assert (summary.requests, summary.p50_ms, summary.throughput_rps) == (0, None, 0.0)


def _session(conversation, channel, kind, latencies):
    return [
        Outcome(turn(f"t{n}", number=n, conversation=conversation, channel=channel, kind=kind), ms, None, "ask")
        for n, ms in enumerate(latencies, 1)
    ]


def test_by_turn_number_channel_and_kind():
    outcomes = [
        *_session("web-1", "chat", "cost", [100.0, 110.0, 120.0]),
        *_session("web-2", "chat", "faq", [90.0]),
        *_session("call-1", "hotline", "cost", [300.0, 310.0]),
        Outcome(turn("t", number=2, conversation="web-2", channel="chat", kind="faq"), 9000.0, "timeout", None),
    ]
    turns = by_turn(outcomes, seconds=2.0)
    assert list(turns) == [1, 2, 3]
    assert [turns[n].requests for n in (1, 2, 3)] == [3, 3, 1]
    assert turns[1].p50_ms == 100.0 and turns[2].errors == {"timeout": 1} and turns[3].p99_ms == 120.0
    assert turns[1].throughput_rps == pytest.approx(1.5)  # over the scenario's whole time
    channels = by_channel(outcomes, seconds=2.0)
    assert list(channels) == ["chat", "hotline"] and channels["hotline"].ok == 2
    kinds = by_kind(outcomes, seconds=2.0)
    assert (kinds["cost"].requests, kinds["faq"].requests) == (5, 2)


def test_conversations_are_counted_once_by_kind_and_channel():
    outcomes = [
        *_session("web-1", "chat", "cost", [1.0, 1.0, 1.0]),
        *_session("web-2", "chat", "faq", [1.0]),
        *_session("web-3", "chat", "faq", [1.0, 1.0]),
        *_session("call-1", "hotline", "cost", [1.0]),
    ]
    assert conversations(outcomes) == {"cost chat": 1, "cost hotline": 1, "faq chat": 2}
