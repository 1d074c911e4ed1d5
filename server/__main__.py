"""`python -m server`: the gateway on GATEWAY_HOST:GATEWAY_PORT (127.0.0.1:8000)."""
import logging

import uvicorn

from server.app import create_app
from server.settings import Settings

GRACEFUL_SHUTDOWN_SECONDS = 3


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings()
    # ws="none": the gateway has no websockets, and uvicorn's default websockets support does not
    # import with the websockets version Rasa pins. Open live streams (server-sent events) would hold
    # a graceful shutdown for minutes: they are cut after a moment, and browsers reconnect.
    uvicorn.run(
        create_app(settings),
        host=settings.gateway_host,
        port=settings.gateway_port,
        ws="none",
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
    )


if __name__ == "__main__":
    main()
