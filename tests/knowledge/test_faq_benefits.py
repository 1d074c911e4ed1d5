"""A question about what 医保 pays for care in general gets the benefit topics it may mean."""
import datetime

import pytest

from knowledge.cost.facts import read_facts
from knowledge.faq.benefits import asks_about_benefits_in_general
from knowledge.faq.choice import ANSWER, CLARIFY, NOT_UNDERSTOOD, FaqChoice, Reading
from knowledge.faq.decision import decide
from knowledge.faq.model import knowledge_base


@pytest.mark.parametrize("text", ["退休了看病怎么报", "报销比例多少", "住院了咋报销", "俺是新农合 看病能报多少",
                                  "我是职工，在三级医院住院，能报多少？", "请问门诊报销比例",
                                  "喂 您好 俺家老太太住院了 咋报", "喂你好我想问俺家老头子退休了看病咋报销",  # as callers say it
                                  "同志你好 我闺女给我交的居民医保 我今年七十了 看病咋报", "俺都八十多岁了 住院咋报",
                                  "俺老伴住了十来天院 想问问给报多少", "想跟你打听打听俺家老头子住院的事儿",
                                  "俺老伴住院了", "我想咨询一下报销", "喂 我想问一下医保报销的事",
                                  # a city we know says whose rules, as 滨州 does
                                  "俺是在乌海参保的 在那边住院给报多少", "滨城区这边看门诊咋报",
                                  # how much at most a year, and the asker's habits, say nothing of a subject
                                  "看门诊每年封顶多少钱", "俺平常就在卫生院拿药 已经退休了 报多少"])
def test_questions_naming_only_whose_and_which_care_ask_about_benefits_in_general(text):
    assert asks_about_benefits_in_general(text)


@pytest.mark.parametrize("text", ["牙科能报吗", "济南的门诊报销比例", "体检费用能报吗", "家庭共济怎么报", "想问问俺家的事儿",
                                  "高血压拿药怎么报", "医保卡丢了怎么办", "退休了", "三孩能报多少",
                                  "二次报销怎么报", "海南住院能报多少"])
def test_a_subject_of_its_own_or_no_question_is_not_one(text):
    assert not asks_about_benefits_in_general(text)


def decided(text, ranking=(), intents=None):
    reading = Reading(intents=intents or {"out_of_knowledge": 0.7, "faq": 0.3}, ranking=tuple(ranking))
    return decide(knowledge_base(), reading, text, read_facts(text, datetime.date(2026, 12, 1)))


def test_a_topic_named_that_is_no_benefit_s_is_not_a_question_about_benefits_in_general():
    assert decided("大额补助封顶多少", intents={"out_of_knowledge": 0.95}).candidates == ()
    assert decided("看门诊每年封顶多少钱").kind == CLARIFY  # the outpatient benefits


def test_the_benefits_that_fit_what_is_said_are_offered_instead_of_not_knowing():
    assert decided("退休了看病怎么报") == FaqChoice(CLARIFY, candidates=("inpatient_employee", "outpatient_employee"))
    assert decided("住院了咋报销") == FaqChoice(CLARIFY, candidates=("inpatient_employee", "inpatient_resident"))
    assert decided("我是职工，在三级医院住院，能报多少？") == FaqChoice(ANSWER, "inpatient_employee")
    assert decided("慢病怎么报") == FaqChoice(ANSWER, "chronic_coverage")  # care named: 门诊慢特病


def test_the_word_alone_asks_which_benefit():
    choice = decided("医保报销", ranking=[("manual_reimbursement", 0.3)])
    assert choice.kind == CLARIFY and "manual_reimbursement" not in choice.candidates


def test_a_message_of_no_words_is_not_understood_whatever_the_reading():
    assert decided("？？？").kind == NOT_UNDERSTOOD  # the NLU read it as a question no topic answers
    assert decided("👍👍", intents={"faq": 0.9}, ranking=[("e_voucher", 0.9)]).kind == NOT_UNDERSTOOD


def test_offered_best_ranked_first_at_most_three():
    choice = decided("报销比例多少", ranking=[("outpatient_resident", 0.2), ("e_voucher", 0.1)])
    assert choice.kind == CLARIFY and len(choice.candidates) == 3 and choice.candidates[0] == "outpatient_resident"


def test_a_question_the_classifier_answers_or_one_with_a_subject_is_decided_as_before():
    assert decided("体检费用能报吗").kind == "out_of_knowledge"
    answered = decided("住院报销比例是多少", ranking=[("inpatient_employee", 0.8)], intents={"faq": 0.95})
    assert answered == FaqChoice(ANSWER, "inpatient_employee")


def test_a_topic_the_words_do_not_name_gives_way_to_the_benefits_they_ask_about():
    # the classifier's best guess for a stay's rates asked by someone insured in 乌海 was 乌海's 家庭共济
    ranking = (("wuhai_family_mutual_aid", 0.48), ("wuhai_refund", 0.26), ("inpatient_employee", 0.03),
               ("inpatient_resident", 0.02))
    asked = decided("俺医保是在乌海交的，在那边住院能报多少", ranking, {"faq": 0.98})
    assert asked == FaqChoice(CLARIFY, candidates=("inpatient_employee", "inpatient_resident"))
    # a topic named by its own words stays answered (大额补助 is also a word of the stay)
    assert decided("大额补助报多少", (("large_medical_subsidy", 0.9),), {"faq": 0.98}) == FaqChoice(ANSWER, "large_medical_subsidy")


def test_the_care_named_outranks_a_benefit_ranked_for_another():
    # 两病 ranked first for the disease, but the question names 门诊慢特病
    ranking = (("two_diseases", 0.8), ("chronic_coverage", 0.1))
    asked = decided("慢特病门诊咋报 俺是居民 有糖尿病", ranking, {"faq": 0.99})
    assert asked == FaqChoice(ANSWER, "chronic_coverage")
    # a plain 门诊 (read as 普通门诊) says too little to overrule it
    plain = decided("居民医保糖尿病门诊拿药封顶多少", ranking, {"faq": 0.99})
    assert plain == FaqChoice(ANSWER, "two_diseases")


def test_a_benefit_ranked_for_the_other_scheme_than_the_one_said_gives_its_twin():
    ranking = (("inpatient_employee", 0.8), ("inpatient_resident", 0.15))
    # "上班" drew the classifier to 职工; "没上过班" and "在家种地" say 居民
    assert decided("俺从来没上过班 就在家种地 住院给报多少", ranking, {"faq": 0.95}) == FaqChoice(ANSWER, "inpatient_resident")
    assert decided("住院报销比例", ranking, {"faq": 0.95}) == FaqChoice(ANSWER, "inpatient_employee")  # no scheme said


def test_a_hospital_of_binzhou_named_says_only_where_the_care_was():
    assert asks_about_benefits_in_general("我爸在邹平市中医院住院 能报多少")
    assert not asks_about_benefits_in_general("在上海瑞金医院住院能报多少")


def test_a_benefit_question_the_classifier_takes_for_one_beyond_the_service_gets_the_benefits():
    asked = decided("那住院的钱是咋算的", intents={"out_of_scope": 0.8})
    assert asked == FaqChoice(CLARIFY, candidates=("inpatient_employee", "inpatient_resident"))
    assert decided("养老金是怎么算的", intents={"out_of_scope": 0.8}).kind == "out_of_scope"


def test_a_benefit_question_right_after_a_benefit_it_may_mean_is_more_about_that_one():
    reading = Reading(intents={"out_of_knowledge": 0.7, "faq": 0.3}, ranking=())
    text = "在卫生室看报几成"
    after = decide(knowledge_base(), reading, text, read_facts(text, datetime.date(2026, 12, 1)), just_answered="outpatient_employee")
    assert after == FaqChoice(ANSWER, "outpatient_employee")
    # after another topic, which benefit is still asked
    other = decide(knowledge_base(), reading, text, read_facts(text, datetime.date(2026, 12, 1)), just_answered="e_voucher")
    assert other.kind == CLARIFY


@pytest.mark.parametrize("text", ["下个月要去上海住院 咱滨州的医保到那还管用吗", "在外省瞧病 这医保给报不",
                                  # how it is paid there
                                  "闺女在杭州上班常住那边 她住院了怎么报销"])
def test_whether_the_insurance_works_elsewhere_is_the_filing_topic_not_unknown(text):
    assert decided(text, intents={"out_of_knowledge": 0.95}) == FaqChoice(ANSWER, "offsite_filing")


@pytest.mark.parametrize("text", ["在北京住院花了两万 能报多少", "从青岛转回滨州 医保年限能接上吗",
                                  # the other place's insurance used here
                                  "俺交的是天津的医保 在滨州看病能用吗", "外省医保卡到咱这能刷不",
                                  # being insured there, not care
                                  "孩子在外省参保了 家里这份还能用吗"])
def test_a_bill_elsewhere_or_moving_ones_insurance_is_not_that_question(text):
    assert decided(text, intents={"out_of_knowledge": 0.95}) != FaqChoice(ANSWER, "offsite_filing")
