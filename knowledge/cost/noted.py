"""The facts an answer told, as the bot says them back before asking its question again: a caller who
answers "三甲医院" to "住院还是门诊？" hears that the hospital was noted, not the same question as if
nothing had been heard ("好的，记下了：三级医院。这次是住院，还是看门诊？")."""
from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from knowledge.cost.facts import ALL_INSIDE, EACH, LEVEL_NOT_KNOWN
from knowledge.cost.numbers import format_money
from knowledge.shared_facts import LEVEL_NAMES


def said_back(facts: Mapping[str, Any]) -> str | None:
    """"好的，记下了：三级医院、总费用30,000.00元。"; None when no fact is one to say back."""
    told = noted(facts)
    return f"好的，记下了：{told}。" if told else None


def noted(facts: Mapping[str, Any]) -> str:
    """"三级医院、总费用30,000.00元": the facts as read (knowledge.cost.facts.read_facts), in the order
    told; empty when none is one to say back."""
    return "、".join(phrase for name, value in facts.items() if (phrase := _phrase(name, value)))


def _phrase(name: str, value: Any) -> str:
    if value == EACH:
        return "职工、居民各算一遍" if name == "scheme" else "在职、退休各算一遍"
    if name == "scheme":
        return f"{value}医保"
    if name in ("status", "care", "disease", "group"):
        return str(value)
    if name == "level":
        return "医院级别不清楚" if value == LEVEL_NOT_KNOWN else f"{LEVEL_NAMES[int(value)]}医院"
    if name == "policy" and value == ALL_INSIDE:
        return "费用都在政策范围内"
    if name in _AMOUNTS:
        # None: a part not known ("政策内的不清楚"), nothing to say back
        return "" if value is None else _AMOUNTS[name] + format_money(Decimal(str(value)))
    if name == "offsite":
        return "异地就医" if value else "本地就医"
    if name == "filed":
        return "已备案" if value else "没有备案"
    if name == "admission":
        return f"今年第{value}次住院"
    if name == "chronic_count":
        return f"{int(value)}个慢特病病种"
    if name == "deductible_met":
        return "起付线已扣过" if value else "起付线还没扣过"
    return ""  # the date: read from words like 今年 or 去年5月, its day is the reader's, not the caller's


_AMOUNTS = {"total": "总费用", "policy": "政策范围内", "self_paid": "自费", "used": "今年已报"}
