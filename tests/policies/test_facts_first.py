"""FactsFirstPolicy's decision: a message with a cost fact is an answer in the cost conversation."""
import datetime

import pytest

from policies.facts_first import CHANGE, FORM, next_action

TODAY = datetime.date(2026, 11, 23)


def decide(text, intent="inform", confidence=0.95, in_form=False, requested=None, after_estimate=False):
    return next_action(
        text=text, intent=intent, confidence=confidence, in_form=in_form, requested=requested,
        after_estimate=after_estimate, faq_min_confidence=0.6, today=TODAY,
    )


@pytest.mark.parametrize(
    "text, intent",
    [
        ("职工，在职", "faq"),  # two facts read as an FAQ question by the classifier
        ("三级的医院", "faq"),
        ("一共花了一万五", "ask_cost"),
        ("搞错了，我住的是二级医院", "change_fact"),
        ("其中自费的有一千", "nlu_fallback"),
        ("今年门诊起付线已经够了", "faq"),
        ("谢谢 是二级医院", "thank"),  # a fact outweighs the thanks around it
    ],
)
def test_in_the_form_a_message_with_a_fact_is_an_answer_whatever_its_intent(text, intent):
    assert decide(text, intent, in_form=True, requested="level") == FORM


def test_a_bare_answer_counts_for_the_question_just_asked():
    assert decide("3", "nlu_fallback", 0.3, in_form=True, requested="level") == FORM
    assert decide("办了", "faq", in_form=True, requested="filed") == FORM


@pytest.mark.parametrize("text", ["异地就医怎么备案", "家庭共济是什么意思", "住院报销比例是多少"])
def test_in_the_form_a_confident_question_about_the_rules_goes_to_the_faq_rule(text):
    assert decide(text, "faq", in_form=True, requested="level") is None


def test_in_the_form_an_unsure_faq_guess_without_facts_is_an_unclear_answer():
    assert decide("就是我们那边那个大的", "faq", 0.4, in_form=True, requested="level") == FORM


@pytest.mark.parametrize("text, intent", [("算了不弄了", "cancel"), ("好的谢谢", "thank"), ("再见", "goodbye")])
def test_in_the_form_stops_are_left_to_the_rules(text, intent):
    assert decide(text, intent, in_form=True, requested="total") is None


@pytest.mark.parametrize(
    "text, intent",
    [("不对是二级的", "faq"), ("要是退休呢", "inform"), ("那要是两万呢", "ask_cost"), ("那居民呢", "faq")],
)
def test_after_an_estimate_a_message_with_a_fact_is_a_what_if(text, intent):
    assert decide(text, intent, after_estimate=True) == CHANGE


def test_after_an_estimate_thanks_details_and_questions_are_left_to_the_rules():
    assert decide("好的谢谢 再见", "goodbye", after_estimate=True) is None
    assert decide("详细", "ask_details", after_estimate=True) is None
    assert decide("异地就医要备案吗", "faq", after_estimate=True) is None
    assert decide("我是乌海的", "inform_region", after_estimate=True) is None  # the city alone: its own rule


def test_without_a_cost_conversation_facts_are_left_to_the_classifier():
    # "那居民呢" after an FAQ answer asks about the other scheme's rules: the FAQ follow-up's job
    assert decide("那居民呢", "faq") is None
    assert decide("职工住院报销比例是多少", "faq") is None


def test_a_cost_question_classified_as_faq_starts_the_form():
    assert decide("我是退休职工 住院花了一万六 自己要出多少", "faq") == FORM
    assert decide("职工 退休 三级医院", "nlu_fallback", 0.3) == FORM
