"""The date of care in free answers, read against a fixed today (Monday 2026-11-23)."""
from datetime import date

import pytest

from knowledge.cost.params import load_region
from knowledge.reading.dates import CarePeriod, parse_care_date, parse_care_period

TODAY = date(2026, 11, 23)

# (answer, first day of the named period, last day of it, representative day)
PERIODS = [
    ("去年", date(2025, 1, 1), date(2025, 12, 31), date(2025, 12, 31)),
    ("前年", date(2024, 1, 1), date(2024, 12, 31), date(2024, 12, 31)),
    ("大前年", date(2023, 1, 1), date(2023, 12, 31), date(2023, 12, 31)),
    ("今年", date(2026, 1, 1), date(2026, 12, 31), TODAY),  # the current period: today
    ("上个月", date(2026, 10, 1), date(2026, 10, 31), date(2026, 10, 31)),
    ("这个月", date(2026, 11, 1), date(2026, 11, 30), TODAY),
    ("上周", date(2026, 11, 16), date(2026, 11, 22), date(2026, 11, 22)),
    ("上星期住的院", date(2026, 11, 16), date(2026, 11, 22), date(2026, 11, 22)),
    ("上个礼拜", date(2026, 11, 16), date(2026, 11, 22), date(2026, 11, 22)),
    ("昨天", date(2026, 11, 22), date(2026, 11, 22), date(2026, 11, 22)),
    ("前天", date(2026, 11, 21), date(2026, 11, 21), date(2026, 11, 21)),
    ("2023年5月", date(2023, 5, 1), date(2023, 5, 31), date(2023, 5, 31)),
    ("2023.5", date(2023, 5, 1), date(2023, 5, 31), date(2023, 5, 31)),
    ("23年5月", date(2023, 5, 1), date(2023, 5, 31), date(2023, 5, 31)),
    ("二零二三年五月", date(2023, 5, 1), date(2023, 5, 31), date(2023, 5, 31)),
    ("2024年1月3号", date(2024, 1, 3), date(2024, 1, 3), date(2024, 1, 3)),
    ("5月10号", date(2026, 5, 10), date(2026, 5, 10), date(2026, 5, 10)),  # this year
    ("12月10号", date(2025, 12, 10), date(2025, 12, 10), date(2025, 12, 10)),  # still to come: last year
    ("两年前", date(2024, 11, 23), date(2024, 11, 23), date(2024, 11, 23)),
    ("半年前", date(2026, 5, 23), date(2026, 5, 23), date(2026, 5, 23)),
    # more forms
    ("２０２３年５月", date(2023, 5, 1), date(2023, 5, 31), date(2023, 5, 31)),  # fullwidth
    ("2023-05-10", date(2023, 5, 10), date(2023, 5, 10), date(2023, 5, 10)),
    ("2023/5/10", date(2023, 5, 10), date(2023, 5, 10), date(2023, 5, 10)),
    ("2023年", date(2023, 1, 1), date(2023, 12, 31), date(2023, 12, 31)),
    ("2022年", date(2022, 1, 1), date(2022, 12, 31), date(2022, 12, 31)),
    ("二〇二四年十二月三十一日", date(2024, 12, 31), date(2024, 12, 31), date(2024, 12, 31)),
    ("去年5月", date(2025, 5, 1), date(2025, 5, 31), date(2025, 5, 31)),
    ("去年十月份", date(2025, 10, 1), date(2025, 10, 31), date(2025, 10, 31)),
    ("去年年底", date(2025, 12, 1), date(2025, 12, 31), date(2025, 12, 31)),
    ("去年底", date(2025, 12, 1), date(2025, 12, 31), date(2025, 12, 31)),
    ("2023年上半年", date(2023, 1, 1), date(2023, 6, 30), date(2023, 6, 30)),
    ("下半年", date(2026, 7, 1), date(2026, 12, 31), TODAY),
    ("上个月10号", date(2026, 10, 10), date(2026, 10, 10), date(2026, 10, 10)),
    ("五月份", date(2026, 5, 1), date(2026, 5, 31), date(2026, 5, 31)),
    ("十二月", date(2025, 12, 1), date(2025, 12, 31), date(2025, 12, 31)),
    ("三个月前", date(2026, 8, 23), date(2026, 8, 23), date(2026, 8, 23)),
    ("一个多月前", date(2026, 10, 23), date(2026, 10, 23), date(2026, 10, 23)),
    ("10天以前", date(2026, 11, 13), date(2026, 11, 13), date(2026, 11, 13)),
    ("3个礼拜前", date(2026, 11, 2), date(2026, 11, 2), date(2026, 11, 2)),
    ("前几天", date(2026, 11, 20), date(2026, 11, 20), date(2026, 11, 20)),
    ("21年", date(2021, 1, 1), date(2021, 12, 31), date(2021, 12, 31)),  # a bare answer to "哪年?"
    ("二一年住的院", date(2021, 1, 1), date(2021, 12, 31), date(2021, 12, 31)),
    ("98年3月", date(1998, 3, 1), date(1998, 3, 31), date(1998, 3, 31)),  # a two-digit year after this one
    ("下个月", date(2026, 12, 1), date(2026, 12, 31), date(2026, 12, 1)),  # the future: its first day
    ("住院花了两万，是2023年5月份的事", date(2023, 5, 1), date(2023, 5, 31), date(2023, 5, 31)),
    ("2023年5月住院，2024年1月又住了一次", date(2023, 5, 1), date(2023, 5, 31), date(2023, 5, 31)),  # the first
]


@pytest.mark.parametrize(("answer", "first", "last", "day"), PERIODS)
def test_parse_care_period_and_date(answer: str, first: date, last: date, day: date) -> None:
    assert parse_care_period(answer, TODAY) == CarePeriod(first, last)
    assert parse_care_date(answer, TODAY) == day


@pytest.mark.parametrize(
    "answer",
    ["", "不知道", "记不清了", "三级医院", "花了16000元", "16000.50", "第3次住院", "退休了两年",
     "干了23年", "退休23年了", "23年多", "住了5天", "2月30号", "13月", "2023.13", "年前住的院", "电话13812345678",
     "在职的，不对，前年刚退", "2019年退的休", "去年才参保的"],  # when something else happened
)
def test_no_date(answer: str) -> None:
    assert parse_care_date(answer, TODAY) is None


def test_month_day_in_the_current_month_counts_as_this_year() -> None:
    assert parse_care_date("11月20号", TODAY) == date(2026, 11, 20)
    assert parse_care_date("11月25号", TODAY) == date(2025, 11, 25)


def test_month_arithmetic_clips_to_the_month_end() -> None:
    assert parse_care_date("一个月前", date(2026, 3, 31)) == date(2026, 2, 28)
    assert parse_care_date("上个月", date(2024, 3, 31)) == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("answer", "today", "version"),
    [
        ("去年", TODAY, "binzhou-2024"),
        ("2023年5月", TODAY, "binzhou-2022-06"),
        ("2022年", TODAY, "binzhou-2022-06"),  # straddles 2022-06-01: the newer rules, not a refusal
        ("去年", date(2024, 3, 1), "binzhou-2022-06"),
        ("今年", date(2024, 3, 1), "binzhou-2024"),
        ("2022年5月", TODAY, None),  # before the first version: the engine says so
    ],
)
def test_representative_day_picks_the_policy_version(answer: str, today: date, version: str | None) -> None:
    picked = load_region("binzhou").version_for(parse_care_date(answer, today))
    assert (picked.id if picked else None) == version


@pytest.mark.parametrize(
    "answer, day",
    [
        ("俺前年 就是二零二零年 在县医院住的", date(2020, 12, 31)),  # the year said, though 前年 counts to 2024
        ("去年，也就是2025年8月", date(2025, 8, 31)),
        ("上个月住的院 俺2019年就交上医保了", date(2026, 10, 31)),  # a year of something else, later
    ],
)
def test_a_year_said_right_after_a_relative_date_says_which_it_is(answer: str, day: date) -> None:
    assert parse_care_date(answer, TODAY) == day
