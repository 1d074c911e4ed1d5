"""Asking the assistant to look up one's own record (knowledge/reading/lexicon/record_request.yml)."""
import datetime

import pytest

from knowledge.cost.facts import asks_own_cost, read_facts
from knowledge.faq.choice import ANSWER, FaqChoice, Reading
from knowledge.faq.decision import decide
from knowledge.faq.model import knowledge_base
from knowledge.reading.record_request import asks_to_look_up_a_record, record_topic

REQUESTS = ["俺想让你查下俺医保卡里还剩多少钱", "麻烦给我查一下今年的缴费记录", "你帮俺瞅瞅上回那笔报销到账没",
            "能查 个人账户 余额 不"]


@pytest.mark.parametrize("text", REQUESTS)
def test_requests_to_look_up_a_record(text):
    assert asks_to_look_up_a_record(text)


@pytest.mark.parametrize("text", ["账户余额上哪查", "我老伴卡里还剩两千 能给我用吗", "帮我查查慢病在哪认定",
                                  "给我算算住院两万自己掏多少"])
def test_how_to_look_it_up_or_no_record_is_none(text):
    assert not asks_to_look_up_a_record(text)


@pytest.mark.parametrize("text", REQUESTS)
def test_a_request_gets_what_the_assistant_cannot_do_whatever_the_ranking(text):
    # ranked as the classifier might: a topic about the account, unsure
    reading = Reading(intents={"faq": 0.7}, ranking=(("family_mutual_aid", 0.4), ("scope", 0.35)))
    said = read_facts(text, datetime.date(2026, 12, 1))
    assert decide(knowledge_base(), reading, text, said) == FaqChoice(ANSWER, record_topic())


def test_a_request_to_look_up_the_balance_is_no_question_about_a_bill():
    assert not asks_own_cost("嗯 我想查一下 我的医保卡 里面 还剩多少钱 你帮我查查")


def test_the_topic_that_answers_them_exists():
    assert record_topic() in knowledge_base().topics
