"""The operator report (GET /ops), its CSV export and a read-only conversation view; for signed-in
agents (the same accounts as /agent). Pages are rendered on the server with autoescaping Jinja2."""
import asyncio
import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path as FilePath
from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from server import ops_charts
from server.agent_auth import optional_session
from server.models import ID_PATTERN
from server.ops_report import REASONS, Question, Report, build_report
from server.routers.agent_pages import PAGE_HEADERS
from server.services import Services, get_services
from server.store.agents import Session

router = APIRouter(tags=["operator report"], include_in_schema=False)
TEMPLATES = Environment(
    loader=FileSystemLoader(FilePath(__file__).resolve().parent.parent / "templates"),
    autoescape=select_autoescape(["html"]),
)
DAY_OPTIONS = (7, 30, 90)
SHOWN_QUESTIONS = 50
CHANNEL_NAMES = {"webchat": "网页", "hotline": "电话"}
SPEAKER_NAMES = {"user": "用户", "bot": "智能助手", "agent": "客服", "system": "系统"}


def _sign_in_first(request: Request) -> RedirectResponse:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/agent?next={quote(here, safe='')}", status_code=303)


def _local(services: Services) -> Any:
    zone = services.hours.zone

    def local(moment: datetime) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    return local


def _html(name: str, **values: Any) -> HTMLResponse:
    return HTMLResponse(TEMPLATES.get_template(name).render(**values), headers=PAGE_HEADERS)


async def _report(services: Services, days: int) -> Report:
    return await asyncio.to_thread(build_report, services.stores.database, days, services.hours.zone)


@router.get("/ops", response_model=None)
async def ops_page(
    request: Request,
    days: int = Query(30, ge=1, le=366),
    session: Session | None = Depends(optional_session),
    services: Services = Depends(get_services),
) -> Response:
    if session is None:
        return _sign_in_first(request)
    report = await _report(services, days)
    local = _local(services)
    handoff_rows = sorted(
        ((REASONS.get(reason, reason), sum(outcomes.values())) for reason, outcomes in report.handoffs_by_reason.items()),
        key=lambda row: -row[1],
    )
    return _html(
        "ops.html",
        report=report,
        days=days,
        day_options=DAY_OPTIONS,
        agent=session.agent,
        since=local(report.since),
        until=local(report.until),
        zone=f"UTC{services.settings.service_utc_offset:+d}",
        local=local,
        shown=SHOWN_QUESTIONS,
        channels=CHANNEL_NAMES,
        reasons=REASONS,
        handoff_chart=ops_charts.horizontal_bars("转人工次数（按原因）", handoff_rows),
        topic_chart=ops_charts.horizontal_bars(
            "回答次数最多的话题", [(title, count) for _, title, count in report.topics]
        ),
        rating_chart=ops_charts.daily_ratings("每日平均满意度", report.ratings_by_day),
    )


def _question_rows(questions: Iterable[Question], local: Any) -> list[Sequence[Any]]:
    return [
        (local(q.created_at), q.channel, q.conversation_id, q.message_id, q.text, f"/ops/conversations/{q.channel}/{q.conversation_id}#m{q.message_id}")
        for q in questions
    ]


@router.get("/ops/export.csv", response_model=None)
async def export_csv(
    request: Request,
    section: Literal["unanswered", "clarifications", "handoffs", "topics", "ratings"] = Query("unanswered"),
    days: int = Query(30, ge=1, le=366),
    session: Session | None = Depends(optional_session),
    services: Services = Depends(get_services),
) -> Response:
    if session is None:
        return _sign_in_first(request)
    report = await _report(services, days)
    local = _local(services)
    question_header = ("time", "channel", "conversation_id", "message_id", "question", "link")
    header: Sequence[str]
    rows: list[Sequence[Any]]
    if section == "unanswered":
        header, rows = question_header, _question_rows(report.out_of_knowledge, local)
    elif section == "clarifications":
        header, rows = question_header, _question_rows(report.clarifications_not_followed, local)
    elif section == "handoffs":
        header = ("reason", "outcome", "count")
        rows = [(r, o, n) for r, outcomes in report.handoffs_by_reason.items() for o, n in outcomes.most_common()]
    elif section == "topics":
        header, rows = ("topic", "title", "answers"), list(report.topics)
    else:
        header = ("day", "ratings", "average")
        rows = [(d.day.isoformat(), d.count, f"{d.average:.2f}") for d in report.ratings_by_day]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    # a cell starting with = + - @ would be a formula in a spreadsheet: user text is data, not a formula
    writer.writerows([_cell(value) for value in row] for row in rows)
    filename = f"ops-{section}-{days}d.csv"
    return Response(
        "\ufeff" + out.getvalue(),  # the BOM makes spreadsheet programs read the Chinese as UTF-8
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


def _cell(value: Any) -> Any:
    return "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") else value


@router.get("/ops/conversations/{channel}/{conversation_id}", response_model=None)
async def conversation_page(
    request: Request,
    channel: Literal["webchat", "hotline"],
    conversation_id: str = Path(..., pattern=ID_PATTERN),
    session: Session | None = Depends(optional_session),
    services: Services = Depends(get_services),
) -> Response:
    if session is None:
        return _sign_in_first(request)
    messages = await asyncio.to_thread(services.stores.transcripts.history, channel, conversation_id)
    shown = [
        {
            "id": m.id,
            "speaker": m.speaker,
            "text": m.text,
            "agent": m.agent_work_number,
            "kind": m.kind,
            "topic": m.topic,
            "created_at": m.created_at,
        }
        for m in messages
    ]
    return _html(
        "ops_conversation.html",
        channel=channel,
        conversation_id=conversation_id,
        messages=shown,
        channels=CHANNEL_NAMES,
        speakers=SPEAKER_NAMES,
        local=_local(services),
    )
