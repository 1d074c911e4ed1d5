"""What a 医保 question gets: an answer, "which one?", an honest "I don't know", or a decline."""
import datetime

import pytest

from knowledge.cost.facts import read_facts
from knowledge.faq.choice import (
    ANSWER,
    CLARIFY,
    DEFAULT_POLICY,
    NOT_UNDERSTOOD,
    OUT_OF_KNOWLEDGE,
    OUT_OF_SCOPE,
    FaqChoice,
    Reading,
    choose,
    named_topic,
    narrow,
    ranking_from_parse,
)
from knowledge.faq.decision import decide
from knowledge.faq.model import knowledge_base

P = DEFAULT_POLICY


def reading(ranking, **intents):
    return Reading(intents=intents or {"faq": 0.9}, ranking=tuple(ranking))


def test_a_clear_winner_is_answered():
    choice = choose(reading([("a", P.clear_confidence), ("b", P.clear_confidence - 0.01)]))
    assert choice == FaqChoice(ANSWER, "a")


def test_a_wide_margin_is_answered_even_with_low_confidence():
    assert choose(reading([("a", 0.4), ("b", 0.4 - P.min_margin)])) == FaqChoice(ANSWER, "a")


def test_close_plausible_candidates_are_offered_best_first_at_most_three():
    choice = choose(reading([("a", 0.35), ("b", 0.30), ("c", 0.2), ("d", 0.15)]))
    assert choice == FaqChoice(CLARIFY, candidates=("a", "b", "c"))


def test_implausible_candidates_are_not_offered():
    low = P.plausible / 2
    choice = choose(reading([("a", 0.3), ("b", 0.25), ("c", low)]))
    assert choice.candidates == ("a", "b")


def test_a_flat_ranking_with_nothing_plausible_is_not_known_rather_than_guessed():
    low = P.plausible / 2
    assert choose(reading([("a", P.plausible + 0.05), ("b", low), ("c", low)])).kind == OUT_OF_KNOWLEDGE
    assert choose(reading([])).kind == OUT_OF_KNOWLEDGE


def test_a_sure_out_of_knowledge_intent_is_not_known_even_with_a_confident_topic():
    assert choose(reading([("a", 0.95)], out_of_knowledge=P.ook_sure, faq=0.05)).kind == OUT_OF_KNOWLEDGE
    assert choose(reading([("a", 0.5), ("b", 0.1)], out_of_knowledge=0.6, faq=0.4)).kind == OUT_OF_KNOWLEDGE


def test_an_unsure_out_of_knowledge_intent_gives_way_to_a_clear_topic():
    assert choose(reading([("a", P.clear_confidence)], out_of_knowledge=0.6, faq=0.4)) == FaqChoice(ANSWER, "a")


def test_a_key_term_is_answered_instead_of_asking():
    assert choose(reading([("a", 0.35), ("b", 0.30)]), named="b") == FaqChoice(ANSWER, "b")


def test_a_key_term_beats_an_unsure_out_of_knowledge_but_not_a_sure_one():
    unsure = reading([("a", 0.5)], out_of_knowledge=P.ook_confidence - 0.01, faq=0.3)
    sure = reading([("a", 0.5)], out_of_knowledge=P.ook_confidence, faq=0.3)
    assert choose(unsure, named="a") == FaqChoice(ANSWER, "a")
    assert choose(sure, named="a").kind == OUT_OF_KNOWLEDGE


@pytest.mark.parametrize(
    "intents, kind",
    [({"out_of_scope": 0.4, "faq": 0.3}, OUT_OF_SCOPE), ({"greet": 0.4, "faq": 0.3}, NOT_UNDERSTOOD)],
)
def test_an_unsure_message_that_is_no_medical_insurance_question(intents, kind):
    assert choose(reading([("a", 0.9)], **intents)).kind == kind


@pytest.mark.parametrize(
    "text, topic",
    [
        ("两病拿药报多少", "two_diseases"),
        ("家庭共济和亲情账户有啥不一样", "family_vs_kinship"),
        ("乌海的家庭共济能绑兄弟吗", "wuhai_family_mutual_aid"),
        ("驻企医保服务站能办啥", "enterprise_station"),
        ("门特跨省能直接结算吗", "cross_province_chronic"),
        ("医保码怎么用", "e_voucher"),
        ("看病那天医保卡没带 咋结算", "e_voucher"),  # the answer: no physical card is needed
        ("我儿子卡上的钱能给他爷爷拿药不", "family_mutual_aid"),  # one's card money given to a relative
        ("我卡里还剩多少钱", None),  # the balance: no one given it
        ("你们这热线晚上还接不接", "hotline_human"),  # this line's hours
        ("医保局的电话号码是多少", None),  # a number, not the hours
        ("职工住院报多少", None),
        ("手工报销材料交到医保服务站吗", None),
    ],
)
def test_the_topic_a_question_names_by_its_key_terms(text, topic):
    assert named_topic(knowledge_base(), text) == topic


def test_the_intents_and_ranking_are_read_from_a_rasa_parse():
    parse = {
        "intent": {"name": "nlu_fallback", "confidence": 0.45},
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.45},
            {"name": "faq", "confidence": 0.4},
            {"name": "out_of_knowledge", "confidence": 0.35},
        ],
        "response_selector": {
            "faq": {
                "ranking": [
                    {"intent_response_key": "faq/e_voucher", "confidence": 0.7},
                    {"intent_response_key": "faq/offsite_filing", "confidence": 0.2},
                ]
            }
        },
    }
    read = Reading.from_parse(parse)
    assert read.intents == {"faq": 0.4, "out_of_knowledge": 0.35} and read.top_intent == "faq"
    assert read.ranking == (("e_voucher", 0.7), ("offsite_filing", 0.2))
    assert ranking_from_parse({"intent": {"name": "greet"}}) == []


def test_an_unclear_question_right_after_an_answer_that_could_be_about_it_is_a_follow_up():
    close = reading([("a", 0.3), ("b", 0.25), ("c", P.follow_up)])
    assert choose(close, just_answered="c") == FaqChoice(ANSWER, "c")
    weak = reading([("a", P.plausible + 0.05), ("c", P.follow_up)])  # would be "I don't know"
    assert choose(weak, just_answered="c") == FaqChoice(ANSWER, "c")
    assert choose(reading([("a", 0.3), ("b", 0.25), ("c", P.follow_up - 0.01)]), just_answered="c").kind == CLARIFY
    assert choose(reading([("a", 0.3), ("b", 0.25), ("x", 0.2), ("c", 0.2)]), just_answered="c").kind == CLARIFY
    # a clear ranking, a key term and an out-of-knowledge reading still win
    assert choose(reading([("a", 0.9), ("c", 0.1)]), just_answered="c") == FaqChoice(ANSWER, "a")
    assert choose(reading([("a", 0.3), ("c", 0.25)]), named="a", just_answered="c") == FaqChoice(ANSWER, "a")
    assert choose(reading([("c", 0.3)], out_of_knowledge=0.7, faq=0.3), just_answered="c").kind == OUT_OF_KNOWLEDGE


def test_which_one_is_not_asked_between_topics_the_message_tells_apart():
    kb = knowledge_base()
    cares = FaqChoice(CLARIFY, candidates=("outpatient_resident", "inpatient_resident"))
    assert narrow(cares, kb, "居民", "住院") == FaqChoice(ANSWER, "inpatient_resident")
    assert narrow(cares, kb, None, "普通门诊") == FaqChoice(ANSWER, "outpatient_resident")
    schemes = FaqChoice(CLARIFY, candidates=("inpatient_resident", "inpatient_employee"))
    assert narrow(schemes, kb, "居民", None) == FaqChoice(ANSWER, "inpatient_resident")
    assert narrow(schemes, kb, "职工", "住院") == FaqChoice(ANSWER, "inpatient_employee")
    # 大额医疗补助 is told for 职工 only, with no twin for 居民: a 居民 may still be asking whether it is theirs
    three = FaqChoice(CLARIFY, candidates=("inpatient_resident", "inpatient_employee", "large_medical_subsidy"))
    assert narrow(three, kb, "居民", None) == FaqChoice(CLARIFY, candidates=("inpatient_resident", "large_medical_subsidy"))


def test_which_one_stays_when_the_message_tells_nothing_or_contradicts_every_choice():
    kb = knowledge_base()
    cares = FaqChoice(CLARIFY, candidates=("outpatient_resident", "inpatient_resident"))
    assert narrow(cares, kb, None, None) == cares
    assert narrow(cares, kb, "职工", None) == cares  # both are 居民's: nothing fits, nothing dropped
    # a topic that is not one scheme's benefit is never dropped for a scheme: 家庭共济 is asked about by 居民 too
    pooled = FaqChoice(CLARIFY, candidates=("family_mutual_aid", "kinship_account"))
    assert narrow(pooled, kb, "居民", "住院") == pooled
    assert narrow(FaqChoice(ANSWER, "inpatient_employee"), kb, "居民", None) == FaqChoice(ANSWER, "inpatient_employee")


@pytest.mark.parametrize(
    "intents",
    [{"cancel": 0.62, "faq": 0.2}, {"cancel": 0.41, "out_of_scope": 0.18, "faq": 0.1}],  # sure, and unsure
)
def test_a_cancel_that_asks_is_read_as_the_question_it_is(intents):
    reading = Reading(intents=intents, ranking=(("personal_account_change", 0.71),))
    read = reading.cancel_as_question("听人说个人账户以后没了 是不是真的")
    assert read.top_intent == "faq" and read.intents["faq"] == pytest.approx(intents["cancel"] + intents["faq"])
    assert read.ranking == reading.ranking


@pytest.mark.parametrize(
    "text, intents",
    [("不弄了，算了", {"cancel": 0.9}), ("听说个人账户取消了吗", {"faq": 0.7, "cancel": 0.2})],
)
def test_a_plain_cancel_or_a_question_already_read_as_one_stays_as_it_is(text, intents):
    reading = Reading(intents=intents, ranking=(("personal_account_change", 0.7),))
    assert reading.cancel_as_question(text) == reading


def test_small_talk_that_asks_a_question_is_read_as_that_question():
    reading = Reading(intents={"greet": 0.57, "faq": 0.08}, ranking=(("manual_reimbursement", 0.4),))
    read = reading.small_talk_as_question("我在村里 离县城远 必须跑医保局吗")
    assert read.top_intent == "faq" and read.intents["faq"] == pytest.approx(0.65)
    assert reading.small_talk_as_question("喂 你好 能听见吗") == reading
    goodbye = Reading(intents={"goodbye": 0.46, "faq": 0.35}, ranking=())
    assert choose(goodbye.small_talk_as_question("剩下那五千多有没有别的办法，我卡里没钱")).kind == OUT_OF_KNOWLEDGE
    assert choose(goodbye).kind == NOT_UNDERSTOOD


def test_what_the_policy_part_means_is_answered_by_its_words_where_nothing_else_would_be():
    kb = knowledge_base()
    unsure = Reading(intents={"out_of_knowledge": 0.9}, ranking=())
    assert decide(kb, unsure, "政策范围内到底指的是啥", {}).topic == "policy_scope"
    assert decide(kb, unsure, "医保目录外的药能报吗", {}).kind == OUT_OF_KNOWLEDGE


def test_care_in_another_city_asked_right_after_another_answer_must_say_the_care():
    kb = knowledge_base()
    not_known = reading([("scope", 0.05)], out_of_knowledge=0.99)
    said = "俺孙女能用不 她在青岛念书"
    facts = read_facts(said, datetime.date(2026, 12, 7))
    assert decide(kb, not_known, said, facts).topic == "offsite_filing"  # nothing answered before: care there
    assert decide(kb, not_known, said, facts, just_answered="family_mutual_aid").topic != "offsite_filing"
    asked = "俺孙女在青岛看病 咱这医保能用不"
    assert decide(kb, not_known, asked, read_facts(asked, datetime.date(2026, 12, 7)), just_answered="family_mutual_aid").topic == "offsite_filing"


@pytest.mark.parametrize("said", ["居民跟职工的门诊报销分别是几成", "职工居民住院哪个报得多"])
def test_both_schemes_compared_narrow_the_topics_to_neither(said):
    facts = read_facts(said, datetime.date(2026, 12, 8))
    assert facts["scheme"] == "each"
    for ranked in ([("outpatient_resident", 0.5), ("outpatient_employee", 0.4)], [("inpatient_employee", 0.9)]):
        one = reading(ranked, faq=0.9)
        assert decide(knowledge_base(), one, said, facts) == decide(knowledge_base(), one, said, {**facts, "scheme": None})
