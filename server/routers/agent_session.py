"""Signing agents in and out of the workspace (/agent) and the report (/ops)."""
import asyncio

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from server.agent_auth import (
    agent_session,
    check_origin,
    checked_change,
    clear_session_cookie,
    set_session_cookie,
)
from server.agent_models import AgentOut, OkOut, SessionOut, SignInRequest
from server.errors import ApiError
from server.models import ErrorResponse
from server.services import Services, client_address, get_services
from server.store.agents import Session

router = APIRouter(tags=["agent workspace"], prefix="/agent/api")


def _out(session_agent_number: str, name: str, csrf: str) -> SessionOut:
    return SessionOut(agent=AgentOut(work_number=session_agent_number, name=name), csrf_token=csrf)


@router.post(
    "/session",
    response_model=SessionOut,
    responses={s: {"model": ErrorResponse} for s in (401, 403, 422, 429)},
    summary="Sign in: sets the session cookie (HttpOnly, SameSite=Strict)",
)
async def sign_in(
    body: SignInRequest, request: Request, services: Services = Depends(get_services)
) -> JSONResponse:
    check_origin(request)
    await services.limits.check_sign_in(body.work_number, client_address(request))
    signed_in = await asyncio.to_thread(services.accounts.sign_in, body.work_number, body.password)
    if signed_in is None:
        raise ApiError(401, "bad_credentials", "工号或密码不正确")
    out = _out(signed_in.agent.work_number, signed_in.agent.name, signed_in.csrf_token)
    response = JSONResponse(out.dict())
    settings = services.settings
    set_session_cookie(response, request, signed_in.token, settings.agent_session_hours * 3600, settings.cookie_secure)
    return response


@router.get(
    "/session",
    response_model=SessionOut,
    responses={401: {"model": ErrorResponse}},
    summary="The signed-in agent and the CSRF token for changes",
)
async def current(session: Session = Depends(agent_session)) -> SessionOut:
    return _out(session.agent.work_number, session.agent.name, session.csrf_token)


@router.post(
    "/session/end",
    response_model=OkOut,
    summary="Sign out; the conversations the agent holds wait in the queue for another (unless they are signed in "
    "elsewhere)",
    responses={403: {"model": ErrorResponse}},
)
async def sign_out(session: Session = Depends(checked_change), services: Services = Depends(get_services)) -> JSONResponse:
    await asyncio.to_thread(services.accounts.sign_out, session)
    await services.human.agent_signs_out(session.agent)
    response = JSONResponse(OkOut().dict())
    clear_session_cookie(response)
    return response
