"""The chat widget: GET / and its static files (no CDN, works offline)."""
from functools import cache
from html import escape
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from knowledge.shared_facts import REGIONS

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(tags=["widget"])


@cache
def page() -> str:
    """index.html with one region button per region of knowledge/shared_facts.yml, the first pressed."""
    buttons = "\n".join(
        f'        <button type="button" data-region="{escape(code)}" aria-pressed="{str(n == 0).lower()}">'
        f"{escape(name.removesuffix('市'))}</button>"
        for n, (code, name) in enumerate(REGIONS.items())
    )
    template = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    return template.replace("        <!--region-buttons-->", buttons)


@router.get("/", include_in_schema=False)
async def widget() -> HTMLResponse:
    return HTMLResponse(page())
