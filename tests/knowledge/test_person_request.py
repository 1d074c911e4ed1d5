"""Asking about the transfer to a person, or asking for it (knowledge/reading/lexicon/person_request.yml)."""
import pytest

from knowledge.faq.model import knowledge_base
from knowledge.reading.person_request import asks_about_the_transfer, transfer_topic


@pytest.mark.parametrize("text", ["人工服务怎样转接", "转接人工之后要等多久", "人工客服啥时候上班", "周末是不是没有人工", "人工服务热线",
                                  "人工客服礼拜天上班不", "晚上有人工值班没"])
def test_questions_about_the_transfer(text):
    assert asks_about_the_transfer(text)


@pytest.mark.parametrize("text", ["转人工", "转人工！！", "可以帮我转人工吗", "我要找人工客服", "太麻烦了，有没有人工"])
def test_requests_for_a_person(text):
    assert not asks_about_the_transfer(text)


def test_the_topic_that_answers_them_exists():
    assert transfer_topic() in knowledge_base().topics
