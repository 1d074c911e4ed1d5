"""CORS for the origins in CORS_ORIGINS only; with none configured the app adds no CORS at all."""
from collections.abc import Sequence

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response

from server.errors import error_response


class _JsonCorsMiddleware(CORSMiddleware):
    """Starlette's CORS, with a refused preflight answered in the gateway's error shape and
    without any Access-Control-* header."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 200:
            return error_response(403, "cors_not_allowed", "不允许该来源的跨域请求")
        return response


def install_cors(app: FastAPI, origins: Sequence[str]) -> None:
    if origins:
        app.add_middleware(
            _JsonCorsMiddleware,
            allow_origins=list(origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "X-Api-Key"],
        )
