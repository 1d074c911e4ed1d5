"""Facts said back before a question is asked again."""
import datetime
from decimal import Decimal

from knowledge.cost.facts import ALL_INSIDE, EACH, LEVEL_NOT_KNOWN
from knowledge.cost.noted import noted, said_back


def test_facts_are_said_in_the_order_told_with_the_money_in_yuan():
    told = {"total": Decimal("12000"), "level": 2, "scheme": "居民", "filed": False}
    assert noted(told) == "总费用12,000.00元、二级医院、居民医保、没有备案"


def test_a_level_not_known_is_said_as_such():
    assert noted({"level": LEVEL_NOT_KNOWN}) == "医院级别不清楚"


def test_both_ways_asked_are_said_as_each_counted():
    assert noted({"scheme": EACH, "care": "住院"}) == "职工、居民各算一遍、住院"
    assert said_back({"status": EACH}) == "好的，记下了：在职、退休各算一遍。"


def test_how_many_chronic_diseases_is_said_back():
    assert said_back({"chronic_count": 2}) == "好的，记下了：2个慢特病病种。"


def test_a_date_is_not_said_back_nor_anything_unknown():
    assert noted({"care_date": datetime.date(2026, 3, 31), "mystery": 1}) == ""


def test_said_back_is_a_sentence_or_nothing():
    assert said_back({"level": 3}) == "好的，记下了：三级医院。"
    assert said_back({"care_date": datetime.date(2026, 3, 31)}) is None


def test_the_whole_bill_inside_the_rules_is_said_back_when_told_and_a_part_not_known_is_not():
    assert noted({"care": "住院", "policy": ALL_INSIDE}) == "住院、费用都在政策范围内"
    assert said_back({"policy": None}) is None  # "政策内的不清楚": nothing to say back (it used to fail)
