"""Fixtures: a fake Rasa and a TestClient on a gateway wired to it."""
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from gateway_fixtures import FakeRasa, gateway_client, make_settings

from server.settings import Settings


@pytest.fixture(autouse=True)
def no_gateway_environment(monkeypatch) -> None:
    """A test's settings are its own: the variables of the shell it runs in (make run's rate limits,
    ports and keys) do not leak into the fields a test leaves at their defaults."""
    for field in Settings.__fields__.values():
        monkeypatch.delenv(field.alias.upper(), raising=False)
        for name in field.field_info.extra.get("env_names", ()):
            monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture
def rasa() -> FakeRasa:
    return FakeRasa()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def client(settings: Settings, rasa: FakeRasa) -> Iterator[TestClient]:
    with gateway_client(settings, rasa) as test_client:
        yield test_client
