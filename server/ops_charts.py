"""Charts for the operator report, drawn on the server as SVG (no script, no CDN): horizontal bars
for counts, and columns for the daily average rating. Every label is escaped."""
from collections.abc import Sequence

from markupsafe import Markup, escape

from server.ops_report import DayRatings

BAR_COLOR = "#2b7de9"
RATING_COLOR = "#f5a623"
LABEL_WIDTH = 210
CHART_WIDTH = 640
ROW_HEIGHT = 26


def _svg(width: int, height: int, title: str, body: str) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f"{body}</svg>"
    )


def horizontal_bars(title: str, rows: Sequence[tuple[str, int]]) -> Markup:
    """One bar per label, longest first as given; the count at the end of each bar."""
    if not rows:
        return Markup('<p class="empty">暂无数据</p>')
    top = max(count for _, count in rows) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 60
    parts = []
    for n, (label, count) in enumerate(rows):
        y = n * ROW_HEIGHT
        width = max(2, round(span * count / top))
        shown = label if len(label) <= 14 else label[:13] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end" font-size="13">{escape(shown)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{width}" height="16" rx="2" fill="{BAR_COLOR}"/>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 17}" font-size="12" fill="#555">{count}</text>'
        )
    return _svg(CHART_WIDTH, len(rows) * ROW_HEIGHT + 4, title, "".join(parts))


def daily_ratings(title: str, days: Sequence[DayRatings]) -> Markup:
    """A column per day: its height the average score (of 5), the number of ratings above it."""
    if not days:
        return Markup('<p class="empty">暂无评价</p>')
    plot_top, plot_height, left = 20, 150, 34
    step = min(48, max(14, (CHART_WIDTH - left - 10) // len(days)))
    width = left + step * len(days) + 10
    parts = []
    for score in range(0, 6):
        y = plot_top + plot_height - plot_height * score / 5
        parts.append(
            f'<line x1="{left}" x2="{width - 6}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e7eb"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#777">{score}</text>'
        )
    label_every = max(1, len(days) // 12)
    for n, day in enumerate(days):
        height = plot_height * day.average / 5
        x = left + n * step + step * 0.15
        y = plot_top + plot_height - height
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{height:.1f}" fill="{RATING_COLOR}">'
            f"<title>{day.day.isoformat()}：平均 {day.average:.2f} 分，{day.count} 条</title></rect>"
            f'<text x="{x + step * 0.35:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="10" fill="#555">'
            f"{day.count}</text>"
        )
        if n % label_every == 0:
            parts.append(
                f'<text x="{x + step * 0.35:.1f}" y="{plot_top + plot_height + 16}" text-anchor="middle" '
                f'font-size="11" fill="#555">{day.day.month}/{day.day.day}</text>'
            )
    return _svg(width, plot_top + plot_height + 26, title, "".join(parts))
