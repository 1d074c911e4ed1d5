import random
from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.open_loop import plan_open_loop


def _by_session(plan):
    sessions = defaultdict(list)
    for send in plan:
        sessions[send.session].append(send)
    return sessions


@given(
    sessions=st.integers(1, 30),
    interval=st.floats(0.5, 5),
    jitter_share=st.floats(0, 0.49),
    duration=st.floats(0.1, 30),
    max_requests=st.integers(1, 500),
    seed=st.integers(0, 10**6),
)
def test_plan_stays_within_its_bounds(sessions, interval, jitter_share, duration, max_requests, seed):
    jitter = interval * jitter_share
    plan = plan_open_loop(sessions, interval, jitter, duration, max_requests, random.Random(seed))
    assert len(plan) <= max_requests
    assert all(0 <= send.at < duration for send in plan)
    assert [send.at for send in plan] == sorted(send.at for send in plan)
    for sends in _by_session(plan).values():
        assert [s.turn for s in sends] == list(range(len(sends)))  # in order, none lost in the middle
        gaps = [b.at - a.at for a, b in zip(sends, sends[1:], strict=False)]
        assert all(gap >= interval - 2 * jitter - 1e-9 for gap in gaps)


def test_each_session_sends_about_duration_over_interval():
    plan = plan_open_loop(100, 3.0, 0.5, 60.0, 10_000, random.Random(1))
    counts = [len(sends) for sends in _by_session(plan).values()]
    assert len(counts) == 100
    assert all(19 <= count <= 21 for count in counts)
    assert 1900 <= len(plan) <= 2100


def test_request_cap_keeps_the_earliest_sends():
    full = plan_open_loop(10, 1.0, 0.2, 10.0, 10_000, random.Random(3))
    capped = plan_open_loop(10, 1.0, 0.2, 10.0, 25, random.Random(3))
    assert capped == full[:25]


def test_same_seed_same_plan():
    assert plan_open_loop(5, 1.0, 0.3, 5.0, 100, random.Random(9)) == plan_open_loop(5, 1.0, 0.3, 5.0, 100, random.Random(9))


@pytest.mark.parametrize("interval, jitter", [(3.0, 1.5), (3.0, -0.1), (0.0, 0.0)])
def test_jitter_that_could_reorder_a_session_is_refused(interval, jitter):
    with pytest.raises(ValueError):
        plan_open_loop(1, interval, jitter, 10.0, 10, random.Random(0))
