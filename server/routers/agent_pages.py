"""The agent workspace page (GET /agent): plain HTML/CSS/JS from server/static, no CDN, works offline."""
from fastapi import APIRouter
from fastapi.responses import FileResponse

from server.routers.widget import STATIC_DIR

router = APIRouter(tags=["agent workspace"])

# scripts and styles from this origin only: nothing a user typed can run in an agent's page
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


@router.get("/agent", include_in_schema=False)
async def agent_page() -> FileResponse:
    return FileResponse(STATIC_DIR / "agent.html", media_type="text/html", headers=PAGE_HEADERS)
