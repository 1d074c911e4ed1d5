"""Live tests talk to the Rasa server and action server that `make test` starts (scripts/services.sh).

They fail, never skip, when the services are not reachable.
"""
import uuid
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from live_gateway import AGENT_PASSWORD, HANDOFF_KEY, HOTLINE_KEY, RASA_TOKEN, RASA_URL

from server.app import create_app
from server.settings import Settings


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    return Settings(
        hotline_api_key=HOTLINE_KEY,
        handoff_api_key=HANDOFF_KEY,
        gateway_db=tmp_path_factory.mktemp("gateway") / "gateway.db",
        service_hours="always",
    )


@pytest.fixture(scope="module")
def gateway(settings: Settings) -> Iterator[TestClient]:
    """The gateway in-process, against the real Rasa and action server."""
    with TestClient(create_app(settings)) as client:
        health = client.get("/healthz")
        if health.status_code != 200:
            pytest.fail(
                f"Rasa ({settings.rasa_url}) or the action server ({settings.action_server_url}) is not up: "
                f"{health.json()} (run these through `make test`)"
            )
        # an agent on duty, signed in to the workspace: hand-offs are queued
        services = client.app.state.services
        services.accounts.add("1001", "张三", AGENT_PASSWORD)
        assert client.post("/agent/api/session", json={"work_number": "1001", "password": AGENT_PASSWORD}).status_code == 200
        yield client


class Conversation:
    """One user talking to the bot through the REST channel, as the gateway does."""

    def __init__(self, client: httpx.Client, channel: str = "webchat") -> None:
        self.client = client
        self.sender = f"test-{uuid.uuid4().hex[:12]}"
        self.channel = channel

    def say(self, text: str) -> list[dict]:
        response = self.client.post(
            f"{RASA_URL}/webhooks/rest/webhook",
            json={"sender": self.sender, "message": text, "input_channel": self.channel},
        )
        response.raise_for_status()
        return response.json()

    def texts(self, text: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(text))

    def slots(self) -> dict:
        tracker = self.client.get(f"{RASA_URL}/conversations/{self.sender}/tracker", params={"token": RASA_TOKEN})
        tracker.raise_for_status()
        return tracker.json()["slots"]


@pytest.fixture(scope="session")
def client():
    with httpx.Client(timeout=60) as http:
        try:
            http.get(f"{RASA_URL}/").raise_for_status()
        except httpx.HTTPError as error:
            pytest.fail(f"Rasa is not reachable at {RASA_URL} (run these through `make test`): {error}")
        yield http


@pytest.fixture
def chat(client):
    return Conversation(client)


@pytest.fixture
def call(client):
    return Conversation(client, channel="hotline")
