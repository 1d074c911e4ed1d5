"""Which `cancel` messages ask rather than stop."""
import pytest

from knowledge.reading.cancel_or_question import asks_rather_than_stops, question_after_stop


@pytest.mark.parametrize("text", ["门诊报销取消了吗？", "据说大额补助没了", "居民医保以后还有没有", "新农合为啥取消", "门特取消了么。"])
def test_questions_about_a_policy_ask(text):
    assert asks_rather_than_stops(text)


@pytest.mark.parametrize("text", ["不弄了", "算了算了！", "取消", "不用算了，谢谢", "算了吧，没什么了"])
def test_requests_to_stop_do_not(text):
    assert not asks_rather_than_stops(text)


@pytest.mark.parametrize("text, question", [
    ("算了算了先不算了 那异地备案咋弄", "那异地备案咋弄"),
    ("不算了，我想问一下两病的事", "我想问一下两病的事"),
    ("先不算了，回头再说吧", None),
    ("不算了 谢谢你", None),
    ("不算了，我也不清楚花了多少", None),
    ("先别算了 俺问个事 门诊慢病批下来得多长时间", "俺问个事门诊慢特病批下来得多长时间"),  # normalized: 慢病 is 慢特病
])
def test_what_is_asked_after_a_stop(text, question):
    assert question_after_stop(text) == question
