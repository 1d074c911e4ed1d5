"""Chinese readings of numbers, money and percentages for speech (TTS).

cn2an does the numeral conversion; this module adds what spoken Chinese needs on top:
两 instead of 二 before 百/千/万/亿 (两千七百八十, 两万两千) and the money units 元/角/分.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import cn2an

Number = Decimal | int | str

_CENT = Decimal("0.01")
# 二 is read 两 when it leads the number or a 万/亿 group and carries a magnitude
# (两百, 两千七百八十, 两万两千), but not inside a group (一万三千二百二十) or before 十 (二十).
_LIANG_BEFORE_UNIT = re.compile(r"(?:^|(?<=[万亿]))二(?=[百千万亿])")
_DIGIT_NAMES = "零一二三四五六七八九"


def _to_decimal(value: Number) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {value!r}") from exc
    if not number.is_finite() or number < 0:
        raise ValueError(f"expected a non-negative finite number, got {value!r}")
    return number


def say_number(value: int) -> str:
    """Spoken reading of a non-negative integer: 2780 → 两千七百八十, 22000 → 两万两千,
    13220 → 一万三千二百二十, 12 → 十二, 2 → 二.

    A bare 2 stays 二 (二级医院, 第二次); say_amount turns it into 两元.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a non-negative integer, got {value!r}")
    yi, rest = divmod(value, 10**8)
    if yi and 0 < rest < 10**4:
        # cn2an drops the 零 of an empty 万 group: 37900001000 is 三百七十九亿零一千, not 三百七十九亿一千
        spoken = cn2an.an2cn(str(yi)) + "亿零" + cn2an.an2cn(str(rest))
    else:
        spoken = cn2an.an2cn(str(value))
    return _LIANG_BEFORE_UNIT.sub("两", spoken)


def say_count(value: int) -> str:
    """A count before its measure word: 2 → 两 (两项), otherwise as say_number (三项, 十二项)."""
    return "两" if value == 2 else say_number(value)


def say_amount(value: Number) -> str:
    """Spoken reading of an amount in yuan, rounded to the fen (half up).

    2780 → 两千七百八十元; 2780.5 → 两千七百八十元五角; 2780.05 → 两千七百八十元零五分;
    0.05 → 五分; 2 → 两元; 0 → 零元.
    """
    cents = int(_to_decimal(value).quantize(_CENT, rounding=ROUND_HALF_UP) * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    parts: list[str] = []
    if yuan:
        parts.append(("两" if yuan == 2 else say_number(yuan)) + "元")
    if jiao:
        parts.append(_say_digit(jiao) + "角")
    if fen:
        if yuan and not jiao:
            parts.append("零")
        parts.append(_say_digit(fen) + "分")
    return "".join(parts) or "零元"


def say_percent(ratio: Number) -> str:
    """Spoken reading of a ratio given as a FRACTION (the convention of the policy data):
    0.85 → 百分之八十五, 0.855 → 百分之八十五点五, 1 → 百分之一百."""
    percent = (_to_decimal(ratio) * 100).normalize()
    text = format(percent, "f")
    whole, _, fraction = text.partition(".")
    spoken = cn2an.an2cn(whole)
    if fraction:
        spoken += "点" + "".join(_DIGIT_NAMES[int(d)] for d in fraction)
    return "百分之" + spoken


# A figure written in a text: a percentage, or yuan (maybe in 万).
_FIGURE = re.compile(r"(?P<number>\d+(?:\.\d+)?)(?:(?P<percent>%)|(?P<wan>万)?元)")


def say_figures(text: str) -> str:
    """A text with its written figures read out: "起付线按800元估算" → "起付线按八百元估算",
    "按90%估算" → "按百分之九十估算", "按30万元估算" → "按三十万元估算"."""
    def spoken(match: re.Match[str]) -> str:
        number = Decimal(match["number"])
        if match["percent"]:
            return say_percent(number / 100)
        return say_amount(number * 10000 if match["wan"] else number)

    return _FIGURE.sub(spoken, text)


def _say_digit(digit: int) -> str:
    return "两" if digit == 2 else _DIGIT_NAMES[digit]
