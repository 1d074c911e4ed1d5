"""A topic answered by its key terms only (using_the_assistant, settlement, insured_elsewhere): where nothing else
would be answered."""
import datetime

import pytest

from knowledge.cost.facts import read_facts
from knowledge.faq.choice import ANSWER, CLARIFY, OUT_OF_KNOWLEDGE, OUT_OF_SCOPE, FaqChoice, Reading, named_topic
from knowledge.faq.decision import decide
from knowledge.faq.model import knowledge_base

HELP = "using_the_assistant"


@pytest.mark.parametrize(
    "intents, ranking",
    [({"out_of_scope": 0.8}, ()), ({"nlu_fallback": 0.5, "greet": 0.3}, ()), ({"out_of_knowledge": 0.9}, ())],
)
def test_typing_made_hard_gets_how_to_ask_where_it_would_be_declined(intents, ranking):
    reading = Reading(intents=intents, ranking=ranking)
    assert decide(knowledge_base(), reading, "闺女给俺弄的这个 俺眼神不好 打字也费劲", {}) == FaqChoice(ANSWER, HELP)
    assert decide(knowledge_base(), reading, "俺不太会用手机 咋整", {}) == FaqChoice(ANSWER, HELP)


def test_it_replaces_an_answer_about_the_service_the_classifier_guessed():
    reading = Reading(intents={"faq": 0.9}, ranking=(("hotline_human", 0.8),))
    assert decide(knowledge_base(), reading, "俺这眼睛不好使 字太小了", {}) == FaqChoice(ANSWER, HELP)
    # a question about the service is answered, whatever else it says
    assert decide(knowledge_base(), reading, "俺打字慢，晚上有人工值班吗", {}) == FaqChoice(ANSWER, "hotline_human")


def test_a_question_beside_it_is_answered_and_no_other_decline_changes():
    kb = knowledge_base()
    clear = Reading(intents={"faq": 0.9}, ranking=(("inpatient_resident", 0.9),))
    assert decide(kb, clear, "俺打字慢 想问问住院报多少", {}) == FaqChoice(ANSWER, "inpatient_resident")
    declined = Reading(intents={"out_of_scope": 0.8}, ranking=())
    assert decide(kb, declined, "明天下不下雨", {}) == FaqChoice(OUT_OF_SCOPE)
    unknown = Reading(intents={"out_of_knowledge": 0.9}, ranking=())
    assert decide(kb, unknown, "医保卡丢了咋补办", {}) == FaqChoice(OUT_OF_KNOWLEDGE)


def test_its_words_name_no_topic_for_the_classifiers_ranking_to_overrule():
    assert named_topic(knowledge_base(), "俺不识字") is None


def test_a_message_a_topic_lists_as_said_alone_is_answered_where_it_would_be_declined():
    kb = knowledge_base()
    declined = Reading(intents={"out_of_scope": 0.9}, ranking=())
    assert decide(kb, declined, "你们 周末 休息吗？", {}) == FaqChoice(ANSWER, "hotline_human")  # as a caller says it
    assert decide(kb, declined, "人工啥时候上班？", {}) == FaqChoice(ANSWER, "hotline_human")
    unknown = Reading(intents={"out_of_knowledge": 0.9}, ranking=())
    assert decide(kb, unknown, "你们是 24 小时的吗？", {}) == FaqChoice(ANSWER, "hotline_human")
    # the same words about an office are not this service's hours
    assert decide(kb, declined, "你们医保局周末休息吗", {}) == FaqChoice(OUT_OF_SCOPE)


@pytest.mark.parametrize("intent", ["out_of_scope", "out_of_knowledge", "nlu_fallback"])
def test_when_the_money_comes_gets_how_it_is_settled_where_it_would_be_declined(intent):
    kb, reading = knowledge_base(), Reading(intents={intent: 0.8}, ranking=())
    for text in ("医保给报的那部分钱多久能打到卡上", "那报的钱要等多长时间"):
        assert decide(kb, reading, text, {}) == FaqChoice(ANSWER, "settlement")
    # money of something else is not it
    assert decide(kb, reading, "养老金啥时候到账", {}).topic != "settlement"


def _decided(text, reading, just_answered=None):
    said = read_facts(text, datetime.date(2026, 12, 8))
    return decide(knowledge_base(), reading, text, said, just_answered)


@pytest.mark.parametrize(
    "reading",
    [
        Reading(intents={"faq": 0.9}, ranking=(("inpatient_resident", 0.9),)),  # 滨州's benefit, ranked clearly
        Reading(intents={"faq": 0.5}, ranking=(("outpatient_employee", 0.4), ("outpatient_resident", 0.38))),
    ],
)
def test_a_benefit_asked_by_someone_insured_in_another_city_gets_whose_rules_apply(reading):
    for text in ("俺是德州的城乡居民医保 在这边住院能报多少", "潍坊职工医保 门诊报几成", "在烟台交的医保 看病咋报"):
        assert _decided(text, reading) == FaqChoice(ANSWER, "insured_elsewhere")
    assert _decided("外地参保的在咱这看病报不报", Reading(intents={"out_of_scope": 0.7}, ranking=())).topic == "insured_elsewhere"


def test_the_benefit_stands_for_care_in_another_city_and_other_topics_for_the_insured_elsewhere():
    benefit = Reading(intents={"faq": 0.9}, ranking=(("inpatient_employee", 0.9),))
    assert _decided("去潍坊的医院住院报销比例是多少", benefit).topic != "insured_elsewhere"
    aid = Reading(intents={"faq": 0.9}, ranking=(("family_mutual_aid", 0.9),))
    assert _decided("俺闺女是德州的职工医保 家庭共济能绑俺不", aid) == FaqChoice(ANSWER, "family_mutual_aid")
    # what no topic answers stays honestly not known, right after an answer too
    unknown = Reading(intents={"out_of_knowledge": 0.9}, ranking=())
    assert _decided("我在威海交了十年医保 转回来年限还算不", unknown) == FaqChoice(OUT_OF_KNOWLEDGE)
    assert _decided("我在德州交的医保 这个也能办吗", unknown, just_answered="family_mutual_aid").kind != ANSWER
    # 滨州's own scheme named beside another city's: the asker's is 滨州's
    assert _decided("青岛职工报得多 咱滨州职工住院报几成", benefit) == FaqChoice(ANSWER, "inpatient_employee")
    which = Reading(intents={"faq": 0.5}, ranking=(("family_mutual_aid", 0.4), ("kinship_account", 0.38)))
    assert _decided("家里人的账户咋弄", which).kind == CLARIFY  # no city named: decided as before
