"""The date of care in what citizens type or say: "去年", "上个月", "2023年5月", "5月10号", "半年前".

The cost engine only needs the date to pick the policy version, so a vague answer is read
as the period it names (`parse_care_period`: 去年 → the whole of last year) and
`parse_care_date` returns one representative day of it: the day of the period closest to
today, i.e. the end of a past period and today for the current one (今年, 这个月).
Policy versions only ever start on a date, so the end of a period is in force under the
newest version that applied during it: "2022年" gets the 2022-06 rules rather than a
refusal for the months before 2022-06-01. A caller that must be exact can check whether
the period straddles a version change and ask.

Relative words are data: knowledge/reading/lexicon/date_words.yml.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import cn2an

from knowledge.reading import vocabulary as lexicon

_WORDS = lexicon.read("date_words")
_CN_DIGIT = "零〇一二三四五六七八九"

# Building blocks. A Chinese year is read digit by digit (二零二三); 两 and 十 never occur in one.
# not the end of an amount or a rate ("药钱一百五 一年能报多少", "七成五 一年四千五" are no year 1951)
_YEAR = rf"(?<![\d{_CN_DIGIT}十百千万两成点])(?P<year>(?:19|20)\d\d|\d\d|[{_CN_DIGIT}]{{4}}|[{_CN_DIGIT}]{{2}})年"
_REL_YEAR = rf"(?P<rel_year>{lexicon.alternation(_WORDS['years'])})"
_PART = rf"(?P<part>{lexicon.alternation(_WORDS['parts_of_year'])})"
_MONTH = r"(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])[号日]"
_NUMBER = r"\d+|[一二两三四五六七八九十]+"

# between two dates, words saying the second is the first said again ("前年，就是2021年")
_RESTATES = re.compile(rf"[,，、]?(?:{lexicon.alternation(_WORDS['restated_by'])})?")
_OTHER_EVENT = re.compile(
    rf"(?:{lexicon.alternation(_WORDS['other_events']['gap'])})?(?:{lexicon.alternation(_WORDS['other_events']['words'])})"
)

_PATTERNS: dict[str, re.Pattern] = {
    # 2023年5月10号, 去年5月, 23年5月, 二零二三年五月, 去年年底, 2023年上半年, 今年
    "year": re.compile(rf"(?:{_YEAR}|{_REL_YEAR})(?:{_PART}|{_MONTH}(?:{_DAY})?)?"),
    # 2023.5, 2023-05-10, 2023/5/10
    "numeric": re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d\d)[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?(?![\d.])"),
    # 上个月, 上个月10号
    "rel_month": re.compile(rf"(?P<rel_month>{lexicon.alternation(_WORDS['months'])})(?:{_DAY})?"),
    # 5月10号, 五月份: this year, or last year if that is still to come
    "month": re.compile(rf"(?<![\d{_CN_DIGIT}]){_MONTH}(?:{_DAY})?"),
    # 上半年, 年底 alone: this year (only parts that say 年; 底 alone is not a date)
    "part": re.compile(rf"(?P<part>{lexicon.alternation(p for p in _WORDS['parts_of_year'] if '年' in p)})"),
    "rel_week": re.compile(rf"(?P<rel_week>{lexicon.alternation(_WORDS['weeks'])})"),
    "rel_day": re.compile(rf"(?P<rel_day>{lexicon.alternation(_WORDS['days'])})"),
    # 两年前, 三个月前, 半年前, 10天以前, 一个多月前
    "ago": re.compile(
        rf"(?P<count>{_NUMBER}|半)个?多?(?P<unit>{lexicon.alternation(_WORDS['ago_units'])})多?[以之]?前"
    ),
}


@dataclass(frozen=True)
class CarePeriod:
    first: date
    last: date

    def closest_to(self, day: date) -> date:
        """`day` itself if the period holds it, else the period's nearer end."""
        return min(max(day, self.first), self.last)


def parse_care_date(text: str, today: date) -> date | None:
    """A representative day of the period the text names (see the module doc); None if no date."""
    period = parse_care_period(text, today)
    return period.closest_to(today) if period else None


def parse_care_period(text: str, today: date) -> CarePeriod | None:
    """The period of the first date expression in the text, or None if there is none; a year said outright
    right after it to say which that is ("前年 就是二零二一年") is the surer of the two."""
    normalized = re.sub(r"\s+", "", lexicon.halfwidth(text))
    found = sorted(
        (match.start(), -len(match.group()), match, period)
        for kind, pattern in _PATTERNS.items()
        for match in pattern.finditer(normalized)
        if not _OTHER_EVENT.match(normalized, match.end()) and (period := _READERS[kind](match, today)) is not None
    )
    if not found:
        return None
    first = found[0][2]
    restated = (
        period
        for _, _, match, period in found[1:]
        if match.groupdict().get("year") and _RESTATES.fullmatch(normalized, first.end(), match.start())
    )
    return next(restated, found[0][3])


def _year_period(m: re.Match, today: date) -> CarePeriod | None:
    if m["year"] is not None:
        if len(m["year"]) == 2 and not (m["month"] or m["part"]) and _reads_as_duration(m):
            return None  # "干了23年", "退休23年了": a duration, not the year 2023
        year = _year_number(m["year"], today)
    else:
        year = today.year + _WORDS["years"][m["rel_year"]]
    if m["part"]:
        first_month, last_month = _WORDS["parts_of_year"][m["part"]]
        return CarePeriod(date(year, first_month, 1), _month_end(year, last_month))
    return _calendar_period(year, _number(m["month"]), _number(m["day"]))


def _reads_as_duration(m: re.Match) -> bool:
    text = m.string
    return text[:m.start()].endswith("了") or re.match("[了多前来]", text[m.end():]) is not None


def _numeric_period(m: re.Match, today: date) -> CarePeriod | None:
    return _calendar_period(int(m["year"]), int(m["month"]), _number(m["day"]))


def _rel_month_period(m: re.Match, today: date) -> CarePeriod | None:
    first = _add_months(today.replace(day=1), _WORDS["months"][m["rel_month"]])
    return _calendar_period(first.year, first.month, _number(m["day"]))


def _month_period(m: re.Match, today: date) -> CarePeriod | None:
    month, day = _number(m["month"]), _number(m["day"])
    period = _calendar_period(today.year, month, day)
    if period is not None and period.first > today:
        return _calendar_period(today.year - 1, month, day)
    return period


def _part_period(m: re.Match, today: date) -> CarePeriod:
    first_month, last_month = _WORDS["parts_of_year"][m["part"]]
    return CarePeriod(date(today.year, first_month, 1), _month_end(today.year, last_month))


def _rel_week_period(m: re.Match, today: date) -> CarePeriod:
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=_WORDS["weeks"][m["rel_week"]])
    return CarePeriod(monday, monday + timedelta(days=6))


def _rel_day_period(m: re.Match, today: date) -> CarePeriod:
    day = today + timedelta(days=_WORDS["days"][m["rel_day"]])
    return CarePeriod(day, day)


def _ago_period(m: re.Match, today: date) -> CarePeriod | None:
    count = 0.5 if m["count"] == "半" else _number(m["count"])
    unit = _WORDS["ago_units"][m["unit"]]
    months, days = count * unit.get("months", 0), count * unit.get("days", 0)
    if months % 1 or days % 1:
        return None  # half a month: not a day we can name
    day = _add_months(today, -int(months)) - timedelta(days=int(days))
    return CarePeriod(day, day)


_READERS: dict[str, Callable[[re.Match, date], CarePeriod | None]] = {
    "year": _year_period,
    "numeric": _numeric_period,
    "rel_month": _rel_month_period,
    "month": _month_period,
    "part": _part_period,
    "rel_week": _rel_week_period,
    "rel_day": _rel_day_period,
    "ago": _ago_period,
}


def _calendar_period(year: int, month: int | None, day: int | None) -> CarePeriod | None:
    """A year, a month of it or one day; None for an impossible date (2月30号, 13月)."""
    if month is None:
        return CarePeriod(date(year, 1, 1), date(year, 12, 31))
    if not 1 <= month <= 12:
        return None
    if day is None:
        return CarePeriod(date(year, month, 1), _month_end(year, month))
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return CarePeriod(date(year, month, day), date(year, month, day))


def _year_number(text: str, today: date) -> int:
    """2023, 二零二三, 23 (→ 2023; a two-digit year after this one is in the 1900s: 98 → 1998)."""
    year = _whole_number(text)
    if len(text) == 2:
        year += 2000 if 2000 + year <= today.year else 1900
    return year


def _number(text: str | None) -> int | None:
    """An optional part of a date: None when the text left it out."""
    return None if text is None else _whole_number(text)


def _whole_number(text: str) -> int:
    """5, 05, 五, 十二, 二十一, 二零二三 (cn2an reads digit-by-digit numerals too)."""
    return int(text) if text.isdigit() else int(cn2an.cn2an(text, "normal"))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    """The same day `months` later, clipped to the month's length (3月31日 - 1 month = 2月28日)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return day.replace(year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1]))
