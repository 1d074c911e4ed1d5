"""Money amounts in free answers and in sentences: the brief's forms, traps, and round trips."""
from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.reading.amounts import find_amount, parse_amount, read_amount

# (answer, amount) for parse_amount: an answer to "how much did it cost?"
ANSWERS = [
    # the brief's list
    ("一万六", "16000"),
    ("一万六千五", "16500"),
    ("1.6万", "16000"),
    ("两千五百块", "2500"),
    ("三万二千元整", "32000"),
    ("16000元", "16000"),
    ("¥16,000", "16000"),
    ("16,000.50", "16000.50"),
    ("三块五", "3.5"),
    ("五毛", "0.5"),
    ("两千块", "2000"),
    ("一千二", "1200"),
    ("三千零五十", "3050"),
    ("十万", "100000"),
    ("一百二十万", "1200000"),
    ("一点五万", "15000"),
    ("1点5万", "15000"),
    ("两万块钱", "20000"),
    ("八百多", "800"),
    ("五千块左右", "5000"),
    ("负五千", "-5000"),
    ("-5000", "-5000"),
    ("一万亿", "1000000000000"),
    ("花了三个亿", "300000000"),  # spoken measure word before 亿
    # more forms
    ("１６０００元", "16000"),  # fullwidth digits
    ("￥16000", "16000"),  # fullwidth yuan sign
    ("人民币三千", "3000"),
    ("一万六 千", "16000"),  # ASR space inside a numeral
    ("16000 元", "16000"),
    ("1万6", "16000"),
    ("3W", "30000"),  # typed shorthand
    ("1.6w", "16000"),
    ("5k", "5000"),
    ("2千5", "2500"),
    ("16万", "160000"),
    ("2.5千", "2500"),
    ("十二点五万", "125000"),
    ("三块五毛五", "3.55"),
    ("三块零五", "3.05"),
    ("五毛五", "0.55"),
    ("五分钱", "0.05"),
    ("五分", "0.05"),
    ("3块5", "3.5"),
    ("八千块八千", "8000"),  # a spoken repeat run together: no jiao
    ("一万一", "11000"),
    ("两万五千五", "25500"),
    ("十万零五百", "100500"),
    ("二十一万", "210000"),
    ("壹万贰仟", "12000"),  # banknote numerals
    ("1.6万余元", "16000"),
    ("八百来块", "800"),
    ("三四千", "3000"),  # a range: its lower bound
    ("一两万", "10000"),  # 两 as the upper digit too
    ("一万六七", "16000"),
    ("十七八万", "170000"),
    ("十几万", "100000"),
    ("大概一万吧", "10000"),
    ("差不多两万块钱", "20000"),
    ("一万出头", "10000"),
    ("5", "5"),  # a bare number answers "how much?"
    ("五", "5"),
    ("零", "0"),
    ("0元", "0"),
    ("一千万", "10000000"),
    ("花了一万六", "16000"),
    # a little more, about: colloquial forms (the cost form once asked again after "花了八千多点")
    ("花了八千多点", "8000"),
    ("一万多点儿", "10000"),
    ("万把块", "10000"),
    ("千把块钱", "1000"),
    ("三千挂零", "3000"),
    # the rough word before the magnitude: twenty-odd ten-thousands, not twenty yuan
    ("二十多万", "200000"),
    ("十来万", "100000"),
    ("三百多万", "3000000"),
    # the typed shorthand after more than one digit: cn2an reads no 一十二千
    ("12k", "12000"),
    ("15k块", "15000"),
]


@pytest.mark.parametrize(("answer", "amount"), ANSWERS)
def test_parse_amount(answer: str, amount: str) -> None:
    assert parse_amount(answer) == Decimal(amount)


@pytest.mark.parametrize(
    ("answer", "approximate"),
    [
        ("八百多", True),
        ("五千块左右", True),
        ("八百来块", True),
        ("大概一万", True),
        ("三四千", True),
        ("十几万", True),
        ("1.6万余元", True),
        ("将近两万", True),
        ("一万块钱不到", True),
        ("八千多点", True),
        ("万把块钱", True),
        ("两千块挂零", True),
        ("二十多万", True),
        ("一万六", False),
        ("三万二千元整", False),
        ("两千五百块", False),
    ],
)
def test_approximate_flag(answer: str, approximate: bool) -> None:
    amount = read_amount(answer, whole_answer=True)
    assert amount is not None and amount.approximate is approximate


def test_read_amount_keeps_the_words_as_written() -> None:
    amount = read_amount("住院花了一万六千块钱左右", whole_answer=False)
    assert amount is not None and amount.text == "一万六千块钱左右"


@pytest.mark.parametrize(
    "answer",
    ["", "不知道", "记不清了", "三级", "2023年5月", "第3次", "一级医院", "百分之八十", "85%", "十点钟",
     "两病", "我想问一下", "千万别", "二零二三", "13812345678", "0543-3162345", "住了五天",
     "八点多", "两点多一点"],  # times of day, not 八/两 with "a little more"
)
def test_parse_amount_none(answer: str) -> None:
    assert parse_amount(answer) is None


# (sentence, the money amount in it)
SENTENCES = [
    ("我是退休职工，在市人民医院住院花了一万六，自己要掏多少钱", "16000"),
    ("2023年5月在三级医院第3次住院，花了两万三", "23000"),
    ("退休了两年，住院一共两千五", "2500"),
    ("我电话13812345678，住院费用是16000", "16000"),
    ("报销比例是85%吗，我花了三千", "3000"),
    ("在一级医院住了十余天，花了5000多元", "5000"),
    ("住院16000，三级医院", "16000"),  # no cost word, but the only sizable number
    ("报销了一万，总共花了两万", "20000"),  # the total wins over another amount
    ("花了一万六，自己掏了两千块", "16000"),
    ("三甲医院住院8000元，第二次住院", "8000"),
    ("今年六十五岁了，门诊拿药花了三百多", "300"),
    ("住了两个礼拜，医药费一共三万二千元整", "32000"),
    ("2023.5在县医院住院，花了¥12,500.50", "12500.50"),
    ("我在滨州医学院附属医院住的院，花费大概在一万六左右", "16000"),
    ("两病门诊拿药一个月两百块", "200"),
    ("花了负五千", "-5000"),
    ("在职职工 三级医院住院 花了两万 个人掏多少", "20000"),  # a space ends the number: not 两万个人
    ("降压药每个月花三百一年下来能报多少", "300"),  # run into 一年, the pause lost: not 310 then 年
    ("门诊花了两千五三级医院", "2500"),  # run into 三级
    ("我妈住的县医院，医药费万把块钱吧", "10000"),
    ("九点多去的医院，前后花了一万多点", "10000"),
    # a transcript that lost the pause between the amount and the level
    ("一年下来花了两千八三级医院", "2800"),
    ("住院一万二二甲医院", "12000"),
    ("我爱人 住院 花了 二十多万 职工 退休的", "200000"),
    ("12k，政策内多少我也不清楚", "12000"),
]


@pytest.mark.parametrize(("sentence", "amount"), SENTENCES)
def test_find_amount(sentence: str, amount: str) -> None:
    assert find_amount(sentence) == Decimal(amount)


@pytest.mark.parametrize(
    "sentence",
    [
        "我是退休职工，在三级医院住院，自己要掏多少钱",
        "2023年5月第3次住院",
        "退休了两年，在一级医院",
        "报销比例是百分之八十五吗",
        "我电话是13812345678",
        "座机0543-3162345",
        "2023/5/10住的院",
        "2023.5住的院",
        "我今年六十五岁",
        "花了一下午排队",
        "有两病，一共住了3次院",
        "十点钟到的医院，住了5天",
        "十分感谢，等了五分钟",
        "他今年五十三岁",  # only a level's digit is split off a number
    ],
)
def test_find_amount_none(sentence: str) -> None:
    assert find_amount(sentence) is None


def test_find_amount_wants_a_money_signal_that_parse_amount_does_not() -> None:
    # "二十" alone answers "how much?", but inside a sentence a small bare number is not money
    assert parse_amount("二十") == 20
    assert find_amount("排了二十分钟的队") is None
    assert find_amount("挂号花了二十") == 20


AMOUNTS = st.integers(min_value=0, max_value=10**7)


@given(AMOUNTS)
def test_digits_round_trip(n: int) -> None:
    assert parse_amount(str(n)) == n


@given(AMOUNTS, st.sampled_from(["元", "块", "块钱", "元整"]))
def test_digits_with_unit_round_trip(n: int, unit: str) -> None:
    assert parse_amount(f"{n}{unit}") == n


@given(AMOUNTS)
def test_thousands_separators_round_trip(n: int) -> None:
    assert parse_amount(f"{n:,}") == n


@given(AMOUNTS)
def test_chinese_numerals_round_trip(n: int) -> None:
    assert parse_amount(cn2an.an2cn(n)) == n


@given(AMOUNTS)
def test_chinese_money_round_trip(n: int) -> None:
    # cn2an's "rmb" reading: 一万六千元整, 三元五角
    assert parse_amount(cn2an.an2cn(n, "rmb")) == n


@given(st.integers(min_value=0, max_value=10**9).map(lambda cents: Decimal(cents) / 100))
def test_yuan_and_cents_round_trip(value: Decimal) -> None:
    assert parse_amount(f"{value:.2f}元") == value
    assert parse_amount(cn2an.an2cn(f"{value:.2f}", "rmb")) == value  # 壹万陆仟元伍角叁分


@given(st.integers(min_value=1, max_value=10**7))
def test_negative_amounts_keep_their_sign(n: int) -> None:
    assert parse_amount(f"-{n}") == -n
    assert parse_amount(f"负{cn2an.an2cn(n)}") == -n


@given(AMOUNTS, st.sampled_from(["二", "三"]), st.integers(min_value=1, max_value=12))
def test_amount_found_among_levels_dates_and_counts(n: int, level: str, month: int) -> None:
    sentence = f"2023年{month}月在{level}级医院第2次住院，一共花了{cn2an.an2cn(n)}元，报销了百分之八十"
    assert find_amount(sentence) == n
