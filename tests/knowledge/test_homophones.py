"""Slips of 医保 words corrected by sound, typed or heard; ordinary Chinese left as it is."""
from pathlib import Path

import pytest

from knowledge.reading.homophones import HomophoneCorrector, domain_lexicon, load_lexicon

USER_DICTIONARIES = Path(__file__).resolve().parents[2] / "nlu" / "jieba"


@pytest.fixture(scope="module")
def corrector() -> HomophoneCorrector:
    return HomophoneCorrector(domain_lexicon(USER_DICTIONARIES))


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("专院要开证明吗", "转院要开证明吗"),  # a key term (transfer_referral)
        ("异地就医被案在哪", "异地就医备案在哪"),
        ("蒙速半能退费吗", "蒙速办能退费吗"),
        ("精晓爱服务站", "京晓爱服务站"),
        ("我想问问垫负的钱咋报", "我想问问垫付的钱咋报"),
        ("家庭公济怎么开通", "家庭共济怎么开通"),
        ("医保点子凭证怎么激活", "医保电子凭证怎么激活"),
    ],
)
def test_a_word_that_sounds_like_a_medical_insurance_word_is_that_word(corrector, typed, meant):
    assert corrector.correct(typed) == meant


@pytest.mark.parametrize(
    "text",
    [
        "住房公积金能取吗",  # 公积 inside an ordinary word
        "祝愿大家身体健康",  # an ordinary word that sounds like 住院
        "我去了三家医院",  # a number and its measure word, not 三甲
        "一共计算了五百",
        "能跨县看病吗",  # 省 has a rare reading xian: only the usual reading counts
        "职工住院报销比例是多少",
    ],
)
def test_ordinary_chinese_is_left_alone(corrector, text):
    assert corrector.correct(text) == text


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("医宝卡丢了，医宝码也打不开", "医保卡丢了，医保码也打不开"),  # one word, twice
        ("专院以后再专院还要备案吗", "转院以后再转院还要备案吗"),  # a slip beside the word written right
        ("我要专院，医保卡带着", "我要转院，医保卡带着"),
        ("医宝医宝医宝", "医保医保医保"),  # the same slip back to back
    ],
)
def test_every_slip_in_a_message_is_corrected(corrector, typed, meant):
    assert corrector.correct(typed) == meant


def test_the_lexicon_holds_the_dictionary_words_the_canonical_terms_and_the_key_terms():
    words = domain_lexicon(USER_DICTIONARIES)
    assert set(load_lexicon(USER_DICTIONARIES)) < set(words)
    assert {"转院", "京晓爱", "医疗救助", "门诊慢特病"} <= set(words)
    assert words == sorted(words, key=lambda w: (-len(w), w))  # longest first
