"""One bill to estimate (EstimateInput) and its validation into the engine's canonical form (Bill).

Validation also accepts the text forms a command line or a form gives ("16000", "3",
"2024-01-01"); bad input raises an EstimateError with a Chinese message, never a guess.
"""
from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from knowledge.cost.errors import AmountTooLarge, InvalidAmount, InvalidInput, MissingInput, PolicyAboveTotal
from knowledge.cost.numbers import CENT, format_yuan
from knowledge.shared_facts import CARE_KINDS, DEFAULT_REGION, DISEASES, GROUPS, LEVELS, SCHEMES, STATUSES

MAX_AMOUNT = Decimal("10000000")
ZERO = Decimal(0)
# Chinese names of the inputs, for the messages about them.
FIELD_NAMES = {
    "scheme": "参保类型",
    "status": "在职/退休",
    "care": "就医类型",
    "level": "医院等级",
    "disease": "病种",
    "total": "总费用",
    "policy": "政策范围内费用",
    "used": "今年已报销金额",
    "group": "救助对象类别",
    "admission": "第几次住院",
    "chronic_count": "门诊慢特病病种数",
}


@dataclass(frozen=True, kw_only=True)
class EstimateInput:
    """One bill as given: fields typed with `str` also accept the text forms of a command line or form."""

    region: str = DEFAULT_REGION
    scheme: str | None
    status: str | None = None
    care: str | None
    level: int | str | None = None
    total: Decimal | str | None
    policy: Decimal | str | None = None
    admission: int | str = 1
    chronic_count: int | str = 1  # how many 门诊慢特病 diseases the person has (a resident's cap is per disease)
    used: Decimal | str = ZERO
    offsite: bool = False
    group: str | None = None
    disease: str | None = None
    deductible_met: bool = False
    care_date: datetime.date | str | None = None


@dataclass(frozen=True, kw_only=True)
class Bill:
    """A validated EstimateInput: every field checked and in canonical form."""

    region: str
    scheme: str
    status: str | None
    care: str
    level: int | None
    total: Decimal
    policy: Decimal | None
    admission: int
    chronic_count: int
    used: Decimal
    offsite: bool
    group: str | None
    disease: str | None
    deductible_met: bool
    care_date: datetime.date


def validated(inp: EstimateInput) -> Bill:
    """The input checked field by field; raises an EstimateError naming the first problem."""
    scheme = _choice(inp.scheme, SCHEMES, "scheme")
    total = _amount(inp.total, "total")
    policy = _optional_amount(inp.policy, "policy")
    if policy is not None and policy > total:
        raise PolicyAboveTotal(
            f"政策范围内费用（{format_yuan(policy)}）不能大于总费用（{format_yuan(total)}），请核对。"
        )
    return Bill(
        region=inp.region,
        scheme=scheme,
        # Status only distinguishes employees; a resident's is irrelevant and dropped.
        status=_choice(inp.status, STATUSES, "status") if scheme == SCHEMES[0] else None,
        care=_choice(inp.care, CARE_KINDS, "care"),
        level=_level(inp.level),
        total=total,
        policy=policy,
        admission=_count(inp.admission, "admission"),
        chronic_count=_count(inp.chronic_count, "chronic_count"),
        used=_optional_amount(inp.used, "used") or ZERO,
        group=_optional_choice(inp.group, GROUPS, "group"),
        disease=_optional_choice(inp.disease, DISEASES, "disease"),
        offsite=inp.offsite,
        deductible_met=inp.deductible_met,
        care_date=_care_date(inp.care_date),
    )


def _choice(value: str | None, allowed: Sequence[str], name: str) -> str:
    if value is None or value == "":
        raise MissingInput(name, FIELD_NAMES[name])
    if value not in allowed:
        raise InvalidInput(f"{FIELD_NAMES[name]}只能是{'、'.join(allowed)}之一，收到的是“{value}”。")
    return value


def _optional_choice(value: str | None, allowed: Sequence[str], name: str) -> str | None:
    return None if value is None or value == "" else _choice(value, allowed, name)


def _amount(value: object, name: str) -> Decimal:
    name_zh = FIELD_NAMES[name]
    if value is None:
        raise MissingInput(name, name_zh)
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise InvalidAmount(f"{name_zh}应为以元为单位的数字，收到的是“{value}”。") from None
    if not number.is_finite():
        raise InvalidAmount(f"{name_zh}应为以元为单位的数字，收到的是“{value}”。")
    if number < 0:
        raise InvalidAmount(f"{name_zh}不能是负数。")
    if number > MAX_AMOUNT:
        raise AmountTooLarge(f"{name_zh}超过一千万元，超出测算范围，请核对金额。")
    if number != number.quantize(CENT):
        raise InvalidAmount(f"{name_zh}最多精确到分（两位小数）。")
    return number


def _optional_amount(value: object, name: str) -> Decimal | None:
    return None if value is None else _amount(value, name)


def _level(value: int | str | None) -> int | None:
    if value is None or value == "":
        return None
    if not isinstance(value, bool) and str(value).strip() in {str(level) for level in LEVELS}:
        return int(str(value).strip())
    raise InvalidInput(f"医院等级只能是1、2、3（一级、二级、三级），收到的是“{value}”。")


def _count(value: int | str, name: str) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or int(text) < 1:
        raise InvalidInput(f"{FIELD_NAMES[name]}应为1或更大的整数，收到的是“{value}”。")
    return int(text)


def _care_date(value: datetime.date | str | None) -> datetime.date:
    if value is None or value == "":
        return datetime.date.today()
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidInput(f"就医日期应写成年-月-日，例如2024-03-15，收到的是“{value}”。") from None
