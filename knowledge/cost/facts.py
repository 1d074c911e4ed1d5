"""The facts a "how much will I pay?" conversation gathers: read from messages, asked for in order.

Every message is read for every fact, so "我是退休职工，住院花了一万六" fills three at once and
"不对，是二级医院" corrects one. What is still missing is asked one question at a time.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import cn2an

from knowledge.cost.params import load_region
from knowledge.cost.request import EstimateInput
from knowledge.reading.amounts import find_amount, parse_amount
from knowledge.reading.choices import (
    parse_care,
    parse_disease,
    parse_group,
    parse_level,
    parse_scheme,
    parse_status,
    parse_yes_no,
)
from knowledge.reading.dates import parse_care_date
from knowledge.reading.vocabulary import read as read_lexicon
from knowledge.shared_facts import DEFAULT_REGION

# The order the questions are asked in.
FACTS = ("scheme", "status", "care", "level", "disease", "total")
# Facts read when said but never asked for (they have sensible defaults in the engine).
OPTIONAL_FACTS = ("care_date", "group", "offsite", "admission")
# A bare "3"/"三" only means a level when the level was just asked.
_BARE_LEVEL = re.compile(r"^\s*([一二三123])\s*[级]?\s*$")
_OFFSITE = re.compile(r"异地|外地|外省|省外|跨省")
_COUNT = r"([一二两三四五六七八九十\d]+)"
_NTH_ADMISSION = re.compile(rf"第\s*{_COUNT}\s*次\s*住院|今年\s*(?:已经)?\s*住了?\s*{_COUNT}\s*次")


def is_cost_question(text: str) -> bool:
    """A message that states an amount and asks what it costs the user (knowledge/reading/lexicon/cost_question.yml)."""
    plain = "".join(text.split())
    return find_amount(text) is not None and any(cue in plain for cue in read_lexicon("cost_question")["cues"])


def _count(token: str) -> int:
    """3, 三, 两, 十一 (cn2an, as care_dates reads numerals)."""
    return int(cn2an.cn2an(token, "smart"))


def read_facts(text: str, today: datetime.date, requested: str | None = None) -> dict[str, Any]:
    """Every fact `text` states. `requested` is the fact just asked for: a bare answer fills it."""
    facts: dict[str, Any] = {}
    readers = {
        "scheme": parse_scheme,
        "status": parse_status,
        "care": parse_care,
        "level": parse_level,
        "disease": parse_disease,
        "group": parse_group,
    }
    for name, reader in readers.items():
        value = reader(text)
        if value is not None:
            facts[name] = value
    if "status" in facts and "scheme" not in facts:
        facts["scheme"] = "职工"  # only employees are 在职/退休 in 医保 terms
    if requested == "level" and "level" not in facts:
        bare = _BARE_LEVEL.match(text)
        if bare:
            facts["level"] = _count(bare.group(1))
    if requested == "offsite":
        answer = parse_yes_no(text)
        if answer is not None:
            facts["offsite"] = answer
    if _OFFSITE.search(text):
        facts["offsite"] = True
    total = parse_amount(text) if requested == "total" else find_amount(text)
    if total is not None:
        facts["total"] = total
    day = parse_care_date(text, today)
    if day is not None:
        facts["care_date"] = day
    nth = _NTH_ADMISSION.search(text)
    if nth:
        count = _count(nth.group(1) or nth.group(2))
        if count:
            facts["admission"] = count
    return facts


def _asked(fact: str, known: dict[str, Any]) -> bool:
    """Whether the table needs this fact for what is known so far (scheme and care decide)."""
    scheme, care = known.get("scheme"), known.get("care")
    if fact == "status":
        return scheme == "职工"
    if fact == "level":
        return care == "住院" or (care == "普通门诊" and scheme == "职工")
    if fact == "disease":
        return care == "两病"
    return True


def needed_facts(known: dict[str, Any]) -> list[str]:
    """The facts still to ask for, in FACTS order, given what is known."""
    return [fact for fact in FACTS if _asked(fact, known) and known.get(fact) in (None, "")]


@dataclass(frozen=True)
class DateProblem:
    message: str


def policy_start(region: str = DEFAULT_REGION) -> datetime.date | None:
    """The first day the region's parameter file covers (None: the region has no parameters)."""
    policy = load_region(region)
    return policy.versions[0].effective_from if policy else None


def check_date(day: datetime.date | None, region: str = DEFAULT_REGION) -> DateProblem | None:
    """Care before the first policy version cannot be estimated: say so instead of guessing."""
    start = policy_start(region)
    if day is not None and start is not None and day < start:
        return DateProblem(
            f"抱歉，{start.year}年{start.month}月{start.day}日以前的费用适用当时的旧政策，我这里无法估算。"
            "如果是最近的费用，请告诉我是哪年哪月看的病。"
        )
    return None


def to_input(known: dict[str, Any], region: str | None) -> EstimateInput:
    """The engine's input from the gathered facts (missing optional facts take the engine's defaults)."""
    care_date = known.get("care_date")
    if isinstance(care_date, str):
        care_date = datetime.date.fromisoformat(care_date)
    total = known.get("total")
    return EstimateInput(
        region=region or DEFAULT_REGION,
        scheme=known.get("scheme"),
        status=known.get("status"),
        care=known.get("care"),
        level=int(known["level"]) if known.get("level") not in (None, "") else None,
        total=Decimal(str(total)) if total is not None else None,
        admission=int(known.get("admission") or 1),
        offsite=bool(known.get("offsite") or False),
        group=known.get("group"),
        disease=known.get("disease"),
        care_date=care_date,
    )
