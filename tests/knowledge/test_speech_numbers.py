"""Chinese readings for speech: the examples of the brief, the 两 rule, and a round trip."""
from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.speech.numbers import say_amount, say_count, say_figures, say_number, say_percent


@pytest.mark.parametrize(
    ("value", "spoken"),
    [
        (2780, "两千七百八十元"),
        (Decimal("2780.5"), "两千七百八十元五角"),
        ("0.05", "五分"),
        (16000, "一万六千元"),
        (200, "两百元"),
        (1, "一元"),
        (2, "两元"),
        (0, "零元"),
        ("2780.05", "两千七百八十元零五分"),
        ("0.22", "两角两分"),
        (22000, "两万两千元"),
        (13220, "一万三千二百二十元"),
        (12, "十二元"),
        (120000, "十二万元"),
        (50542, "五万零五百四十二元"),
        (37900001000, "三百七十九亿零一千元"),  # an empty 万 group is still read 零 (hypothesis found it)
        ("1.005", "一元零一分"),  # rounded half up to the fen
    ],
)
def test_say_amount(value, spoken):
    assert say_amount(value) == spoken


@pytest.mark.parametrize(
    ("ratio", "spoken"),
    [(Decimal("0.85"), "百分之八十五"), ("0.855", "百分之八十五点五"), (1, "百分之一百"), ("0.05", "百分之五"),
     ("0.2", "百分之二十")],
)
def test_say_percent_takes_a_fraction(ratio, spoken):
    assert say_percent(ratio) == spoken


@pytest.mark.parametrize(("value", "spoken"), [(2, "二"), (3, "三"), (2000, "两千"), (10005, "一万零五")])
def test_say_number(value, spoken):
    assert say_number(value) == spoken


@pytest.mark.parametrize("bad", [-1, "abc", "NaN", "Infinity", True, None])
def test_say_amount_rejects_what_is_not_an_amount(bad):
    with pytest.raises(ValueError):
        say_amount(bad)


@pytest.mark.parametrize("bad", [-1, 1.5, "3", True])
def test_say_number_rejects_non_integers(bad):
    with pytest.raises(ValueError):
        say_number(bad)


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_say_number_reads_back_to_the_same_integer(value):
    spoken = say_number(value)
    assert cn2an.cn2an(spoken.replace("两", "二"), "strict") == value


@given(st.integers(min_value=0, max_value=10**11))
def test_say_amount_has_no_digits_and_keeps_yuan_jiao_fen(cents):
    spoken = say_amount(Decimal(cents) / 100)
    assert not any(ch.isdigit() and ch.isascii() for ch in spoken)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    assert ("元" in spoken) == (yuan > 0 or cents == 0)
    assert ("角" in spoken) == (jiao > 0)
    assert ("分" in spoken) == (fen > 0)
    if yuan:
        reading = spoken.split("元")[0].replace("两", "二")
        assert cn2an.cn2an(reading, "strict") == yuan


def test_a_count_before_its_measure_word_says_two_as_liang():
    assert [say_count(n) for n in (1, 2, 3, 12, 22)] == ["一", "两", "三", "十二", "二十二"]


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("住院起付线按650元估算", "住院起付线按六百五十元估算"),
        ("报销比例按92.5%估算", "报销比例按百分之九十二点五估算"),
        ("年度限额按12万元估算", "年度限额按十二万元估算"),
        ("按不设起付线估算", "按不设起付线估算"),  # no figure: as it is
        ("二级医院起付线按2000元", "二级医院起付线按两千元"),  # 两千, and 二级 untouched
    ],
)
def test_figures_written_in_a_text_are_read_out(text, spoken):
    assert say_figures(text) == spoken
