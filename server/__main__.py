"""`python -m server`: the gateway on GATEWAY_HOST:GATEWAY_PORT (127.0.0.1:8000)."""
import logging
from typing import Any

import uvicorn

from server.app import create_app
from server.settings import Settings

GRACEFUL_SHUTDOWN_SECONDS = 3
# uvicorn's default is 5 s. nginx (scripts/nginx.sh) keeps its idle connections to a gateway 60 s and
# must close them first: one the gateway closes as nginx sends a POST on it gives the user a 502.
KEEP_ALIVE_SECONDS = 75


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """X-Forwarded-For is believed only from FORWARDED_ALLOW_IPS (uvicorn alone would trust 127.0.0.1,
    which is every local client)."""
    return {
        "host": settings.gateway_host,
        "port": settings.gateway_port,
        # the gateway has no websockets, and uvicorn's websockets support does not import with the
        # websockets version Rasa pins
        "ws": "none",
        "proxy_headers": bool(settings.forwarded_allow_ips),
        "forwarded_allow_ips": settings.forwarded_allow_ips or "",
        # open live streams (server-sent events) would hold a graceful shutdown for minutes: they are
        # cut after a moment, and browsers reconnect
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_SECONDS,
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
    }


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings()
    uvicorn.run(create_app(settings), **uvicorn_options(settings))


if __name__ == "__main__":
    main()
