"""Rates said or written (knowledge/reading/rates.py)."""
from decimal import Decimal

import pytest

from knowledge.reading.rates import rate_mentions


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("报销比例分别为80%、75%", {80, 75}),
        ("退休的能到百分之九十五吧", {95}),
        ("说是给报八成", {80}),
        ("超过一万的再提五个点", {5}),
        ("全角的３０％", {30}),
        ("百分之七十五点五", {Decimal("75.5")}),
        ("住院花了两万", set()),
    ],
)
def test_each_rate_in_percent_points(text, points):
    assert rate_mentions(text) == {Decimal(p) for p in points}
