"""Rates said or written (knowledge/reading/rates.py)."""
from decimal import Decimal

import pytest

from knowledge.reading.rates import rate_mentions, written_rates


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


def test_a_rate_said_in_tenths_of_a_point_is_that_decimal():
    assert rate_mentions("个人负担百分之零点三") == {Decimal("0.3")}


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("退休的是报百分之九十吗", "退休的是报90%吗"),
        ("百分之七十五点五的那个", "75.5%的那个"),
        ("大概百分之60", "大概60%"),
        ("说是给报八成", "说是给报八成"),  # tenths are no percentage the answers write
    ],
)
def test_spoken_percentages_are_written_as_the_answers_write_them(said, written):
    assert written_rates(said) == written
