"""GET /healthz: can the gateway answer, i.e. are the Rasa processes and the action server up."""
from typing import Literal

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from server.models import HealthOut, RasaProcessOut
from server.services import Services, get_services

router = APIRouter(tags=["health"])


@router.get(
    "/healthz",
    response_model=HealthOut,
    responses={503: {"model": HealthOut, "description": "no Rasa process or the action server is up"}},
    summary="200 while the gateway can answer (some Rasa process and the action server up), else 503; "
    "status is ok only when everything is up",
)
async def healthz(services: Services = Depends(get_services)) -> JSONResponse:
    health = await services.rasa.health()
    ups = [process.up for process in health.rasa]
    rasa: Literal["up", "degraded", "down"] = "up" if all(ups) else "degraded" if any(ups) else "down"
    body = HealthOut(
        status="ok" if rasa == "up" and health.action_server else "degraded",
        rasa=rasa,
        action_server="up" if health.action_server else "down",
        rasa_processes=[RasaProcessOut(url=p.url, state="up" if p.up else "down") for p in health.rasa],
    )
    return JSONResponse(status_code=200 if any(ups) and health.action_server else 503, content=body.dict())
