"""The canonical vocabulary (knowledge/reading/lexicon/terms.yml): what it rewrites and what never."""
from itertools import product

import pytest
from pypinyin import lazy_pinyin

from knowledge.reading import vocabulary
from knowledge.reading.choices import normalize
from knowledge.reading.terms import LEXICON, Terms, TermsDataError, canonical, shipped_terms

TERMS = shipped_terms()
ALL_WORDS = sorted(TERMS.canonical_of.keys() | TERMS.protected)


@pytest.mark.parametrize(
    "said, read",
    [
        ("我是新农合的，住院能报多少", "我是居民医保的，住院能报多少"),
        ("老劳保退休的门诊咋报", "老职工医保退休的门诊咋报"),
        ("特殊病种怎么申请", "门诊慢特病怎么申请"),
        ("门特门慢有啥区别", "门诊慢特病门诊慢特病有啥区别"),
        ("二次报销什么时候给", "大病保险什么时候给"),
        ("大额医保封顶多少", "大额医疗补助封顶多少"),
        ("医保码在哪打开", "医保电子凭证在哪打开"),
        ("电子医保卡能跨省用吗", "医保电子凭证能跨省用吗"),
        ("国家集采的药哪里买", "集采的药哪里买"),
        ("异地医保怎么备案", "异地就医怎么备案"),
        ("报消比例多少", "报销比例多少"),
        ("家庭公济怎么绑", "家庭共济怎么绑"),
        # speech-recognition slips of a caller's words
        ("老头子主院了能报多少", "老头子住院了能报多少"),
        ("俺是之工 还没退", "俺是职工 还没退"),
        ("俺老伴腿休了", "俺老伴退休了"),
        ("俺家是地宝户", "俺家是低保户"),
        ("大饼保险能报多少", "大病保险能报多少"),
        ("在滨医附院主院区看的", "在滨医附院主院区看的"),  # the main campus
        # pinyin initials typed for a word, in any case
        ("ZG退休 住院两万", "职工退休 住院两万"),
        ("俺娘是jm的", "俺娘是居民的"),
        ("yb卡丢了咋办", "医保卡丢了咋办"),
        ("jtgj跟qqzh啥区别", "家庭共济跟亲情账户啥区别"),
        ("MZMTB咋申请", "门诊慢特病咋申请"),
        ("dzpz咋弄", "电子凭证咋弄"),
        # place names heard wrong
        ("俺是杨信县的 在宾医附院住的", "俺是阳信县的 在滨医附院住的"),
    ],
)
def test_the_words_people_use_become_the_canonical_term(said, read):
    assert canonical(said) == read


@pytest.mark.parametrize(
    "text",
    [
        "住院花了一万六千五百元，报了8000",
        "二〇二三年五月在三级医院住了两次",
        "公积金怎么提取",
        "部门特别通知",
        "我第二次报销的时候",
        "这个账户里有3,500.50元",
        "门诊慢特病和大病保险",
        "劳保工资今年调了没有",  # a pension (out of scope), not 职工医保
        # initials only as a word of their own, not inside a longer Latin one
        "xdm zgmf 有无懂的",
        "在App里jmx是啥",
    ],
)
def test_numbers_and_protected_words_are_never_rewritten(text):
    assert canonical(text) == text


def test_every_variant_alone_becomes_its_term():
    assert [v for v, term in TERMS.canonical_of.items() if canonical(v) != term] == []


def test_slips_sound_exactly_like_their_fix():
    assert TERMS.slips
    for slip, fix in TERMS.slips.items():
        assert lazy_pinyin(slip) == lazy_pinyin(fix), slip


def test_initials_are_the_first_letters_of_their_terms_pinyin():
    initials = vocabulary.read(LEXICON)["initials"]
    assert initials
    for term, variants in initials.items():
        for variant in variants:
            assert variant == "".join(syllable[0] for syllable in lazy_pinyin(term)), (term, variant)


def test_a_canonical_term_stays_whole_next_to_any_listed_word():
    """门诊慢特病 never turns into 门诊门诊慢特病, 职工 + 大额医疗补助 never loses a part."""
    broken = []
    for term, word in product(sorted(set(TERMS.canonical_of.values())), ALL_WORDS):
        if not canonical(word + term).endswith(term) or not canonical(term + word).startswith(term):
            broken.append((word, term))
    assert broken == []


def test_rewriting_twice_changes_nothing():
    for first, second in product(ALL_WORDS, repeat=2):
        once = canonical(first + second)
        assert canonical(once) == once, first + second


@pytest.mark.parametrize(
    "data, problem",
    [
        ({"names": {"职工医保": ["劳保1"]}}, "number"),
        ({"slips": {"三甲": ["山甲"]}}, "number"),
        ({"names": {"居民医保": ["新农合"], "职工医保": ["新农合"]}}, "two terms"),
        ({"names": {"居民医保": ["合作医疗"], "合作医疗": ["农合"]}}, "both"),
        ({"initials": {"职工": ["ZG"]}}, "lowercase pinyin initials"),
        ({"initials": {"职工": ["z g"]}}, "lowercase pinyin initials"),
        ({"names": {"大病保险": ["大病"]}}, "part of its own term"),  # 得了大病 would become 得了大病保险
    ],
)
def test_a_broken_lexicon_is_refused_with_the_word(data, problem):
    with pytest.raises(TermsDataError, match=problem):
        Terms.from_data(data)


def test_an_empty_lexicon_rewrites_nothing():
    assert Terms.from_data({}).canonical("新农合") == "新农合"


@pytest.mark.parametrize(
    "said, read",
    [
        ("起付线是多钱来着", "起付线是多少钱来着"),
        ("住院得多钱", "住院得多少钱"),
        # after a number or a word of quantity it tells an amount
        ("花了三百多钱", "花了三百多钱"),
        ("拿药花了80多钱", "拿药花了80多钱"),
        ("看个病花了好多钱", "看个病花了好多钱"),
        ("那么多钱咋报", "那么多钱咋报"),
    ],
)
def test_the_dialects_how_much_is_read_as_asked_by_the_readers_not_rewritten_for_the_classifier(said, read):
    assert normalize(said) == read
    assert canonical(said) == said


def test_an_asking_word_said_with_a_number_is_refused():
    with pytest.raises(TermsDataError, match="多少钱"):
        Terms.from_data({"asking": {"多少钱": {"said": ["多2钱"]}}})
