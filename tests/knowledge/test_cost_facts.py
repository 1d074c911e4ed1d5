"""Reading cost facts from messages and deciding what to ask next."""
import datetime
from decimal import Decimal

import pytest

from knowledge.cost.engine import estimate
from knowledge.cost.errors import InvalidAmount
from knowledge.cost.facts import (
    ALL_INSIDE,
    EACH,
    LEVEL_NOT_KNOWN,
    asks_a_rule_figure,
    asks_about_rules,
    asks_own_cost,
    asks_what_a_bill_costs,
    check_date,
    counted_facts,
    deductible_met,
    facts_in_slots,
    is_cost_question,
    is_question,
    merge,
    merge_all,
    needed_facts,
    one_way,
    read_facts,
    same_fact,
    to_input,
    unfiled_offsite,
    unstated_defaults,
    variants,
)

TODAY = datetime.date(2026, 11, 23)


def test_one_message_can_state_most_facts():
    facts = read_facts("我是退休职工，在市人民医院住院花了一万六，自己要掏多少钱", TODAY)
    assert facts == {"scheme": "职工", "status": "退休", "care": "住院", "total": Decimal("16000")}
    assert needed_facts(facts) == ["level"]  # 市人民医院 does not say its level


def test_a_correction_states_only_what_changes():
    assert read_facts("不对，是二级医院", TODAY) == {"level": 2}
    assert read_facts("那如果是退休的呢", TODAY) == {"status": "退休", "scheme": "职工"}


def test_the_same_total_told_again_keeps_its_policy_part_another_drops_it():
    known = {"total": Decimal("23400"), "policy": Decimal("20900")}
    assert merge(known, {"total": Decimal("23400")})["policy"] == Decimal("20900")
    assert "policy" not in merge(known, {"total": Decimal("25000")})
    assert merge({"total": "23400", "policy": "20900"}, {"total": Decimal("23400")})["policy"] == "20900"  # slots


def test_the_first_total_keeps_the_policy_part_told_before_it():
    assert merge({"policy": ALL_INSIDE}, {"total": Decimal("20000")})["policy"] == ALL_INSIDE
    assert merge({"policy": "18000"}, {"total": Decimal("20000")})["policy"] == "18000"


def test_the_stay_of_the_year_said_alone_in_a_typed_clause():
    assert read_facts("第二回了 今年 真是倒霉", TODAY)["admission"] == 2


def test_a_level_settled_on_after_two_is_the_one_meant():
    assert read_facts("一开始说的三级 问了护士是二级 那就二级吧", TODAY)["level"] == 2


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


def test_of_two_levels_the_one_of_this_stay_is_meant():
    said = "前面在镇卫生院住过一回，这回转到了县医院（二级），花了一万一"
    assert read_facts(said, TODAY)["level"] == 2
    assert read_facts("去年在三级医院住过，这次在一级医院住院", TODAY)["level"] == 1


def test_no_filing_said_of_care_at_home_is_no_care_elsewhere():
    facts = read_facts("在本地住的院，没有办异地备案，都在滨州看的", TODAY)
    assert facts["offsite"] is False and "filed" not in facts
    facts = read_facts("在天津住的院 没办异地就医备案", TODAY)
    assert facts["offsite"] is True and facts["filed"] is False
    # filed, the care is elsewhere, whatever "当地" (there) says
    facts = read_facts("长期住在湖北，办了长期居住备案，在当地住的院", TODAY)
    assert facts["offsite"] is True and facts["filed"] is True


def test_the_family_being_away_is_not_where_the_care_was():
    assert "offsite" not in read_facts("老头子走得早 儿女都在外地 俺前些天在乡里卫生院住了五天", TODAY)
    assert read_facts("儿女都在外地 我自己去上海住的院", TODAY)["offsite"] is True
    assert read_facts("闺女在外地念书 发烧住院了", TODAY)["offsite"] is True  # she fell ill away


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
        # care in another place: whether it was filed is asked before the amount
        ({"scheme": "居民", "care": "住院", "level": 2, "offsite": True}, ["filed", "total"]),
        ({"scheme": "居民", "care": "住院", "level": 2, "offsite": True, "filed": True}, ["total"]),
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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("门诊统筹一年最多能报多少？我今年门诊已经花了八百", True),  # the cap, with a bill
        ("我花了五万，大病保险起付线是多少", True),
        ("住院三万块，那一万以上的报销比例是不是高一些", True),
        ("老伴退休了住院能报几成 花了一万二", True),
        ("住院三万，报销比例是多少，我自己要掏多少", False),  # asks the bill's own pay too
        ("住院花了两万最多能报多少", False),  # "at most" of this bill, not a yearly cap
        ("那一直在社区医院看的话 最多能报多少", True),  # no bill: the cap
        ("我是职工，门诊花了六百", False),  # no question
        ("报销比例挺高的，我花了三千能报多少", False),  # the figure is said, the question is the bill's
        ("在职的二级医院住院报85%，对吧", True),  # a rate to confirm
        ("住院一万二，听说能报八成是吗", True),
        # a rule heard somewhere, to be confirmed, beside the bill
        ("邻居都说居民住院起付线才三百，俺娘住院花了九千，有这回事吗", True),
        ("据说二级医院报得比三级多不少，我住了半个月花了一万五，靠谱吗", True),
        ("听说能多报，我住院花了两万，帮我算算自己掏多少", False),  # asks the bill's own pay
        ("听别人说住院能报销，我花了两万能报多少", False),  # nothing to confirm: the bill's question
        # a benefit checked to have none, with no bill; the deductible of a bill told is the bill's
        ("那这个不设起付线吧", True),
        ("看了三回门诊花了九百 起付线扣了吧", False),
        ("她在外地住的院，在职的 是八十五是吧", False),  # a rate in words, no rule word: not this reader's
    ],
)
def test_a_question_for_a_figure_of_the_rules_is_one_even_beside_a_bill(text, expected):
    assert asks_a_rule_figure(text) is expected
    if expected:
        assert not is_cost_question(text)


# ---- every engine input in plain words: one test per form of words

def read(text, requested=None):
    return read_facts(text, TODAY, requested)


@pytest.mark.parametrize(
    "text, policy",
    [("政策范围内的是两万五", "25000"), ("能报销的部分有一万二", "12000"), ("一万八是在报销范围内的", "18000")],
)
def test_the_policy_scope_part(text, policy):
    assert read(text)["policy"] == Decimal(policy)


@pytest.mark.parametrize("text", ["报销范围内有多少俺搞不清", "不晓得政策内的是多少", "那就按花的全算吧"])
def test_the_policy_scope_part_not_known_is_the_whole_bill(text):
    facts = read(text)
    assert "policy" in facts and facts["policy"] is None
    merged = merge({"total": Decimal(9000), "policy": Decimal(7000)}, facts)
    assert merged["total"] == Decimal(9000) and merged.get("policy") is None


@pytest.mark.parametrize(
    "text, self_paid",
    [("自费药一千", "1000"), ("里头有三千块是自费的", "3000"), ("医保不报的大概五百", "500"), ("目录外的耗材两千", "2000")],
)
def test_the_self_paid_part(text, self_paid):
    assert read(text)["self_paid"] == Decimal(self_paid)


def test_a_self_paid_part_makes_the_policy_scope_part_the_rest():
    facts = {"scheme": "职工", "status": "在职", "care": "住院", "level": 3, "total": "16000", "self_paid": "1000"}
    assert to_input(facts, None).policy == Decimal("15000")
    with pytest.raises(InvalidAmount):
        to_input({**facts, "self_paid": "20000"}, None)


@pytest.mark.parametrize(
    "text, met",
    [
        ("今年门诊的起付线已经够了", True),
        ("起付线我今年交过了", True),
        ("已经过了起付标准", True),
        ("起付线早就扣完了", True),
        ("起付线还没够呢", False),
        ("今年还没到起付线", False),
        ("起付线过了吗", None),
        ("起付线是多少", None),
        ("住院花了一万", None),
    ],
)
def test_the_deductible_already_met(text, met):
    assert deductible_met(text) is met
    assert read(text).get("deductible_met") is met


@pytest.mark.parametrize(
    "text, used",
    [("今年门诊已经报了两千", "2000"), ("统筹基金今年已经支付了八百", "800"), ("额度已经用了三千五", "3500")],
)
def test_the_fund_already_used_this_year(text, used):
    facts = read(text)
    assert facts["used"] == Decimal(used) and "total" not in facts


@pytest.mark.parametrize(
    "text, admission",
    [("今年第三次住院", 3), ("这是今年第2次住院了", 2), ("第四回住院了", 4), ("今年已经住了两次院了", 2), ("今年住过三回院了", 3),
     # after an estimate that assumed the year's first stay
     ("第三次", 3), ("这是第二回了", 2), ("第3次吧", 3), ("头一回住院", 1), ("第一次住", 1),
     # a correction run into it, as a transcript comes
     ("哎呀我记错了这是第四回", 4), ("不对不对应该是第二次", 2),
     # the ordinal alone in its clause
     ("第二回了，头一回在镇上住的", 2), ("嗯 今年就住了这一回", 1), ("对 只这一次", 1),
     ("这回算今年第五回了", 5),
     # the hospital's word
     ("患者今年第二次入院", 2),
     # the stay, then its ordinal ("再住第三回", a what-if)
     ("她要是再住第三回呢", 3), ("住院第二次还扣不扣", 2)],
)
def test_which_admission_of_the_year(text, admission):
    assert read(text)["admission"] == admission


@pytest.mark.parametrize("text", ["第一次用这个", "我第一次打这个电话", "第三次问了", "三次", "我就问这一次"])
def test_an_ordinal_about_something_else_is_not_a_stay(text):
    assert "admission" not in read(text)


@pytest.mark.parametrize(
    "text, offsite, filed",
    [
        ("备了案在天津住的院", True, True),
        ("在济南住院 异地备案办了", True, True),
        ("去外省看的病，已经备案了", True, True),
        ("在北京住院 没备案", True, False),
        ("在青岛做的手术 办备案了", True, True),
        ("在外地住的院，忘了备案", True, False),
        ("在外地住的院", True, None),
        ("就在本地住院", False, None),
    ],
)
def test_care_in_another_place_and_its_filing(text, offsite, filed):
    facts = read(text)
    assert facts.get("offsite") is offsite and facts.get("filed") is filed


def test_whether_it_was_filed_is_read_from_a_bare_yes_or_no_when_asked():
    assert read("办了", requested="filed")["filed"] is True
    assert read("还没办", requested="filed")["filed"] is False
    assert "filed" not in read("办了")
    # a question is no answer: its 没 says nothing of filing
    assert "filed" not in read("那个自费药你算上了没", requested="filed")


def test_off_site_care_without_filing_is_outside_the_estimate():
    assert unfiled_offsite(merge({}, read("在北京住院 没备案")))
    assert not unfiled_offsite(merge({}, read("备了案在天津住的院")))
    filed = to_input({"scheme": "居民", "care": "住院", "level": 2, "total": "9000", "offsite": True, "filed": True}, None)
    assert filed.offsite is True


@pytest.mark.parametrize(
    "text, group", [("我是低保户", "低保"), ("家里吃低保", "低保"), ("特困供养人员", "特困"), ("我们是五保户", "特困")]
)
def test_the_medical_assistance_group(text, group):
    assert read(text)["group"] == group


@pytest.mark.parametrize(
    "text, disease",
    [
        ("我有高血压，居民医保，门诊买降压药", "高血压"),
        ("居民 血糖高 每月打胰岛素", "糖尿病"),
        ("居民医保 在卫生院开二甲双胍", "糖尿病"),
        ("居民 降压药和降糖药都要吃", "高血压和糖尿病"),
    ],
)
def test_two_diseases_from_the_disease_or_the_medicine(text, disease):
    facts = merge({}, read(text))
    assert facts["care"] == "两病" and facts["disease"] == disease


def test_an_employee_buying_medicine_is_at_the_general_outpatient_clinic():
    facts = merge({}, read("职工 在职 门诊买降压药"))
    assert facts["care"] == "普通门诊"


def test_a_resident_at_the_outpatient_clinic_for_a_named_two_disease_is_two_disease_care():
    facts = merge_all({}, [read("我有糖尿病"), read("看的门诊"), read("居民医保")])
    assert facts["care"] == "两病" and facts["disease"] == "糖尿病"


@pytest.mark.parametrize("text", ["门诊慢特病", "我办了慢病卡", "慢性病门诊拿药"])
def test_chronic_outpatient_care(text):
    assert read(text)["care"] == "门诊慢特病"


@pytest.mark.parametrize("text", ["她没办别的慢病", "没有别的慢性病"])
def test_a_care_said_not_to_be_had_is_not_read(text):
    assert "care" not in read(text)


@pytest.mark.parametrize(
    "text, day",
    [
        ("前年十月住的院", datetime.date(2024, 10, 31)),
        ("22年7月", datetime.date(2022, 7, 31)),
        ("2023年3月5号看的", datetime.date(2023, 3, 5)),
        ("去年年底", datetime.date(2025, 12, 31)),
        ("上个月", datetime.date(2026, 10, 31)),
    ],
)
def test_the_date_of_care_absolute_or_relative(text, day):
    assert read(text)["care_date"] == day


def test_a_date_before_the_first_policy_is_read_and_then_refused():
    day = read("22年4月")["care_date"]
    assert check_date(day) is not None


# ---- merging what is said over the turns

def test_a_new_total_drops_the_old_policy_scope_part():
    known = {"total": "20000", "policy": "18000"}
    assert "policy" not in merge(known, {"total": Decimal("30000")})
    assert merge(known, {"level": 2})["policy"] == "18000"


def test_a_new_kind_of_care_drops_the_two_disease_disease():
    known = {"scheme": "居民", "care": "两病", "disease": "高血压"}
    assert "disease" not in merge(known, {"care": "住院"})


@pytest.mark.parametrize(
    "known", [{"scheme": "职工", "status": "退休", "care": "门诊慢特病"}, {"scheme": "居民", "care": "两病", "disease": "糖尿病"}]
)
def test_a_plain_outpatient_visit_keeps_the_kind_of_outpatient_care_told(known):
    known_care = known["care"]
    assert merge(known, read("没住过院 都是在门诊开的药"))["care"] == known_care
    assert merge(known, read("看的门诊"))["care"] == known_care
    # named as such, it is another care: a what-if
    assert merge(known, read("那要是普通门诊呢"))["care"] == "普通门诊"
    assert merge({"scheme": "职工"}, read("看的门诊"))["care"] == "普通门诊"


def test_care_at_home_drops_the_filing():
    assert "filed" not in merge({"offsite": True, "filed": False}, {"offsite": False})


# ---- what a reply says it assumed

def test_the_defaults_named_are_those_that_matter_for_the_care():
    resident_stay = {"scheme": "居民", "care": "住院", "level": 2, "total": "9000"}
    assert unstated_defaults(resident_stay) == ["policy", "offsite", "admission"]
    assert unstated_defaults({**resident_stay, "self_paid": "500", "admission": 3}) == ["offsite"]
    employee_clinic = {"scheme": "职工", "status": "在职", "care": "普通门诊", "level": 1, "total": "600"}
    assert unstated_defaults(employee_clinic) == ["policy", "offsite", "used", "deductible_met"]


def test_the_fund_having_paid_for_clinics_this_year_means_the_yearly_deductible_was_met():
    clinic = {"scheme": "职工", "status": "退休", "care": "普通门诊", "level": 2, "total": "700", "used": "1200"}
    assert "deductible_met" not in unstated_defaults(clinic) and to_input(clinic, None).deductible_met
    # said not met, it is not; nothing of the fund used, it is the default (not met); a stay's deductible is its own
    assert not to_input({**clinic, "deductible_met": False}, None).deductible_met
    assert not to_input({**clinic, "used": "0"}, None).deductible_met
    assert not to_input({**clinic, "care": "住院"}, None).deductible_met


# ---- questions about the rules versus answers

@pytest.mark.parametrize(
    "text, expected",
    [
        ("住院报销比例是多少", True),
        ("异地就医要备案吗", True),
        ("门诊慢特病怎么申请", True),
        ("职工，在职", False),
        ("退休十几年了", False),
        ("三级的医院", False),
        ("那要是二级的呢", False),
        ("三级医院住院能报多少", False),
        ("花了一万二 自己掏多少", False),
        # asked in the middle of the cost form, each naming a fact the form already has
        ("门特的待遇批下来得等多久", True),
        ("在外省看病是不是自己要先付百分之五", True),  # a rate, no bill to apply it to
        ("两万以上那部分是不是多给报五个点", True),  # a figure of the rules, not the bill
        ("花了一万二 自己掏百分之几", False),
    ],
)
def test_a_question_about_the_rules(text, expected):
    assert asks_about_rules(text) is expected


def test_the_topics_that_imply_a_kind_of_care_exist_and_name_a_care_kind():
    from knowledge.cost.facts import _topic_facts, facts_of_topic
    from knowledge.faq.model import knowledge_base
    from knowledge.shared_facts import CARE_KINDS

    for topic_id, facts in _topic_facts().items():
        assert topic_id in knowledge_base().topics, topic_id
        assert set(facts) == {"care"} and facts["care"] in CARE_KINDS
    assert facts_of_topic("inpatient_resident") == {"care": "住院"}
    assert facts_of_topic("family_mutual_aid") == {} and facts_of_topic(None) == {}


@pytest.mark.parametrize(
    "text", ["前年住过一回院 花了八千", "今年住了两次院了 这次花了一万", "去年秋天住了一次院", "俺娘住了仨礼拜", "开了个大手术 花了十万"]
)
def test_a_stay_counted_between_the_verb_and_the_hospital_is_inpatient_care(text):
    assert read_facts(text, TODAY)["care"] == "住院"


@pytest.mark.parametrize(
    "text", ["前些天在县医院住了半个来月的院", "住了俩月院", "俺爹住了十来天的院 职工", "老伴在中心医院住了二十来天", "今年俺住过好几回院了"]
)
def test_a_stay_told_with_its_length_between_the_verb_and_the_hospital_is_inpatient_care(text):
    assert read_facts(text, TODAY)["care"] == "住院"


def test_days_lying_in_hospital_are_inpatient_care_and_at_home_none():
    assert read_facts("老头子在中医院病房里躺了六天", TODAY)["care"] == "住院"
    assert "care" not in read_facts("感冒了在家里躺了三天", TODAY)


def test_living_near_a_hospital_is_no_stay():
    assert "care" not in read_facts("我住在县医院旁边", TODAY)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("住了半个月院花了两万多 能报多少", True),
        ("拿药三百块 自己掏多少", True),
        ("花了三万多，听说一万以上多报一些，是这么回事吗", False),  # the bill told, another question asked
        ("住院能报多少", False),  # no bill
        ("花了八千，报销比例是多少", False),  # a figure of the rules
    ],
)
def test_what_a_bill_costs_is_asked_with_the_bill_and_a_question_of_paying(text, expected):
    assert asks_what_a_bill_costs(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("住院两万，我自个儿要掏多少", True),
        ("这个药要自己付吗", True),
        ("帮我算一算", True),  # a request, no question needed
        ("俺娘住院了 你给俺看看能报多少", True),  # asked to look, with how much
        ("帮我看看异地就医怎么备案", False),
        ("帮我看看我上回住院报了多少", False),  # a record, not what a bill will cost
        ("我家老人住院，钱都是自己掏的。", False),  # a complaint
        ("每个月开药还得自己出不少钱", False),
        ("你给算算俺卡上还剩多少", False),  # the card's balance: a record
        ("医保卡余额怎么查", False),
        ("报完了还剩多少要自己出", True),
        # what one's care will cost, its kind named
        ("俺娘明天住院 大概得花多少钱啊", True),
        ("孩子发烧去看个病要花多少钱", True),
        ("住院得花多少才开始给报", False),  # the deductible
        ("老伴住院好几天了 也不知道花多少 心里没底", True),
        ("种个牙要花多少钱", False),  # a price, no care named by its kind
        ("补办医保卡需要花多少钱", False),  # a fee
    ],
)
def test_a_phrase_of_paying_asks_about_ones_own_cost_only_in_a_question(text, expected):
    assert asks_own_cost(text) is expected


@pytest.mark.parametrize(
    "text, asks",
    [("一级医院起付线是多少", True), ("医保断交了还能补上不", True), ("备案办了没", True), ("给报不", True),
     ("我也说不上来", False), ("我也不", False), ("还没", False), ("不不不", False),
     # 几 telling a rough number asks nothing
     ("退下来好几年了", False), ("一个月药钱几百块", False), ("住了十几天", False), ("住了几天能报吗", True),
     # a fact said back to check it asks; the filler 就是吧 does not
     ("封顶是三千 对吧", True), ("二级医院报七成是吧", True), ("就是吧 俺那个住了半个月", False)],
)
def test_a_question_by_its_words_or_by_its_spoken_ending(text, asks):
    assert is_question(text) is asks


@pytest.mark.parametrize("text", ["不清楚", "不知道啊", "这个我真不晓得", "记不清了", "我也说不上来"])
def test_not_knowing_the_level_is_read_only_as_the_answer_to_the_level_question(text):
    assert read_facts(text, TODAY, "level")["level"] == LEVEL_NOT_KNOWN
    assert "level" not in read_facts(text, TODAY, "total") and "level" not in read(text)


def test_two_peoples_schemes_leave_whose_bill_it_is_to_be_asked():
    # the caller 职工 在职, the bill his wife's, a 居民: 在职 no longer makes the bill an employee's
    facts = read_facts("我自己是单位上的在职职工 老婆是居民医保 她在二级医院住院花了九千", TODAY)
    assert "scheme" not in facts and facts["total"] == Decimal(9000)
    assert read_facts("退休了 住院九千", TODAY)["scheme"] == "职工"  # one person: as before


@pytest.mark.parametrize(
    "text, each",
    [("居民 住院花了九千 一级二级三级分别能报多少", True), ("三万块 在各级医院各得自己出多少钱", True),
     ("各级医院分别报几成", False),  # no bill: the rules asked
     ("住院一万二 二级还是三级记不清了", False),  # not known, not asked for each: the level question
     ("花两万的话 去一级还是三级便宜", True)],
)
def test_every_level_asked_for_a_bill_gives_each_levels_estimate(text, each):
    assert (read_facts(text, TODAY).get("level") == LEVEL_NOT_KNOWN) is each


@pytest.mark.parametrize(
    "text, scheme, status",
    [
        ("单位职工 县医院住院九千 在职的跟退了休的各要自己出多少", "职工", EACH),
        ("退休和在职的 门诊八百 差多少", "职工", EACH),
        ("住院两万三 居民跟职工分别能报多少", EACH, None),
        ("市人民医院住院三万 职工居民哪个自己掏得少", EACH, None),
        # two people's, nothing compared: whose is asked
        ("老头退休了 我还在上班 他住院花了一万", None, None),
        ("俺是在职职工 俺媳妇是居民 她住院花了七千", None, "在职"),
    ],
)
def test_both_schemes_or_statuses_compared_are_each_counted(text, scheme, status):
    facts = read_facts(text, TODAY)
    assert (facts.get("scheme"), facts.get("status")) == (scheme, status)


def test_insured_here_after_a_bill_insured_elsewhere_drops_that_bills_filing():
    husbands = read_facts("我老伴在德州参保 在职 在这边住院 没办备案 花了一万", TODAY)
    assert husbands["insured_elsewhere"] is True and husbands["filed"] is False
    mine = merge(husbands, read_facts("那我呢 我是滨州的居民医保 一样花一万", TODAY))
    assert mine["insured_elsewhere"] is False and not {"offsite", "filed"} & set(mine)
    # insured here said again of the same bill: nothing to drop
    assert merge({**husbands, "insured_elsewhere": False}, {"insured_elsewhere": False})["filed"] is False


def test_care_in_another_year_starts_the_years_figures_anew():
    known = {"scheme": "居民", "care": "住院", "level": "2", "total": "9000", "used": "150000", "admission": 3.0,
             "deductible_met": True}
    december = datetime.date(2026, 12, 8)
    next_year = merge(known, read_facts("那要是过了年 明年二月再住呢", december), december)
    assert next_year["care_date"].year == 2027 and not {"used", "admission", "deductible_met"} & set(next_year)
    # told with it, or the same year: kept
    told = merge(known, read_facts("明年三月再住 那时候就是第二次住院了", december), december)
    assert told["admission"] == 2 and "used" not in told
    assert merge(known, read_facts("要是下个礼拜再住呢", datetime.date(2026, 6, 8)), datetime.date(2026, 6, 8))["used"] == "150000"
    assert merge(known, read_facts("那明年呢", december))["used"] == "150000"  # no today: as before


def test_a_binzhou_hospital_named_with_the_bill_is_local_care_and_alone_tells_nothing():
    assert read_facts("改去滨医附院做吧 三级的 四万", TODAY)["offsite"] is False
    assert "offsite" not in read_facts("慢病认定 滨州市人民医院能办不", TODAY)


@pytest.mark.parametrize(
    "text, care",
    [("老伴肺癌 在做门诊化疗 一个月门诊得三千", "门诊慢特病"), ("俺有特慢病卡 去年门诊一共花了八千多", "门诊慢特病"),
     ("降糖药在门诊开 一年一千二", "两病"),
     ("普通门诊跟门特比哪个报得多", None),  # both named plainly: which one is asked
     ("慢病门诊看了 也住过院", None)],  # a stay beside it: which one is asked
)
def test_a_plain_outpatient_word_beside_the_kind_of_outpatient_care_is_that_kind(text, care):
    assert read_facts(text, TODAY).get("care") == care


@pytest.mark.parametrize(
    "text, count",
    [("俺是居民 身上有三种慢性病 一年门诊开药得一万", 3), ("两个病种都办了门特", 2), ("要是两样慢病呢", 2),
     ("两病都有 一年药费两千", None),  # 两病, the 高血压/糖尿病 benefit, is no count
     ("住了两次院", None)],
)
def test_how_many_chronic_diseases_is_read_when_said_with_a_measure_word(text, count):
    assert read_facts(text, TODAY).get("chronic_count") == count


def test_a_residents_chronic_bill_says_it_counted_one_disease_when_not_told():
    bill = {"scheme": "居民", "care": "门诊慢特病", "total": "9000"}
    assert "chronic_count" in unstated_defaults(bill)
    assert "chronic_count" not in unstated_defaults({**bill, "chronic_count": 2.0})
    assert "chronic_count" not in unstated_defaults({**bill, "scheme": "职工", "status": "在职"})  # one shared cap
    assert to_input({**bill, "chronic_count": 2.0}, "binzhou").chronic_count == 2 and to_input(bill, None).chronic_count == 1


def test_each_way_gives_one_bill_per_scheme_and_status_and_asks_no_status():
    bill = {"care": "住院", "level": 2, "total": "9000"}
    ways = variants({**bill, "scheme": EACH})
    assert [(v["scheme"], v.get("status")) for v in ways] == [("职工", "在职"), ("职工", "退休"), ("居民", None)]
    assert needed_facts({**bill, "scheme": EACH}) == []
    told = variants({**bill, "scheme": EACH, "status": "退休"})
    assert [(v["scheme"], v.get("status")) for v in told] == [("职工", "退休"), ("居民", "退休")]
    both = variants({**bill, "scheme": "职工", "status": EACH, "level": LEVEL_NOT_KNOWN})
    assert [(v["status"], v["level"]) for v in both] == [(s, n) for s in ("在职", "退休") for n in (1, 2, 3)]
    # an employee's 普通门诊 needs the level, for both schemes too; a resident's stay its admission
    assert needed_facts({"scheme": EACH, "care": "普通门诊", "total": "800"}) == ["level"]
    assert "admission" in unstated_defaults({**bill, "scheme": EACH})
    assert one_way(EACH) is None and one_way("居民") == "居民"


def test_the_level_not_known_gives_one_bill_per_level_and_a_known_one_the_bill_alone():
    bill = {"scheme": "居民", "care": "住院", "total": "12000"}
    assert [v["level"] for v in variants({**bill, "level": LEVEL_NOT_KNOWN})] == [1, 2, 3]
    assert variants({**bill, "level": "2"}) == [{**bill, "level": "2"}]


@pytest.mark.parametrize(
    "text, facts",
    [
        ("俺爹做了个疝气手术 花了九千", {"care": "住院", "total": Decimal("9000")}),
        ("去年装了两个心脏支架", {"care": "住院"}),
        ("在门诊做的小手术", {}),  # both cares named: asked
        ("就在村诊所拿的药", {"level": 1}),
        ("这回又住进去了", {"care": "住院"}),
        ("上回医保报了一万三了", {"used": Decimal("13000")}),
    ],
)
def test_an_operation_a_village_clinic_and_what_was_paid_before_are_read(text, facts):
    said = read_facts(text, TODAY)
    assert {name: said[name] for name in facts if name in said} == facts
    assert not set(said) & ({"care", "level", "used"} - set(facts))


@pytest.mark.parametrize("text", ["都在医保范围以内", "我看全是政策内的", "估计都是能报的", "药费啥的全是医保内的"])
def test_the_whole_bill_said_inside_the_rules_is_the_whole_bill_told(text):
    assert read_facts(text, TODAY) == {"policy": ALL_INSIDE}


def test_the_whole_bill_told_inside_the_rules_is_counted_whole_and_is_no_default():
    known = {"scheme": "职工", "status": "退休", "care": "住院", "level": 3, "total": "31000"}
    told = {**known, "policy": ALL_INSIDE}
    assert to_input(told, "binzhou").policy == Decimal("31000")
    assert to_input(known, "binzhou").policy is None  # the spec's default, the same amount
    assert "policy" in unstated_defaults(known) and "policy" not in unstated_defaults(told)


def test_what_was_paid_found_little_is_no_bill():
    assert "total" not in read_facts("为什么只有一千五", TODAY)
    assert "total" not in read_facts("咋才报了三千出头", TODAY)
    assert read_facts("自费药只有八百", TODAY) == {"self_paid": Decimal("800")}  # a part of the bill


def test_asked_the_level_a_question_of_what_it_pays_or_not_being_sure_is_every_level():
    assert read_facts("那你就说能报多少吧", TODAY, "level")["level"] == LEVEL_NOT_KNOWN
    assert read_facts("二级还是三级我也拿不准", TODAY, "level")["level"] == LEVEL_NOT_KNOWN
    assert "level" not in read_facts("那你就说能报多少吧", TODAY, "total")
    assert read_facts("看完病我还要自己出多少", TODAY, "level")["level"] == LEVEL_NOT_KNOWN


def test_a_yearly_figure_said_back_is_no_bill_but_a_year_spent_is():
    assert "total" not in read_facts("一年才六百啊", TODAY)
    assert read_facts("一年花了六百", TODAY)["total"] == Decimal("600")


def test_a_verb_said_twice_or_a_typed_clause_ending_in_bu_asks():
    assert is_question("这个钱医保让不让报")
    assert is_question("能在单位办不 俺天天出差")
    assert not is_question("我也不 知道")


def test_an_amount_before_a_year_is_no_year_and_together_is_no_yuan():
    said = read_facts("降压药一个月一百五 一年下来能报多少", TODAY)
    assert "care_date" not in said and said["total"] == Decimal("1800") and said["monthly"] == Decimal("150")
    assert "total" not in read_facts("两样病的药钱合一块算", TODAY)
    assert read_facts("二三年五月份住的院", TODAY)["care_date"] == datetime.date(2023, 5, 31)


def test_a_rate_before_a_year_is_no_year():
    said = read_facts("八成五 一年五千五是吧", TODAY)  # 85%, and a year's cap: no care in 1951
    assert "care_date" not in said


def test_a_rule_figure_asked_with_ne_is_the_rules():
    assert asks_a_rule_figure("那起付标准呢")


def test_where_one_is_insured_is_no_place_of_care():
    assert "offsite" not in read_facts("俺儿是在淄博交的医保", TODAY)
    assert read_facts("在德州住院交的钱", TODAY)["offsite"] is True


def test_the_whole_bill_said_after_asking_what_the_policy_part_is_is_the_total():
    assert read_facts("政策范围内是个啥意思 反正发票上合计18800", TODAY) == {"total": Decimal("18800")}


def test_asked_the_level_a_question_naming_something_more_is_no_answer():
    assert "level" not in read_facts("大病保险那块能给报多少", TODAY, "level")


@pytest.mark.parametrize("text, admission", [("第四回呢", 4), ("那要是第二次呢", 2), ("如果是第三回呢？", 3), ("今年头一次吧", 1)])
def test_an_ordinal_asked_as_a_what_if_is_the_stay_of_the_year(text, admission):
    assert read(text)["admission"] == admission


@pytest.mark.parametrize("text", ["是不是每年最多就六百", "慢病是每个病五千封顶吗", "两千的限额对吧", "一年最多报三十万吧"])
def test_a_cap_or_a_limit_of_each_disease_said_back_is_no_bill(text):
    assert "total" not in read_facts(text, TODAY)


@pytest.mark.parametrize("text", ["那政策范围内都算吧", "行 你就当全是能报的"])
def test_the_whole_bill_counted_inside_the_rules_when_told_to(text):
    assert read_facts(text, TODAY) == {"policy": None}


def test_wanting_it_counted_asks_ones_own_cost():
    assert asks_own_cost("我想算下住院这块")
    assert asks_own_cost("孩子住院了 你给算下")


def test_together_before_what_is_done_together_is_no_yuan_but_one_kuai_paid_is():
    assert "total" not in read_facts("门诊的和住院的能一块报不", TODAY)
    assert "total" not in read_facts("跟去年的一块儿算行吗", TODAY)
    assert read_facts("挂号费就一块", TODAY)["total"] == Decimal("1")


@pytest.mark.parametrize("text", ["上个月在县中医院住的", "人民医院住了十来天"])
def test_a_hospital_named_before_the_stay_is_inpatient_care(text):
    assert read(text)["care"] == "住院"


def test_a_scheme_no_longer_paid_into_is_negated_and_the_other_one_read():
    assert read_facts("她辞职以后没再交职工了 现在交的是居民", TODAY)["scheme"] == "居民"


def test_an_estimate_counts_with_the_facts_told_and_the_defaults_for_the_rest():
    told = {"scheme": "居民", "care": "住院", "level": "2", "total": "20000", "filed": None}
    counted = counted_facts(told)
    assert counted == {**{k: v for k, v in told.items() if v is not None}, "policy": ALL_INSIDE, "admission": 1,
                       "used": 0, "offsite": False, "deductible_met": False, "chronic_count": 1}
    assert counted_facts({**told, "admission": 3.0, "offsite": True})["admission"] == 3.0
    # a self-paid part told leaves the policy part to the rest of the bill: no default for it
    assert "policy" not in counted_facts({**told, "self_paid": "3000"})
    assert to_input(told, "binzhou").admission == 1 and to_input({**told, "admission": 2.0}, "binzhou").admission == 2
    # the care not dated is of today, the rules in force now ("今年" reads as today); a date told stands
    assert counted_facts(told, TODAY)["care_date"] == TODAY and "care_date" not in counted
    assert counted_facts({**told, "care_date": "2026-03-02"}, TODAY)["care_date"] == "2026-03-02"


@pytest.mark.parametrize("text", ["头回住院 在县医院", "今年头次住院", "这是头回"])
def test_the_first_stay_said_without_its_one_is_the_first(text):
    assert read_facts(text, TODAY)["admission"] == 1


@pytest.mark.parametrize(
    "read, held, same",
    [(2, "2", True), (Decimal("20000"), "20000", True), (Decimal("20000"), "20000.00", True), (1, 1.0, True),
     (False, False, True), (True, False, False), (1, True, False), ("住院", "住院", True), ("住院", "普通门诊", False),
     (datetime.date(2026, 3, 1), "2026-03-01", True), (Decimal("500"), "5000", False)],
)
def test_a_fact_read_equals_the_one_in_a_slot_whatever_its_type_there(read, held, same):
    assert same_fact(read, held) is same


def test_the_facts_in_slots_are_those_set():
    slots = {"scheme": "职工", "status": "", "total": "8000", "faq_last_topic": "x", "offsite": False}
    assert facts_in_slots(slots.get) == {"scheme": "职工", "total": "8000", "offsite": False}


@pytest.mark.parametrize(
    "text, unknown",
    [("老伴住院花了一万四 哪级医院俺也说不上来", True), ("职工在职 门诊三百 医院是啥级别的不清楚", True),
     ("住院花了一万四 不知道政策范围内是多少", False),  # another thing not known: the level is asked
     ("在市医院住的院 花了一万四 不知道能报多少", False)],  # what is not known is the result
)
def test_the_level_said_not_known_with_the_bill_gives_each_levels_estimate(text, unknown):
    assert (read_facts(text, TODAY).get("level") == LEVEL_NOT_KNOWN) is unknown


@pytest.mark.parametrize(
    "said, disease",
    [("俺另外还有高血压", "高血压和糖尿病"),  # one more: both
     ("又查出了血压高", "高血压和糖尿病"),
     ("那高血压也有呢", "高血压和糖尿病"),  # said after it
     ("说错了 是高血压", "高血压"),  # instead
     ("降压药", "高血压")],
)
def test_a_disease_said_as_one_more_joins_the_one_known(said, disease):
    known = {"scheme": "居民", "care": "两病", "disease": "糖尿病"}
    assert merge_all(known, [read_facts(said, TODAY)])["disease"] == disease


def test_a_month_told_is_counted_for_the_year_until_a_whole_bill_is_told():
    known = merge_all({"scheme": "居民", "care": "两病", "disease": "高血压"}, [read_facts("降压药每个月两百五", TODAY)])
    assert known["total"] == Decimal(3000) and known["monthly"] == Decimal(250)
    told = merge(known, read_facts("不对 一年总共花了两千", TODAY))
    assert told["total"] == Decimal(2000) and "monthly" not in told
