"""The gateway's long-lived parts, built once at start-up and shared by the routers."""
from dataclasses import dataclass

from fastapi import Request

from server.accounts import Accounts
from server.gateway_flows import GatewayFlows
from server.hotline import Hotline
from server.human_service import HumanService
from server.human_texts import HumanTexts
from server.rasa_client import RasaClient
from server.rate_limit import RateLimits
from server.reception import Reception
from server.service_hours import ServiceHours
from server.settings import Settings
from server.store.agents import AgentStore
from server.store.conversation_state import ConversationStateStore
from server.store.database import Database
from server.store.handoffs import HandoffStore
from server.store.rate_buckets import RateBucketStore
from server.store.ratings import RatingStore
from server.store.transcripts import TranscriptStore
from server.store.work_orders import WorkOrderStore
from server.texts import Texts


@dataclass(frozen=True)
class Stores:
    database: Database
    handoffs: HandoffStore
    transcripts: TranscriptStore
    agents: AgentStore
    work_orders: WorkOrderStore
    ratings: RatingStore
    states: ConversationStateStore
    rate_buckets: RateBucketStore


@dataclass(frozen=True)
class Services:
    settings: Settings
    texts: Texts
    human_texts: HumanTexts
    hours: ServiceHours
    rasa: RasaClient
    stores: Stores
    reception: Reception
    human: HumanService
    flows: GatewayFlows
    hotline: Hotline
    limits: RateLimits
    accounts: Accounts


def get_services(request: Request) -> Services:
    return request.app.state.services


def client_address(request: Request) -> str:
    """The caller's address (uvicorn puts a trusted proxy's X-Forwarded-For here)."""
    return request.client.host if request.client else "unknown"
