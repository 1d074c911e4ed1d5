"""What a word of the estimate means, and what it came to in that estimate."""
from decimal import Decimal

import pytest

from knowledge.cost.engine import estimate
from knowledge.cost.glossary import explain_term, glossary, term_asked, term_of_a_figure
from knowledge.cost.request import EstimateInput

RETIRED = EstimateInput(scheme="职工", status="退休", care="住院", level=3, total=Decimal(30000))
# off-site, a big bill and 低保: every step the engine has
EVERY_STEP = EstimateInput(scheme="职工", status="在职", care="住院", level=2, total=Decimal(500000), offsite=True,
                           group="低保")


@pytest.mark.parametrize(
    "text, term",
    [("刚才说的起付标准指的是啥", "起付线"), ("统筹是干啥的", "统筹基金"),
     ("政策范围内个人负担是什么意思", "政策范围内个人负担"),  # the longest word named, not 政策范围内
     ("封顶线怎么理解", "年度限额"), ("她那个起付线是多少", "起付线"),  # what it came to
     ("那大额补助这回还管不管", "大额医疗补助"), ("大病保险给报了没", "大病保险"),  # whether it paid this time
     ("这趟住院起付线扣不扣了", "起付线"), ("门槛费这回还得扣吗", "起付线"),  # whether it was taken off this time
     ("那个封顶 是每年的还是每个月的", "年度限额"),  # for what span of time
     ("起付线高不高", None),  # neither its meaning nor its figure asked
     ("这个是啥意思", None)],  # no word of the estimate named
)
def test_the_word_whose_meaning_is_asked(text, term):
    found = term_asked(text)
    assert (found.name if found else None) == term


def test_the_meaning_comes_with_what_it_came_to_in_this_estimate():
    est = estimate(RETIRED)
    chat = explain_term(term_asked("起付线啥意思"), est)
    assert chat.startswith("起付线，就是报销前先由自己负担的那一段费用")
    assert "起付线800.00元" in chat and "职工三级医院住院起付线按800元估算" in chat  # the assumed figure said so
    spoken = explain_term(term_asked("起付线啥意思"), est, spoken=True)
    assert "起付线八百元" in spoken and not any(ch.isdigit() for ch in spoken)
    assert explain_term(term_asked("首先自付是啥"), est).endswith("您这次的估算没有算到异地就医首先自付。")
    assert "大病保险" not in chat  # whose rule names a deductible of its own


def test_every_step_theglossary_names_is_one_the_engine_takes():
    labels = [step.label_zh for step in estimate(EVERY_STEP).steps]
    for term in glossary()[1]:
        for step in term.steps:
            assert any(label.startswith(step) for label in labels), (term.name, step)


@pytest.mark.parametrize("text, term", [("那个八百是啥钱", "起付线"), ("三十万那个是估的还是定死的", "年度限额"),
                                        ("一万三千二百二十是怎么来的", "统筹基金"), ("那个五百是啥钱", None)])
def test_a_figure_of_the_estimate_asked_about_is_the_word_it_stands_for(text, term):
    est = estimate(EstimateInput(scheme="职工", status="在职", care="住院", level=3, total=Decimal(16000)))
    found = term_of_a_figure(text, est)
    assert (found.name if found else None) == term


def test_a_word_no_step_is_named_for_is_found_in_the_rule_that_applied_it():
    capped = estimate(EstimateInput(scheme="居民", care="门诊慢特病", total=Decimal(8000)))
    said = explain_term(term_asked("年度限额是啥意思"), capped)
    assert "统筹基金支付3,000.00元（年度限额3,000元" in said and "没有算到" not in said
