"""The FastAPI application: routers, error layer, CORS, and the services built at start-up."""
import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from server.accounts import Accounts
from server.cors import install_cors
from server.dialogue import Dialogue
from server.errors import install_error_handlers
from server.gateway_flows import GatewayFlows
from server.hotline import Hotline
from server.human_service import HumanService
from server.human_texts import load_human_texts
from server.phrases import load_phrases
from server.rasa_client import RasaClient
from server.rasa_http import AiohttpRequester, HttpRequester
from server.rate_limit import Clock, RateLimits
from server.reception import Reception
from server.routers import (
    agent_desk,
    agent_live,
    agent_pages,
    agent_session,
    chat,
    chat_live,
    handoff,
    health,
    hotline,
    ops,
    widget,
)
from server.service_hours import ServiceHours
from server.services import Services, Stores
from server.settings import Settings
from server.store.agents import AgentStore
from server.store.conversation_state import ConversationStateStore
from server.store.database import open_database
from server.store.flows import FlowStore
from server.store.handoffs import HandoffStore
from server.store.rate_buckets import RateBucketStore
from server.store.ratings import RatingStore
from server.store.transcripts import TranscriptStore
from server.store.turn_start import TurnStartReader
from server.store.work_orders import WorkOrderStore
from server.texts import load_texts
from server.transcript import TranscriptNormalizer

DESCRIPTION = """Gateway between the 医保 assistant (Rasa) and its two channels: the web chat widget
(`GET /`, `POST /api/chat`) and the phone hotline (`POST /api/hotline/turn`), plus the queue of
conversations handed to human agents (`/api/handoff`). Errors are always
`{"error": {"code": "...", "message": "..."}}`."""


def _stores(settings: Settings) -> Stores:
    """Opens the database and migrates it to the newest schema (blocking: run in a thread)."""
    database = open_database(settings.database_url)
    return Stores(
        database=database,
        handoffs=HandoffStore(database),
        transcripts=TranscriptStore(database),
        agents=AgentStore(database),
        work_orders=WorkOrderStore(database),
        ratings=RatingStore(database),
        states=ConversationStateStore(database),
        rate_buckets=RateBucketStore(database),
    )


def _services(settings: Settings, stores: Stores, rasa: RasaClient, clock: Clock) -> Services:
    texts, phrases, human_texts = load_texts(), load_phrases(), load_human_texts()
    hours = ServiceHours.parse(settings.service_hours, settings.service_utc_offset)
    human = HumanService(
        stores.handoffs,
        stores.transcripts,
        stores.agents,
        rasa,
        hours,
        timedelta(seconds=settings.agent_presence_seconds),
        human_texts,
    )
    flow_store = FlowStore(stores.database)
    flows = GatewayFlows(
        flow_store,
        stores.work_orders,
        stores.ratings,
        stores.transcripts,
        human_texts,
        hours,
        settings.work_order_reply_hours,
    )
    dialogue = Dialogue(rasa, human, stores.states, stores.transcripts, phrases, texts)
    starts = TurnStartReader(stores.handoffs, flow_store, stores.states)
    reception = Reception(
        dialogue, human, flows, stores.handoffs, stores.transcripts, stores.ratings, human_texts, starts
    )
    normalizer = TranscriptNormalizer.from_files(settings.asr_lexicon_dir)
    hotline_ = Hotline(reception, stores.states, normalizer, phrases, texts, settings.asr_min_confidence)
    return Services(
        settings=settings,
        texts=texts,
        human_texts=human_texts,
        hours=hours,
        rasa=rasa,
        stores=stores,
        reception=reception,
        human=human,
        flows=flows,
        hotline=hotline_,
        limits=RateLimits(settings, stores.rate_buckets, clock),
        accounts=Accounts(stores.agents, timedelta(hours=settings.agent_session_hours)),
    )


def create_app(
    settings: Settings | None = None,
    rasa_http: HttpRequester | None = None,
    clock: Clock = time.time,
) -> FastAPI:
    """rasa_http replaces the network under the Rasa client (tests put their fake Rasa there);
    clock is the rate limiter's time."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        stores = await asyncio.to_thread(_stores, settings)
        try:
            async with AsyncExitStack() as opened:
                http = rasa_http
                if http is None:
                    http = await opened.enter_async_context(AiohttpRequester(settings.rasa_timeout))
                rasa = RasaClient(
                    http, settings.rasa_urls, settings.action_server_url, settings.rasa_token,
                    settings.rasa_in_flight, settings.rasa_wait_seconds,
                )
                app.state.services = _services(settings, stores, rasa, clock)
                yield
        finally:
            stores.database.dispose()

    app = FastAPI(title="医保助手 gateway", version="1.0", description=DESCRIPTION, lifespan=lifespan)
    install_error_handlers(app)
    install_cors(app, settings.cors_origins)
    for module in (widget, chat, chat_live, hotline, handoff, health, agent_pages, agent_session, agent_desk, agent_live, ops):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=widget.STATIC_DIR), name="static")
    return app
