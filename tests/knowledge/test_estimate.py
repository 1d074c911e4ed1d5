"""The estimate against hand calculations: the spec's worked check and every row of every table.

Each case states its arithmetic in a comment. Unless a case says otherwise: the policy part is
the whole bill (given explicitly), first admission, not off-site, no assistance group.
"""
import datetime
from decimal import Decimal

import pytest

from knowledge.cost.engine import estimate
from knowledge.cost.errors import InvalidInput
from knowledge.cost.request import EstimateInput

D = Decimal
V2022 = datetime.date(2023, 6, 1)  # binzhou-2022-06
V2024 = datetime.date(2024, 6, 1)  # binzhou-2024

EMPLOYEE = {"scheme": "职工", "status": "在职"}
RETIREE = {"scheme": "职工", "status": "退休"}
RESIDENT = {"scheme": "居民"}


def run(who, care, total, date=V2022, **extra):
    return estimate(EstimateInput(**who, care=care, total=D(total), policy=D(total), care_date=date, **extra))


def parts(est):
    return {
        "personal": est.personal_pay,
        "fund": est.fund_pay,
        "large": est.large_subsidy,
        "serious": est.serious_illness,
        "assistance": est.assistance,
    }


def expect(personal, fund, large=0, serious=0, assistance=0):
    return {"personal": D(personal), "fund": D(fund), "large": D(large), "serious": D(serious),
            "assistance": D(assistance)}


def step_amount(est, label):
    (amount,) = [step.amount for step in est.steps if step.label_zh == label]
    return amount


def test_spec_worked_check():
    # Employee active, level 3, 16,000, policy assumed = total: deductible 800,
    # fund (10,000 − 800) × 85% + (16,000 − 10,000) × 90% = 7,820 + 5,400 = 13,220,
    # burden 16,000 − 13,220 = 2,780 < 15,000 so 大病 0; personal 2,780.00.
    est = estimate(EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=D(16000)))
    assert step_amount(est, "起付线") == D("800.00")
    assert step_amount(est, "统筹基金支付") == D("13220.00")
    assert step_amount(est, "政策范围内个人负担") == D("2780.00")
    assert step_amount(est, "大病保险") == D("0.00")
    assert parts(est) == expect("2780.00", "13220.00")
    assert str(est.personal_pay) == "2780.00"
    assert "政策范围内费用按总费用计算" in est.assumptions
    assert "职工三级医院住院起付线按800元估算，以医保经办机构公布为准" in est.assumptions
    assert [s.file for s in est.sources] == ["002_33f3f0989cae8432.txt", "003_6a119accfedf813c.txt"]
    labels = [step.label_zh for step in est.steps]
    assert labels.index("起付线") < labels.index("统筹基金支付") < labels.index("个人支付") == len(labels) - 1


INPATIENT = [
    # --- ratio, level 1 (deductible 200)
    (EMPLOYEE, 1, 10000, {}, expect(1180, 8820)),  # (10,000 − 200) × 90% = 8,820
    (RETIREE, 1, 10000, {}, expect(690, 9310)),  # 9,800 × 95% = 9,310
    (RESIDENT, 1, 10000, {}, expect(1180, 8820)),  # 9,800 × 90% = 8,820
    # --- ratio, level 2 (deductible 500)
    (EMPLOYEE, 2, 10000, {}, expect(1450, 8550)),  # 9,500 × 90% = 8,550
    (RETIREE, 2, 10000, {}, expect(975, 9025)),  # 9,500 × 95% = 9,025
    (RESIDENT, 2, 10000, {}, expect(2875, 7125)),  # 9,500 × 75% = 7,125
    # --- ratio, level 3: employees by segment (deductible 800), residents 60% (deductible 1,000)
    (EMPLOYEE, 3, 8000, {}, expect(1880, 6120)),  # below 10,000: (8,000 − 800) × 85% = 6,120
    (RETIREE, 3, 16000, {}, expect(2020, 13980)),  # 9,200 × 90% + 6,000 × 95% = 8,280 + 5,700 = 13,980
    (RESIDENT, 3, 16000, {}, expect(7000, 9000)),  # (16,000 − 1,000) × 60% = 9,000
    # --- deductible from the 3rd admission
    (RESIDENT, 3, 16000, {"admission": 2}, expect(7000, 9000)),  # 2nd: still 1,000 → 9,000
    (RESIDENT, 3, 16000, {"admission": 3}, expect(6400, 9600)),  # 3rd: none → 16,000 × 60% = 9,600
    (EMPLOYEE, 3, 16000, {"admission": 3}, expect(2780, 13220)),  # employees keep the 800 → 13,220
    # --- annual cap of the basic fund
    # resident: 299,800 × 90% = 269,820 > 200,000 → fund 200,000, no 大额; burden 100,000
    (RESIDENT, 1, 300000, {}, expect(100000, 200000)),
    # employee level 2, 120,000 used → 180,000 left; the fund reaches it at 500 + 180,000 / 90% = 200,500;
    # 大额 (400,000 − 200,500) × 80% = 159,600; burden 400,000 − 180,000 − 159,600 = 60,400;
    # 大病 (60,400 − 15,000) × 80% = 36,320; personal 60,400 − 36,320 = 24,080
    (EMPLOYEE, 2, 400000, {"used": D(120000)}, expect(24080, 180000, large=159600, serious=36320)),
    # 大额 capped: cap already used, so 大额 takes (1,100,500 − 500) × 80% = 880,000 → 800,000;
    # burden 1,100,500 − 800,000 = 300,500; 大病 (300,500 − 15,000) × 80% = 228,400; personal 72,100
    (EMPLOYEE, 2, 1100500, {"used": D(300000)}, expect(72100, 0, large=800000, serious=228400)),
    # --- off-site 首先自付 5%: resident level 2, 10,000 → first 500, base 9,500,
    # fund (9,500 − 500) × 75% = 6,750; burden 10,000 − 6,750 = 3,250
    (RESIDENT, 2, 10000, {"offsite": True}, expect(3250, 6750)),
    # employee level 3: first 800, base 15,200: (10,000 − 800) × 85% + 5,200 × 90% = 7,820 + 4,680 = 12,500
    (EMPLOYEE, 3, 16000, {"offsite": True}, expect(3500, 12500)),
]


@pytest.mark.parametrize(("who", "level", "total", "extra", "expected"), INPATIENT)
def test_inpatient_table(who, level, total, extra, expected):
    assert parts(run(who, "住院", total, level=level, **extra)) == expected


def test_offsite_first_self_pay_is_reported():
    est = run(RESIDENT, "住院", 10000, level=2, offsite=True)
    assert est.first_self_pay == D("500.00")  # 10,000 × 5%


SERIOUS_ILLNESS = [
    # employee level 3, 100,000: fund 7,820 + 90,000 × 90% = 88,820; burden 11,180 ≤ 15,000 → 大病 0
    (100000, expect(11180, 88820)),
    # 200,000: fund 7,820 + 190,000 × 90% = 178,820; burden 21,180; 大病 (21,180 − 15,000) × 80% = 4,944;
    # personal 21,180 − 4,944 = 16,236
    (200000, expect(16236, 178820, serious=4944)),
]


@pytest.mark.parametrize(("total", "expected"), SERIOUS_ILLNESS)
def test_employee_serious_illness(total, expected):
    assert parts(run(EMPLOYEE, "住院", total, level=3)) == expected


def test_resident_serious_illness_is_not_computed_and_says_so():
    # resident level 3, 200,000: fund 199,000 × 60% = 119,400, burden 80,600, no 大病 figure
    est = run(RESIDENT, "住院", 200000, level=3)
    assert parts(est) == expect(80600, 119400)
    assert any("居民大病保险" in note.text and "未计算" in note.text for note in est.notes)


GENERAL_OUTPATIENT = [
    # --- binzhou-2024, deductible 200 for employees, 0 for residents
    (EMPLOYEE, 1, 1000, V2024, {}, expect(360, 640)),  # 800 × 80%
    (EMPLOYEE, 2, 1000, V2024, {}, expect(400, 600)),  # 800 × 75%
    (EMPLOYEE, 3, 1000, V2024, {}, expect(480, 520)),  # 800 × 65%
    (RETIREE, 1, 1000, V2024, {}, expect(320, 680)),  # 800 × 85%
    (RETIREE, 2, 1000, V2024, {}, expect(360, 640)),  # 800 × 80%
    (RETIREE, 3, 1000, V2024, {}, expect(440, 560)),  # 800 × 70%
    (RESIDENT, None, 500, V2024, {}, expect(200, 300)),  # 500 × 60% = 300 ≤ 400
    (RESIDENT, 3, 1000, V2024, {}, expect(600, 400)),  # 1,000 × 60% = 600 → cap 400
    (EMPLOYEE, 1, 7000, V2024, {}, expect(2500, 4500)),  # 6,800 × 80% = 5,440 → cap 4,500
    (RETIREE, 1, 7000, V2024, {}, expect(1500, 5500)),  # 6,800 × 85% = 5,780 → cap 5,500
    # --- binzhou-2022-06: 65% for employees at every level, cap 3,000
    (EMPLOYEE, None, 1000, V2022, {}, expect(480, 520)),  # 800 × 65%
    (RETIREE, None, 1000, V2022, {}, expect(480, 520)),  # 800 × 65%
    (RESIDENT, None, 500, V2022, {}, expect(200, 300)),  # 500 × 60%
    (RESIDENT, None, 1000, V2022, {}, expect(600, 400)),  # 600 → cap 400
    (EMPLOYEE, None, 6000, V2022, {}, expect(3000, 3000)),  # 5,800 × 65% = 3,770 → cap 3,000
    (RETIREE, None, 6000, V2022, {}, expect(3000, 3000)),  # same cap for retirees
    # --- the annual deductible already met: 1,000 × 65% = 650
    (EMPLOYEE, None, 1000, V2022, {"deductible_met": True}, expect(350, 650)),
    # --- used 2,800 of the 3,000 cap: 520 → 200 left
    (EMPLOYEE, None, 1000, V2022, {"used": D(2800)}, expect(800, 200)),
]


@pytest.mark.parametrize(("who", "level", "total", "date", "extra", "expected"), GENERAL_OUTPATIENT)
def test_general_outpatient_table(who, level, total, date, extra, expected):
    assert parts(run(who, "普通门诊", total, date=date, level=level, **extra)) == expected


CHRONIC = [
    (EMPLOYEE, 10000, {}, expect(1500, 8500)),  # no deductible, 10,000 × 85%
    (RETIREE, 10000, {}, expect(1000, 9000)),  # 10,000 × 90%
    (RESIDENT, 10000, {}, expect(7000, 3000)),  # 10,000 × 65% = 6,500 → 3,000 per disease
    (RESIDENT, 4000, {}, expect(1400, 2600)),  # 4,000 × 65% = 2,600 ≤ 3,000
    # two diseases, 3,000 each: 10,000 × 65% = 6,500 → 6,000; 8,000 × 65% = 5,200 ≤ 6,000
    (RESIDENT, 10000, {"chronic_count": 2}, expect(4000, 6000)),
    (RESIDENT, 8000, {"chronic_count": "2"}, expect(2800, 5200)),
    (EMPLOYEE, 10000, {"chronic_count": 3}, expect(1500, 8500)),  # employees share the inpatient cap: no change
    # employees share the inpatient cap 300,000: 295,000 used → 5,000 left of 8,500
    (EMPLOYEE, 10000, {"used": D(295000)}, expect(5000, 5000)),
]


@pytest.mark.parametrize(("who", "total", "extra", "expected"), CHRONIC)
def test_chronic_outpatient_table(who, total, extra, expected):
    assert parts(run(who, "门诊慢特病", total, **extra)) == expected


def test_a_residents_diseases_each_have_a_cap_and_the_reply_says_how_they_were_added():
    est = run(RESIDENT, "门诊慢特病", 10000, chronic_count=2)
    assert any("3,000元×2个病种" in step.rule_zh for step in est.steps)
    assert any(note.text.startswith("2个病种各有3,000元的年度限额，此处合计按6,000元计算") for note in est.notes)
    assert not any(ch.isdigit() for note in est.notes for ch in note.spoken)
    assert not any("病种" in note.text for note in run(RESIDENT, "门诊慢特病", 10000).notes)  # one disease: its cap
    with pytest.raises(InvalidInput, match="门诊慢特病病种数应为1或更大的整数"):
        run(RESIDENT, "门诊慢特病", 10000, chronic_count=0)


def test_chronic_employee_cap_cites_the_shared_cap():
    est = run(EMPLOYEE, "门诊慢特病", 10000, used=D(295000))
    assert any("与住院合用" in step.rule_zh for step in est.steps)
    assert "职工统筹基金年度限额按30万元估算，以医保经办机构公布为准" in est.assumptions


HYPERTENSION_DIABETES = [
    ("高血压", 400, expect(160, 240)),  # 400 × 60% = 240 ≤ 300
    ("高血压", 1000, expect(700, 300)),  # 600 → cap 300
    ("糖尿病", 1000, expect(600, 400)),  # 600 → cap 400
    ("高血压和糖尿病", 2000, expect(1400, 600)),  # 1,200 → cap 600
]


@pytest.mark.parametrize(("disease", "total", "expected"), HYPERTENSION_DIABETES)
def test_hypertension_diabetes_table(disease, total, expected):
    est = run(RESIDENT, "两病", total, disease=disease)
    assert parts(est) == expected
    assert step_amount(est, "起付线") == 0  # “不设起付线”, cited, not assumed
    assert any(disease in note for note in est.assumptions)  # the cap mapping is assumed


ASSISTANCE = [
    # worked check + 低保: burden 2,780 × 70% = 1,946; personal 834
    (EMPLOYEE, 16000, "低保", expect(834, 13220, assistance=1946)),
    # resident level 3 + 特困: burden 7,000 × 100% = 7,000; personal 0
    (RESIDENT, 16000, "特困", expect(0, 9000, assistance=7000)),
    # after 大病: burden 21,180, 大病 4,944, left 16,236 × 70% = 11,365.20; personal 4,870.80
    (EMPLOYEE, 200000, "低保", expect("4870.80", 178820, serious=4944, assistance="11365.20")),
]


@pytest.mark.parametrize(("who", "total", "group", "expected"), ASSISTANCE)
def test_medical_assistance_table(who, total, group, expected):
    est = run(who, "住院", total, level=3, group=group)
    assert parts(est) == expected
    assert any("医疗救助" in note.text and "上限" in note.text for note in est.notes)


def test_outside_scope_is_paid_by_the_person():
    # 20,000 of which 16,000 in scope: outside 4,000 + burden 2,780 = 6,780
    est = estimate(EstimateInput(**EMPLOYEE, care="住院", level=3, total=D(20000), policy=D(16000),
                                 care_date=V2022))
    assert est.outside_scope == D(4000)
    assert parts(est) == expect(6780, 13220)
    assert "政策范围内费用按总费用计算" not in est.assumptions


@pytest.mark.parametrize(
    ("date", "version", "personal"),
    [
        # employee level 1 general outpatient, 1,000: 2022-06 → 800 × 65% = 520 fund, 480 personal;
        # 2024 → 800 × 80% = 640 fund, 360 personal
        (datetime.date(2022, 6, 1), "binzhou-2022-06", 480),
        (datetime.date(2023, 12, 31), "binzhou-2022-06", 480),
        (datetime.date(2024, 1, 1), "binzhou-2024", 360),
    ],
)
def test_version_is_picked_by_date_of_care(date, version, personal):
    est = run(EMPLOYEE, "普通门诊", 1000, date=date, level=1)
    assert est.policy_version == version
    assert est.personal_pay == personal
    assert est.policy_version_name.startswith("滨州市医保待遇")


def test_default_date_is_today():
    est = estimate(EstimateInput(**EMPLOYEE, care="住院", level=3, total=D(16000)))
    assert est.request.care_date == datetime.date.today()


def test_2024_version_keeps_what_it_does_not_override():
    # binzhou-2024 only changes employee general outpatient; inpatient stays 13,220
    assert parts(run(EMPLOYEE, "住院", 16000, date=V2024, level=3)) == expect(2780, 13220)


def test_amounts_are_rounded_once_to_the_fen():
    # resident level 2, 1,000.01: (1,000.01 − 500) × 75% = 375.0075 → 375.01 (largest remainder),
    # personal 1,000.01 − 375.0075 = 625.0025 → 625.00; together 1,000.01
    est = run(RESIDENT, "住院", "1000.01", level=2)
    assert (est.personal_pay, est.fund_pay) == (D("625.00"), D("375.01"))


def test_bill_within_the_deductible_gets_nothing():
    # employee level 3, 600 < 800: the deductible counts as 600, the fund pays 0
    est = run(EMPLOYEE, "住院", 600, level=3)
    assert step_amount(est, "起付线") == D(600)
    assert parts(est) == expect(600, 0)
