"""The FastAPI application: routers, error layer, CORS, and the services built at start-up."""
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from server.conversation_memory import ConversationMemory
from server.cors import install_cors
from server.dialogue import Dialogue
from server.errors import install_error_handlers
from server.handoff_store import HandoffStore
from server.hotline import Hotline
from server.phrases import load_phrases
from server.rasa_client import RasaClient
from server.rate_limit import Clock, RateLimits
from server.routers import chat, handoff, health, hotline, widget
from server.services import Services
from server.settings import Settings
from server.texts import load_texts
from server.transcript import TranscriptNormalizer

DESCRIPTION = """Gateway between the 医保 assistant (Rasa) and its two channels: the web chat widget
(`GET /`, `POST /api/chat`) and the phone hotline (`POST /api/hotline/turn`), plus the queue of
conversations handed to human agents (`/api/handoff`). Errors are always
`{"error": {"code": "...", "message": "..."}}`."""


def create_app(
    settings: Settings | None = None,
    rasa_transport: httpx.AsyncBaseTransport | None = None,
    clock: Clock = time.monotonic,
) -> FastAPI:
    """rasa_transport replaces the network under the Rasa client (tests use httpx.MockTransport);
    clock is the rate limiter's time."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        texts, phrases = load_texts(), load_phrases()
        async with httpx.AsyncClient(timeout=settings.rasa_timeout, transport=rasa_transport) as http:
            rasa = RasaClient(http, settings.rasa_urls, settings.action_server_url, settings.rasa_token)
            store = HandoffStore(settings.gateway_db)
            dialogue = Dialogue(rasa, store, ConversationMemory(), phrases, texts)
            normalizer = TranscriptNormalizer.from_files(settings.asr_lexicon_dir)
            hotline_ = Hotline(dialogue, normalizer, phrases, texts, settings.asr_min_confidence)
            limits = RateLimits(settings, clock)
            app.state.services = Services(settings, texts, rasa, store, dialogue, hotline_, limits)
            yield

    app = FastAPI(title="医保助手 gateway", version="1.0", description=DESCRIPTION, lifespan=lifespan)
    install_error_handlers(app)
    install_cors(app, settings.cors_origins)
    for module in (widget, chat, hotline, handoff, health):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=widget.STATIC_DIR), name="static")
    return app
