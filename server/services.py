"""The gateway's long-lived parts, built once at start-up and shared by the routers."""
from dataclasses import dataclass

from fastapi import Request

from server.dialogue import Dialogue
from server.handoff_store import HandoffStore
from server.hotline import Hotline
from server.rasa_client import RasaClient
from server.rate_limit import RateLimits
from server.settings import Settings
from server.texts import Texts


@dataclass(frozen=True)
class Services:
    settings: Settings
    texts: Texts
    rasa: RasaClient
    store: HandoffStore
    dialogue: Dialogue
    hotline: Hotline
    limits: RateLimits


def get_services(request: Request) -> Services:
    return request.app.state.services


def client_address(request: Request) -> str:
    """The caller's address (uvicorn puts a trusted proxy's X-Forwarded-For here)."""
    return request.client.host if request.client else "unknown"
