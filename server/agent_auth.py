"""The agent pages' session: a cookie (HttpOnly, SameSite=Strict, Secure over https) and a CSRF token
in the X-CSRF-Token header of every request that changes something."""
import asyncio
import hmac
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.responses import Response

from server.errors import ApiError
from server.services import Services, get_services
from server.store.agents import Session

COOKIE = "agent_session"
CSRF_HEADER = "X-CSRF-Token"


async def optional_session(request: Request, services: Services = Depends(get_services)) -> Session | None:
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    return await asyncio.to_thread(services.accounts.session, token)


async def agent_session(session: Session | None = Depends(optional_session)) -> Session:
    if session is None:
        raise ApiError(401, "not_signed_in", "请先登录坐席工作台")
    return session


def _same_origin(request: Request) -> bool:
    """A browser names the page's origin on a cross-site request; it must be this host. Hosts are
    compared without ports: a proxy may pass the host on without it (nginx's $host)."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).hostname == urlsplit("//" + request.headers.get("host", "")).hostname


async def checked_change(request: Request, session: Session = Depends(agent_session)) -> Session:
    """A signed-in agent's state-changing request: same origin, and the session's CSRF token."""
    sent = request.headers.get(CSRF_HEADER, "")
    if not _same_origin(request) or not hmac.compare_digest(sent.encode("utf-8"), session.csrf_token.encode("utf-8")):
        raise ApiError(403, "csrf_failed", "请求校验失败，请刷新页面后重试")
    return session


def check_origin(request: Request) -> None:
    """Sign-in has no session yet: only the same origin may post it (no login CSRF)."""
    if not _same_origin(request):
        raise ApiError(403, "csrf_failed", "请求校验失败，请刷新页面后重试")


def set_session_cookie(response: Response, request: Request, token: str, max_age: int, always_secure: bool) -> None:
    response.set_cookie(
        COOKIE,
        token,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=always_secure or request.url.scheme == "https",
        path="/",
    )


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
