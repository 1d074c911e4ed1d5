"""Fixtures: the fakes of bench_fakes.py."""
import pytest
from bench_fakes import FakeClock, FakeProc, FakeService


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def service() -> FakeService:
    return FakeService()


@pytest.fixture
def proc(tmp_path) -> FakeProc:
    return FakeProc(tmp_path / "proc")
