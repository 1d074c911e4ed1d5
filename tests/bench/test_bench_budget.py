import pytest

from bench.budget import Budget


def test_count_runs_out(clock):
    budget = Budget(3, 60, clock)
    assert [budget.take() for _ in range(5)] == [True, True, True, False, False]
    assert budget.used == 3


def test_deadline_runs_out(clock):
    budget = Budget(100, 10, clock)
    assert budget.take()
    clock.now += 9.5
    assert budget.seconds_left() == pytest.approx(0.5)
    assert budget.take()
    clock.now += 0.5
    assert not budget.take() and budget.exhausted()
    assert budget.used == 2


def test_child_draws_on_its_parent_and_stops_at_either_limit(clock):
    run = Budget(5, 100, clock)
    first = run.child(3, 10)
    assert sum(first.take() for _ in range(10)) == 3  # its own count
    second = run.child(10, 10)
    assert sum(second.take() for _ in range(10)) == 2  # the run's count
    assert run.used == 5 and run.exhausted()


def test_child_refused_by_parent_counts_nothing(clock):
    run = Budget(10, 5, clock)
    clock.now += 5
    level = run.child(10, 60)
    assert not level.take()
    assert (level.used, run.used) == (0, 0)
    assert level.seconds_left() == 0


def test_child_time_never_outlives_the_run(clock):
    run = Budget(10, 5, clock)
    assert run.child(10, 60).seconds_left() == pytest.approx(5)


def test_negative_budget_is_refused(clock):
    with pytest.raises(ValueError):
        Budget(-1, 5, clock)
