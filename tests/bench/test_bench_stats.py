import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.stats import percentiles, summarize
from bench.targets import Outcome


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
    outcomes = [Outcome(10.0, None), Outcome(20.0, None), Outcome(5000.0, "timeout"), Outcome(3.0, "http 503"),
                Outcome(4.0, "http 503")]
    summary = summarize(outcomes, seconds=2.0)
    assert (summary.requests, summary.ok, summary.error_count) == (5, 2, 3)
    assert summary.errors == {"timeout": 1, "http 503": 2}
    assert summary.p99_ms < 20.0 + 1e-9  # the 5 s timeout is not a latency
    assert summary.throughput_rps == pytest.approx(1.0)  # good answers per second


def test_summary_of_nothing():
    summary = summarize([], seconds=0.0)
    assert (summary.requests, summary.p50_ms, summary.throughput_rps) == (0, None, 0.0)
