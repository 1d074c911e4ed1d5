"""Rates said or written, as percent points: "90%", "百分之九十", "九成", "五个点" → 90, 90, 90, 5."""
from __future__ import annotations

import re
from decimal import Decimal

import cn2an

from knowledge.reading.vocabulary import halfwidth

_NUMERAL = "[零一二两三四五六七八九十百]+"
_SPOKEN = rf"百分之(?P<spoken>{_NUMERAL}(?:点[零一二三四五六七八九]+)?|\d+(?:\.\d+)?)"
_SPOKEN_RATE = re.compile(_SPOKEN)
_RATE = re.compile(
    rf"(?P<digits>\d+(?:\.\d+)?)\s*%"
    rf"|{_SPOKEN}"
    rf"|(?P<tenths>[一二三四五六七八九])成"
    rf"|(?P<points>{_NUMERAL}|\d+)个(?:百分)?点"
)


def _value(numeral: str) -> Decimal:
    # through str: cn2an gives a float for 零点五, and Decimal(0.1) is not 0.1
    return Decimal(numeral if numeral[0].isdigit() else str(cn2an.cn2an(numeral, "smart")))


def rate_mentions(text: str) -> set[Decimal]:
    """Every rate in the text, in percent points."""
    found = set()
    for match in _RATE.finditer(halfwidth(text)):
        if match["tenths"]:
            found.add(_value(match["tenths"]) * 10)
        else:
            found.add(_value(match["digits"] or match["spoken"] or match["points"]))
    return found


def written_rates(text: str) -> str:
    """The text with its spoken percentages written as the answers write them: 百分之九十 → 90%."""
    return _SPOKEN_RATE.sub(lambda match: f"{_value(match['spoken']).normalize():f}%", text)
