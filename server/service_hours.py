"""When human agents take conversations (SERVICE_HOURS), read once at start-up.

"always", or "; "-separated groups of days and times: "mon-fri 08:30-12:00,13:30-17:30; sat 09:00-12:00".
Days are mon tue wed thu fri sat sun, single or as a range; times are local (SERVICE_UTC_OFFSET)."""
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_GROUP = re.compile(r"^(?P<days>[a-z]{3}(?:-[a-z]{3})?)\s+(?P<times>\d\d:\d\d-\d\d:\d\d(?:,\d\d:\d\d-\d\d:\d\d)*)$")


class BadServiceHours(ValueError):
    pass


@dataclass(frozen=True)
class Span:
    start: time
    end: time


@dataclass(frozen=True)
class ServiceHours:
    spans: tuple[tuple[Span, ...], ...]  # per weekday, Monday first; all None: always open
    zone: timezone
    always: bool = False

    @classmethod
    def parse(cls, spec: str, utc_offset_hours: int) -> "ServiceHours":
        zone = timezone(timedelta(hours=utc_offset_hours))
        spec = spec.strip().lower()
        if spec == "always":
            return cls(spans=((),) * 7, zone=zone, always=True)
        week: list[list[Span]] = [[] for _ in DAYS]
        for group in filter(None, (part.strip() for part in spec.split(";"))):
            match = _GROUP.match(group)
            if not match:
                raise BadServiceHours(f"SERVICE_HOURS: cannot read {group!r} (e.g. 'mon-fri 09:00-17:00')")
            first, _, last = match["days"].partition("-")
            if first not in DAYS or (last and last not in DAYS):
                raise BadServiceHours(f"SERVICE_HOURS: unknown day in {group!r} (mon tue wed thu fri sat sun)")
            days = range(DAYS.index(first), DAYS.index(last or first) + 1)
            for times in match["times"].split(","):
                start, end = (time.fromisoformat(t) for t in times.split("-"))
                if start >= end:
                    raise BadServiceHours(f"SERVICE_HOURS: {times} ends before it starts")
                for day in days:
                    week[day].append(Span(start, end))
        if not any(week):
            raise BadServiceHours("SERVICE_HOURS names no time at all (use 'always' for round the clock)")
        return cls(spans=tuple(tuple(sorted(day, key=lambda s: s.start)) for day in week), zone=zone)

    def is_open(self, at: datetime) -> bool:
        if self.always:
            return True
        local = at.astimezone(self.zone)
        return any(span.start <= local.time() < span.end for span in self.spans[local.weekday()])

    def callback_by(self, asked_at: datetime, within: timedelta) -> datetime:
        """When a callback asked for at `asked_at` is promised: staff call in service hours, so the last
        service moment within `within`; when the whole span is outside service hours (a Friday evening
        with 24 hours), the end of the first service period after it. Not a midnight deadline."""
        limit = asked_at + within
        if self.always:
            return limit
        periods = list(self._periods(asked_at.astimezone(self.zone).date(), within.days + 8))
        inside = [min(end, limit) for start, end in periods if start < limit and end > asked_at]
        if inside:
            return max(inside)
        return next(end for start, end in periods if start >= limit)

    def _periods(self, first_day: date, days: int) -> Iterator[tuple[datetime, datetime]]:
        """The service periods of `days` days from first_day (local dates), in order."""
        for offset in range(days):
            day = first_day + timedelta(days=offset)
            for span in self.spans[day.weekday()]:
                yield (
                    datetime.combine(day, span.start, tzinfo=self.zone),
                    datetime.combine(day, span.end, tzinfo=self.zone),
                )

    def describe(self, spoken: bool = False) -> str:
        """For people: 周一至周五 9:00–17:00; `spoken`, as a phone call says it: 周一至周五9点到17点."""
        if self.always:
            return "全天24小时"
        groups: list[tuple[int, int, tuple[Span, ...]]] = []
        for day, spans in enumerate(self.spans):
            if groups and groups[-1][2] == spans and groups[-1][1] == day - 1:
                groups[-1] = (groups[-1][0], day, spans)
            elif spans:
                groups.append((day, day, spans))
        clock, to, gap = (_said, "到", "") if spoken else (_clock, "–", " ")
        parts = []
        for first, last, spans in groups:
            days = DAY_NAMES[first] if first == last else f"{DAY_NAMES[first]}至{DAY_NAMES[last]}"
            parts.append(days + gap + "、".join(f"{clock(s.start)}{to}{clock(s.end)}" for s in spans))
        return "，".join(parts)


def _clock(moment: time) -> str:
    return f"{moment.hour}:{moment.minute:02d}"


def _said(moment: time) -> str:
    """17点, 8点30分: a time as a speech synthesizer reads it well (not 17:00)."""
    return f"{moment.hour}点" + (f"{moment.minute}分" if moment.minute else "")
