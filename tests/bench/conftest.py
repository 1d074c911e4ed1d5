"""Fixtures: the fakes of bench_fakes.py."""
import pytest
from bench_fakes import FakeClock, FakeService


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def service() -> FakeService:
    return FakeService()
