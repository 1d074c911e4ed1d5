"""Which `cancel` messages ask rather than stop."""
import pytest

from knowledge.reading.cancel_or_question import asks_rather_than_stops


@pytest.mark.parametrize("text", ["门诊报销取消了吗？", "据说大额补助没了", "居民医保以后还有没有", "新农合为啥取消", "门特取消了么。"])
def test_questions_about_a_policy_ask(text):
    assert asks_rather_than_stops(text)


@pytest.mark.parametrize("text", ["不弄了", "算了算了！", "取消", "不用算了，谢谢", "算了吧，没什么了"])
def test_requests_to_stop_do_not(text):
    assert not asks_rather_than_stops(text)
