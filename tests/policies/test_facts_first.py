"""FactsFirstPolicy's decision outside the form: after an estimate a message with a fact is a what-if;
a cost question the classifier took for an FAQ question starts the form."""
import datetime

from knowledge.cost.turns import Message
from policies.facts_first import CHANGE, FORM, RESET, after_reset, next_action

TODAY = datetime.date(2026, 11, 23)


def decide(text, intent="inform", confidence=0.95, in_form=False, after_estimate=False):
    return next_action(Message(text, intent, confidence), in_form=in_form, after_estimate=after_estimate, today=TODAY)


def test_in_the_form_the_forms_validation_decides():
    assert decide("职工，在职", "faq", in_form=True) is None


def test_after_an_estimate_a_message_with_a_fact_is_a_what_if():
    assert decide("不对是二级的", "faq", after_estimate=True) == CHANGE
    assert decide("那要是两万呢", "ask_cost", after_estimate=True) == CHANGE


def test_after_an_estimate_other_messages_are_left_to_the_rules():
    assert decide("好的谢谢 再见", "goodbye", after_estimate=True) is None
    assert decide("详细", "ask_details", after_estimate=True) is None


def test_a_cost_question_the_rules_would_not_start_forgets_the_last_bill_then_starts_the_form():
    question = Message("我是职工 住院报销完自己要出多少钱 花了一万二", "faq", 0.99)
    assert next_action(question, in_form=False, after_estimate=False, today=TODAY) == RESET
    assert after_reset(question, TODAY) == FORM
    assert decide("谢谢 我爸是退休职工 住院花了两万 自己出多少", "thank") == RESET
    assert decide("住院花了两万 自己出多少", "faq") is None  # no fact about the person: the FAQ answers


def test_other_messages_are_left_to_the_rules():
    assert decide("职工住院报销比例是多少", "faq") is None
    assert decide("帮我算算住院自己出多少", "ask_cost") is None  # its own rule resets and starts the form
    assert after_reset(Message("算了", "cancel", 0.99), TODAY) is None  # the reset of 算了
