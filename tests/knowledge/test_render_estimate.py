"""Chat and speech renderings of an estimate."""
import datetime
import re
from decimal import Decimal

import pytest

from knowledge.cost.card import estimate_card
from knowledge.cost.engine import estimate
from knowledge.cost.numbers import format_money, format_number, format_percent
from knowledge.cost.render import (
    SPOKEN_DETAILS_OFFER,
    compared_sentence,
    headline,
    render_chat,
    render_details,
    render_each_chat,
    render_each_speech,
    render_speech,
    render_speech_details,
)
from knowledge.cost.request import EstimateInput
from knowledge.speech.numbers import say_amount

WORKED = EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(16000),
                       care_date=datetime.date(2024, 3, 1))
# Resident, 3rd admission, policy part given: every figure used is cited, nothing assumed.
# (16,000 − 0) × 60% = 9,600; personal 6,400.
ALL_CITED = EstimateInput(scheme="居民", care="住院", level=3, total=Decimal(16000), policy=Decimal(16000),
                          admission=3, care_date=datetime.date(2024, 3, 1))
# Employee, 200,000 with 低保: fund 178,820, 大病 4,944, 医疗救助 11,365.20, personal 4,870.80.
MANY_PAYERS = EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(200000),
                            group="低保", care_date=datetime.date(2024, 3, 1))


def test_chat_reply_is_the_personal_pay_then_who_pays_what_then_assumptions_then_sources():
    est = estimate(WORKED)
    lines = render_chat(est, ["policy", "offsite"]).splitlines()
    assert lines[0] == "按您说的情况（职工在职 · 三级医院 · 住院，总费用16,000.00元），您自己大约要付2,780.00元。"
    assert lines[1] == "谁付多少：统筹基金13,220.00元，您自己2,780.00元"
    assert lines[2].startswith("没说到的按常见情况算：费用都在医保政策范围内、在本地就医；其中")
    assert "职工三级医院住院起付线按800元估算" in lines[2] and "“其中自费药一千”" in lines[2]
    assert lines[3].startswith("依据：《我市医保门诊待遇标准连升让群众获得感更足》（约2022年12月）")
    assert len(lines) == 4


def test_chat_reply_shows_no_file_names_version_ids_or_seed_markers():
    for inp in (WORKED, ALL_CITED, MANY_PAYERS):
        est = estimate(inp)
        text = render_chat(est, ["policy"]) + render_details(est)
        assert not re.search(r"\d{3}_[0-9a-f]{16}|\.txt|binzhou-|\[\d{3}\]", text)


def test_chat_reply_names_every_payer_that_pays():
    line = render_chat(estimate(MANY_PAYERS)).splitlines()[1]
    assert line == ("谁付多少：统筹基金178,820.00元，大病保险4,944.00元，医疗救助11,365.20元，您自己4,870.80元")


def test_without_defaults_or_assumed_figures_there_is_no_assumption_sentence():
    est = estimate(ALL_CITED)
    assert est.assumptions == []
    assert len(render_chat(est).splitlines()) == 3 + 1  # headline, shares, the note of 大病保险, sources
    assert "估算（资料未公布" not in render_chat(est)


def test_how_a_figure_was_treated_is_said_with_the_amount_not_only_in_the_breakdown():
    # a resident's 大病保险 is not computed: the reply says it may pay more, written and spoken
    resident = estimate(EstimateInput(scheme="居民", care="住院", level=3, total=Decimal(500000)))
    assert "居民大病保险的起付线和报销比例资料中未给出" in render_chat(resident).splitlines()[2]
    assert "居民大病保险没算在内，个人负担高的话可能还会再报一些。" in render_speech(resident)  # not for any small bill
    poor = estimate(EstimateInput(scheme="居民", care="住院", level=2, total=Decimal(30000), group="特困"))
    assert "此处按不设上限计算" in render_chat(poor) and "按不设上限算的" in render_speech(poor)
    over_the_cap = EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(600000))
    assert "大额医疗补助按今年尚未使用计算" in render_chat(estimate(over_the_cap))


def test_details_itemize_every_step_with_the_version_notes_and_assumed_figures():
    est = estimate(WORKED)
    text = render_details(est)
    assert text.startswith(f"计算明细，按{est.policy_version_name}：")
    for step in est.steps:
        assert f"· {step.label_zh} " in text
    assert "(10,000 − 800) × 85% + (16,000 − 10,000) × 90%" in text
    assert "职工三级医院住院起付线按800元估算" in text
    assert "居民大病保险" in render_details(estimate(ALL_CITED))  # the note that 大病保险 was not computed


def test_the_card_carries_the_same_figures_as_the_reply():
    est = estimate(MANY_PAYERS)
    card = estimate_card(est, ["policy"])
    assert card["personal_pay"] == "4870.80" and card["total"] == "200000.00"
    assert [s["payer"] for s in card["shares"]] == ["统筹基金", "大病保险", "医疗救助", "您自己"]
    assert sum(Decimal(s["amount"]) for s in card["shares"]) == Decimal(card["total"])
    assert card["assumptions"].startswith("没说到的按常见情况算：费用都在医保政策范围内")
    assert card["sources"][0] == {"title": "我市医保门诊待遇标准连升让群众获得感更足", "date": "约2022年12月"}
    assert [step["label"] for step in card["steps"]] == [step.label_zh for step in est.steps]


@pytest.mark.parametrize("inp", [WORKED, ALL_CITED, MANY_PAYERS])
def test_speech_is_short_plain_and_offers_details(inp):
    est = estimate(inp)
    spoken = render_speech(est)
    assert not re.search(r"[0-9A-Za-z%¥$+=×·|（）()\-]", spoken)
    assert spoken.count("。") <= 4 + len(est.notes)  # at most three sentences and the notes, then the offer
    assert spoken.endswith(SPOKEN_DETAILS_OFFER)


def test_speech_reads_amounts_naturally_and_flags_estimates():
    spoken = render_speech(estimate(WORKED))
    assert "两千七百八十元" in spoken and "一万三千二百二十元" in spoken
    assert "估算" in spoken.split(SPOKEN_DETAILS_OFFER)[0].split("。", 1)[1]  # besides the opening's 估算


def test_speech_says_back_the_bill_as_heard():
    # the caller hears what the recognition made of "退修了" or "一万五六", and can correct it
    retired = EstimateInput(scheme="职工", status="退休", care="住院", level=2, total=Decimal(15000))
    assert render_speech(estimate(retired)).startswith("按职工退休、二级医院、住院、总费用一万五千元估算，")
    medicine = EstimateInput(scheme="居民", care="两病", disease="高血压", total=Decimal(600), group="低保")
    assert render_speech(estimate(medicine)).startswith("按居民医保、高血压门诊用药、低保、总费用六百元估算，")


def test_speech_names_every_payer():
    spoken = render_speech(estimate(MANY_PAYERS))
    assert "四千八百七十元八角" in spoken
    assert "大病保险支付四千九百四十四元" in spoken
    assert "医疗救助支付一万一千三百六十五元两角" in spoken


def test_speech_without_assumptions_does_not_claim_estimates():
    spoken = render_speech(estimate(ALL_CITED))
    assert "六千四百元" in spoken
    assert "是估算的" not in spoken


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
    assert "没说到" not in spoken
    two = estimate(EstimateInput(scheme="职工", status="在职", care="住院", level=2, total=Decimal(9000), policy=Decimal(9000)))
    assert "其中职工二级医院住院起付线按五百元估算、职工统筹基金年度限额按三十万元估算，以医保经办机构公布为准。" in (
        render_speech_details(two)
    )


def test_the_phone_summary_names_each_assumed_figure_briefly():
    # the spec: every reply marks each assumed figure; after the situation said back, its name is enough
    first_level = estimate(EstimateInput(scheme="职工", status="在职", care="住院", level=1, total=Decimal(25000)))
    assert "其中起付线两百元、报销比例百分之九十、年度限额三十万元是估算的，以医保经办机构公布为准。" in render_speech(first_level)
    outpatient = estimate(EstimateInput(scheme="居民", care="普通门诊", level=1, total=Decimal(3000)))
    assert "其中不设起付线是估算的" in render_speech(outpatient)
    # before the notes, which the gateway may keep for 详细 when the summary runs long
    poor = estimate(EstimateInput(scheme="居民", care="两病", disease="高血压", total=Decimal(600), group="低保"))
    spoken = render_speech(poor)
    assert spoken.index("是估算的") < min(spoken.index(note.spoken) for note in poor.notes)
    levels = [estimate(EstimateInput(scheme="居民", care="住院", level=n, total=Decimal(20000))) for n in (1, 2, 3)]
    assert "其中起付线两百元、五百元、一千元是估算的" in render_each_speech(levels)


def test_the_details_name_the_defaults_taken_for_what_was_not_said():
    est = estimate(EstimateInput(scheme="居民", care="住院", level=2, total=Decimal(20000)))
    for text in (render_details(est, ["offsite", "admission"]), render_speech_details(est, ["offsite", "admission"])):
        assert "没说到的按常见情况算：在本地就医、今年第一次住院。" in text
    assert "没说到" not in render_details(est)


def test_the_estimates_per_level_name_each_level_once_and_each_assumed_figure_once():
    bills = [EstimateInput(scheme="居民", care="住院", level=level, total=Decimal(12000)) for level in (1, 2, 3)]
    estimates = [estimate(bill) for bill in bills]
    text = render_each_chat(estimates, ["policy"])
    assert "（居民 · 住院，总费用12,000.00元）" in text  # the situation without a level
    assert [line[2:4] for line in text.splitlines() if line.startswith("· ")] == ["一级", "二级", "三级"]
    figures = {note for est in estimates for note in est.assumptions if note.endswith("，以医保经办机构公布为准")}
    assert len(figures) == 3  # each level's deductible
    for note in figures:
        assert text.count(note.removesuffix("，以医保经办机构公布为准")) == 1
    assert text.count("依据：") == 1 and "我按那一级再算" in text
    assert not any(ch.isdigit() for ch in render_each_speech(estimates))


def test_after_a_change_the_reply_says_how_the_pay_differs_from_the_estimate_before():
    est = estimate(WORKED)
    pay = est.personal_pay
    assert compared_sentence(est, pay + Decimal("330")) == "比刚才的估算少付330.00元。"
    assert compared_sentence(est, pay - Decimal("1200.5")) == "比刚才的估算多付1,200.50元。"
    assert compared_sentence(est, pay) == "和刚才的估算一样。"
    assert compared_sentence(est, None) == ""
    chat = render_chat(est, (), pay + Decimal("330"))
    assert chat.splitlines()[0] == headline(est) + "比刚才的估算少付330.00元。"
    assert estimate_card(est, (), pay + Decimal("330"))["compared"] == "比刚才的估算少付330.00元。"
    assert estimate_card(est)["compared"] == "" and render_chat(est) == render_chat(est, (), None)
    spoken = render_speech(est, pay + Decimal("330"))
    assert "比刚才的估算少付三百三十元。" in spoken and not re.search(r"[0-9]", spoken)


def test_a_bill_told_as_a_months_spending_is_said_to_be_counted_for_the_year():
    est = estimate(EstimateInput(scheme="居民", care="两病", disease="高血压", total=Decimal(3600)))
    line = "按每月300.00元、一年十二个月算，全年总费用3,600.00元，平均每月自己大约付275.00元。"
    assert render_chat(est, monthly=Decimal(300)).split("\n")[1] == line
    spoken = render_speech(est, monthly=Decimal(300))
    assert "按每月三百元、一年十二个月算，全年总费用三千六百元，平均每月自己大约付两百七十五元。" in spoken
    assert "十二个月" not in render_chat(est) + render_speech(est)  # told as the year's: nothing of months


def test_speech_says_the_bill_was_taken_as_all_inside_the_policy_scope_when_that_was_not_said():
    est = estimate(WORKED)
    taken = render_speech(est, defaults=["policy", "offsite"])
    assert "这是按费用都在医保政策范围内算的。" in taken
    assert taken.index("是估算的") < taken.index("医保政策范围内") < taken.index(SPOKEN_DETAILS_OFFER)
    assert "政策范围内" not in render_speech(est, defaults=["offsite"])  # the part told: nothing taken


def test_the_estimates_each_way_name_whose_each_is_and_ask_for_no_level():
    bills = [EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(30000)),
             EstimateInput(scheme="职工", status="退休", care="住院", level=3, total=Decimal(30000)),
             EstimateInput(scheme="居民", care="住院", level=3, total=Decimal(30000))]
    estimates = [estimate(bill) for bill in bills]
    text = render_each_chat(estimates)
    assert "（三级医院 · 住院，总费用30,000.00元），分别估算：" in text
    pays = [line for line in text.splitlines() if line.startswith("· ")]
    assert pays == [f"· {who}：您自己大约要付{format_money(est.personal_pay)}"
                    for who, est in zip(("职工在职", "职工退休", "居民"), estimates, strict=True)]
    assert "我按那一级再算" not in text and "不清楚医院级别" not in text
    spoken = render_each_speech(estimates)
    assert spoken.startswith("分别算的话，您个人大约要付：职工在职") and "几级医院" not in spoken
    assert not any(ch.isdigit() for ch in spoken)
    # each level of each status: both named in each line
    mixed = [estimate(EstimateInput(scheme="职工", status=s, care="住院", level=n, total=Decimal(30000)))
             for s in ("在职", "退休") for n in (1, 2)]
    assert "· 职工退休、二级医院：" in render_each_chat(mixed) and "我按那一级再算" in render_each_chat(mixed)
