"""Reading cost facts from messages and deciding what to ask next."""
import datetime
from decimal import Decimal

import pytest

from knowledge.cost.engine import estimate
from knowledge.cost.facts import check_date, is_cost_question, needed_facts, read_facts, to_input

TODAY = datetime.date(2026, 11, 23)


def test_one_message_can_state_most_facts():
    facts = read_facts("我是退休职工，在市人民医院住院花了一万六，自己要掏多少钱", TODAY)
    assert facts == {"scheme": "职工", "status": "退休", "care": "住院", "total": Decimal("16000")}
    assert needed_facts(facts) == ["level"]  # 市人民医院 does not say its level


def test_a_correction_states_only_what_changes():
    assert read_facts("不对，是二级医院", TODAY) == {"level": 2}
    assert read_facts("那如果是退休的呢", TODAY) == {"status": "退休", "scheme": "职工"}


@pytest.mark.parametrize("answer, level", [("3", 3), ("三", 3), ("一级", 1), ("2级", 2)])
def test_a_bare_level_answer_counts_only_when_the_level_was_asked(answer, level):
    assert read_facts(answer, TODAY, requested="level")["level"] == level


def test_a_bare_number_is_the_total_when_the_total_was_asked():
    assert read_facts("3", TODAY, requested="total") == {"total": Decimal("3")}
    assert "total" not in read_facts("3", TODAY, requested="scheme")


def test_dates_admissions_and_offsite_are_read():
    facts = read_facts("去年在外地住院，今年第三次住院了", TODAY)
    assert facts["care_date"].year == 2025
    assert facts["offsite"] is True and facts["admission"] == 3
    assert read_facts("今年已经住了两次院了", TODAY)["admission"] == 2


@pytest.mark.parametrize(
    "known, needed",
    [
        ({}, ["scheme", "care", "total"]),
        ({"scheme": "职工"}, ["status", "care", "total"]),
        ({"scheme": "居民", "care": "住院"}, ["level", "total"]),
        ({"scheme": "居民", "care": "普通门诊"}, ["total"]),  # resident outpatient: 60% at every level
        ({"scheme": "职工", "status": "在职", "care": "普通门诊"}, ["level", "total"]),
        ({"scheme": "居民", "care": "两病"}, ["disease", "total"]),
        ({"scheme": "职工", "status": "退休", "care": "门诊慢特病", "total": "900"}, []),
    ],
)
def test_questions_depend_on_scheme_and_care(known, needed):
    assert needed_facts(known) == needed


def test_care_before_the_first_policy_version_is_refused():
    assert check_date(datetime.date(2022, 5, 31)) is not None
    assert check_date(datetime.date(2022, 6, 1)) is None
    assert check_date(None) is None


def test_gathered_slot_strings_become_the_engine_input_of_the_worked_example():
    slots = {"scheme": "职工", "status": "在职", "care": "住院", "level": "3", "total": "16000"}
    result = estimate(to_input(slots, None))
    assert result.personal_pay == Decimal("2780.00")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("职工医保住院两万五 个人负担多少钱", True),
        ("我爸住院花了一万八 能报销多少钱", True),
        ("门诊拿药三百块自己掏多少", True),
        ("居民门诊年度限额400元是吧", False),  # asks about the cap, not a bill
        ("住院报销比例是多少", False),  # no amount
    ],
)
def test_a_cost_question_needs_an_amount_and_a_cost_cue(text, expected):
    assert is_cost_question(text) is expected
