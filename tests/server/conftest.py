"""Fixtures: a fake Rasa and a TestClient on a gateway wired to it."""
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from gateway_fixtures import FakeRasa, gateway_client, make_settings

from server.settings import Settings


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
