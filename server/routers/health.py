"""GET /healthz: is the gateway able to answer, i.e. are Rasa and the action server up."""
from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from server.models import HealthOut
from server.services import Services, get_services

router = APIRouter(tags=["health"])


@router.get(
    "/healthz",
    response_model=HealthOut,
    responses={503: {"model": HealthOut, "description": "Rasa or the action server is down"}},
    summary="200 when Rasa and the action server are up, else 503 naming what is down",
)
async def healthz(services: Services = Depends(get_services)) -> JSONResponse:
    health = await services.rasa.health()
    body = HealthOut(
        status="ok" if health.rasa and health.action_server else "degraded",
        rasa="up" if health.rasa else "down",
        action_server="up" if health.action_server else "down",
    )
    return JSONResponse(status_code=200 if body.status == "ok" else 503, content=body.dict())
