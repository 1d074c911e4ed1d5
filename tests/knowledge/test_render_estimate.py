"""Chat and speech renderings of an estimate."""
import datetime
import re
from decimal import Decimal

import pytest

from knowledge.cost.engine import estimate
from knowledge.cost.numbers import format_number, format_percent
from knowledge.cost.render import SPOKEN_DETAILS_OFFER, render_chat, render_speech, render_speech_details
from knowledge.cost.request import EstimateInput
from knowledge.speech.numbers import say_amount, say_number

WORKED = EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(16000),
                       care_date=datetime.date(2024, 3, 1))
# Resident, 3rd admission, policy part given: every figure used is cited, nothing assumed.
# (16,000 − 0) × 60% = 9,600; personal 6,400.
ALL_CITED = EstimateInput(scheme="居民", care="住院", level=3, total=Decimal(16000), policy=Decimal(16000),
                          admission=3, care_date=datetime.date(2024, 3, 1))
# Employee, 200,000 with 低保: fund 178,820, 大病 4,944, 医疗救助 11,365.20, personal 4,870.80.
MANY_PAYERS = EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(200000),
                            group="低保", care_date=datetime.date(2024, 3, 1))


def test_chat_starts_with_personal_pay_then_itemizes():
    est = estimate(WORKED)
    lines = render_chat(est).splitlines()
    assert lines[0] == "预计个人支付：2,780.00元"
    text = "\n".join(lines)
    for step in est.steps:
        assert step.label_zh in text
    assert "(10,000 − 800) × 85%[002] + (16,000 − 10,000) × 90%[002]" in text
    assert "统筹基金支付 13,220.00元" in text


def test_chat_names_version_sources_and_every_assumed_figure():
    est = estimate(WORKED)
    text = render_chat(est)
    assert f"政策版本：{est.policy_version_name}（binzhou-2024）" in text
    assert "002_33f3f0989cae8432.txt" in text and "《我市医保门诊待遇标准连升让群众获得感更足》" in text
    assert est.assumptions
    for note in est.assumptions:
        assert f"· {note}" in text
    assert "起付线按800元估算" in text
    assert "政策范围内费用按总费用计算" in text


def test_chat_without_assumptions_has_no_estimate_section_but_keeps_notes():
    est = estimate(ALL_CITED)
    assert est.assumptions == []
    text = render_chat(est)
    assert "估算数字" not in text
    assert "居民大病保险" in text  # the note that 大病保险 was not computed


@pytest.mark.parametrize("inp", [WORKED, ALL_CITED, MANY_PAYERS])
def test_speech_is_short_plain_and_offers_details(inp):
    spoken = render_speech(estimate(inp))
    assert not re.search(r"[0-9A-Za-z%¥$+=×·|（）()\-]", spoken)
    assert spoken.count("。") <= 4  # at most three sentences, then the offer
    assert spoken.endswith(SPOKEN_DETAILS_OFFER)


def test_speech_reads_amounts_naturally_and_flags_estimates():
    spoken = render_speech(estimate(WORKED))
    assert "两千七百八十元" in spoken and "一万三千二百二十元" in spoken
    assert "估算" in spoken.split(SPOKEN_DETAILS_OFFER)[0].replace("按您说的情况估算", "")


def test_speech_names_every_payer():
    spoken = render_speech(estimate(MANY_PAYERS))
    assert "四千八百七十元八角" in spoken
    assert "大病保险支付四千九百四十四元" in spoken
    assert "医疗救助支付一万一千三百六十五元两角" in spoken


def test_speech_without_assumptions_does_not_claim_estimates():
    spoken = render_speech(estimate(ALL_CITED))
    assert "六千四百元" in spoken
    assert "部分数字是估算的" not in spoken


def test_speech_when_nothing_is_reimbursed():
    # 600 at a level-3 hospital is within the 800 deductible
    spoken = render_speech(estimate(EstimateInput(scheme="职工", status="在职", care="住院", level=3,
                                                  total=Decimal(600))))
    assert "六百元" in spoken and "没有可以报销的部分" in spoken


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal(13220), "13,220"), (Decimal("2780.5"), "2,780.50"), (Decimal("0.005"), "0.01"), (Decimal(0), "0")],
)
def test_format_number(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize(("ratio", "text"), [(Decimal("0.85"), "85%"), (Decimal("0.05"), "5%"), (Decimal(1), "100%")])
def test_format_percent(ratio, text):
    assert format_percent(ratio) == text


def test_spoken_details_name_every_step_with_its_amount_and_no_digits():
    est = estimate(WORKED)
    spoken = render_speech_details(est)
    assert not re.search(r"[0-9A-Za-z%¥$+=×·|（）()\-]", spoken)
    for step in est.steps:
        assert f"{step.label_zh}{say_amount(step.amount)}" in spoken
    assert f"{say_number(len(est.assumptions))}项数字是估算的" in spoken
