"""The written number forms of estimates and their rule texts: 13,220元, 2,780.00元, 85%."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def format_number(value: Decimal) -> str:
    """Written amount for formulas, to the fen: 13220 → "13,220", 2780.5 → "2,780.50"."""
    text = f"{value.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"
    return text.removesuffix(".00")


def format_yuan(value: Decimal) -> str:
    return format_number(value) + "元"


def format_money(value: Decimal) -> str:
    """A result amount, always with the fen: "2,780.00元"."""
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}元"


def format_percent(ratio: Decimal) -> str:
    """A ratio stored as a fraction, written as a percentage: 0.85 → "85%"."""
    return f"{(ratio * 100).normalize():f}%"
