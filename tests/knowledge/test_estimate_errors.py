"""Typed errors with Chinese messages instead of wrong numbers, and the command line."""
import datetime
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from knowledge.cost.engine import estimate
from knowledge.cost.errors import (
    AmountTooLarge,
    DateOutOfRange,
    EstimateError,
    InvalidAmount,
    InvalidInput,
    MissingInput,
    NotCovered,
    PolicyAboveTotal,
    RegionNotSupported,
)
from knowledge.cost.request import EstimateInput

REPO = Path(__file__).resolve().parents[2]
GOOD = {"scheme": "职工", "status": "在职", "care": "住院", "level": 3, "total": Decimal(16000)}


def attempt(**changes):
    return estimate(EstimateInput(**{**GOOD, **changes}))


def raises(error_type, **changes) -> EstimateError:
    with pytest.raises(error_type) as caught:
        attempt(**changes)
    assert isinstance(caught.value, EstimateError)
    assert caught.value.message and any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.message)
    return caught.value


def test_wuhai_has_no_parameters():
    error = raises(RegionNotSupported, region="wuhai")
    assert error.message.startswith("暂不支持乌海市的费用测算")
    assert "滨州市" in error.message


def test_unknown_region_is_not_supported_and_not_read_as_a_path():
    assert "该地区" in raises(RegionNotSupported, region="../policy/binzhou").message


@pytest.mark.parametrize("day", [datetime.date(2022, 5, 31), datetime.date(2019, 1, 1)])
def test_care_before_the_first_version_is_out_of_range(day):
    assert "2022年6月1日" in raises(DateOutOfRange, care_date=day).message


@pytest.mark.parametrize("total", [Decimal(-1), "abc", "NaN", "Infinity", Decimal("1.001"), True, "一万"])
def test_bad_total_is_an_invalid_amount(total):
    raises(InvalidAmount, total=total)


@pytest.mark.parametrize("field", ["policy", "used"])
def test_other_amounts_are_checked_too(field):
    raises(InvalidAmount, **{field: Decimal(-5)})


def test_policy_part_above_total():
    assert "不能大于总费用" in raises(PolicyAboveTotal, total=Decimal(100), policy=Decimal("100.01")).message


@pytest.mark.parametrize("field", ["total", "used"])
def test_amount_above_ten_million_is_refused(field):
    raises(AmountTooLarge, **{field: Decimal("10000000.01")})


def test_ten_million_itself_is_accepted():
    assert attempt(total=Decimal(10000000)).personal_pay > 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"level": None}, "level"),  # the inpatient table depends on the level
        ({"status": None}, "status"),
        ({"scheme": None}, "scheme"),
        ({"care": ""}, "care"),
        ({"total": None}, "total"),
        ({"scheme": "居民", "status": None, "care": "两病"}, "disease"),
        # the 2024 employee outpatient ratio depends on the level
        ({"care": "普通门诊", "level": None, "care_date": datetime.date(2024, 3, 1)}, "level"),
    ],
)
def test_missing_required_input_names_the_field(changes, field):
    assert raises(MissingInput, **changes).field == field


def test_level_is_not_needed_where_the_table_does_not_depend_on_it():
    # 2022-06 employee general outpatient is 65% at every level: 800 × 65% = 520
    est = attempt(care="普通门诊", level=None, total=Decimal(1000), care_date=datetime.date(2023, 1, 1))
    assert est.fund_pay == Decimal(520)


@pytest.mark.parametrize(
    "changes",
    [
        {"scheme": "农民"},
        {"status": "失业"},
        {"care": "急诊"},
        {"level": 4},
        {"level": "三甲"},
        {"admission": 0},
        {"group": "五保"},
        {"care_date": "2024/01/01"},
    ],
)
def test_values_outside_their_lists_are_invalid(changes):
    raises(InvalidInput, **changes)


def test_hypertension_diabetes_benefit_is_for_residents_only():
    assert "两病" in raises(NotCovered, care="两病", disease="高血压").message


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "knowledge.cost", *args], cwd=REPO, capture_output=True, text=True, timeout=60
    )


def test_cli_prints_the_chat_breakdown():
    done = cli("--scheme", "职工", "--status", "在职", "--care", "住院", "--level", "3", "--total", "16000")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("按您说的情况（职工在职 · 三级医院 · 住院，总费用16,000.00元），您自己大约要付2,780.00元。")
    assert "计算明细" in done.stdout


def test_cli_speech():
    done = cli("--scheme", "职工", "--status", "在职", "--care", "住院", "--level", "3", "--total", "16000",
               "--speech", "--date", "2024-01-01")
    assert done.returncode == 0, done.stderr
    assert "两千七百八十元" in done.stdout
    assert not any(ch.isdigit() for ch in done.stdout)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--scheme", "职工", "--status", "在职", "--care", "住院", "--total", "16000"), "医院等级"),
        (("--scheme", "职工", "--status", "在职", "--care", "住院", "--level", "3", "--total", "-5"), "负数"),
        (("--region", "wuhai", "--scheme", "居民", "--care", "住院", "--level", "1", "--total", "1"), "乌海市"),
        (("--scheme", "职工", "--status", "在职", "--care", "住院", "--level", "x", "--total", "1"), "医院等级"),
        (("--no-such-flag",), "参数有误"),
    ],
)
def test_cli_bad_input_prints_chinese_error_and_exits_2(args, message):
    done = cli(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_cli_help_lists_inputs_in_chinese_and_english():
    done = cli("--help")
    assert done.returncode == 0
    for text in ("--scheme", "参保类型", "employee", "--care", "住院", "inpatient", "--total", "总费用", "--speech"):
        assert text in done.stdout
