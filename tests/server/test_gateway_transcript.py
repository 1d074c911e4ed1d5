"""Hotline transcript normalization: table tests, including what must NOT be corrected."""
from pathlib import Path

import pytest

from knowledge.reading.homophones import load_lexicon
from server.transcript import TranscriptNormalizer

LEXICON_DIR = Path(__file__).resolve().parents[2] / "nlu" / "jieba"


@pytest.fixture(scope="module")
def normalizer() -> TranscriptNormalizer:
    return TranscriptNormalizer.from_files(LEXICON_DIR)


def test_lexicon_is_the_nlu_user_dictionary():
    lexicon = load_lexicon(LEXICON_DIR)
    assert {"医保", "家庭共济", "门诊慢特病", "异地就医备案", "起付线"} <= set(lexicon)
    assert all(2 <= len(word) <= 6 for word in lexicon)
    assert lexicon == sorted(lexicon, key=lambda w: (-len(w), w))  # longest first


@pytest.mark.parametrize(
    "heard, expected",
    [
        # fillers
        ("嗯，那个，我想问一下起付线", "我想问一下起付线"),
        ("呃我想问一下报销比例啊", "我想问一下报销比例"),
        ("我就是想问一下住院报销", "我想问一下住院报销"),
        ("然后就是说那个，门诊怎么报", "门诊怎么报"),
        ("这个，这个我想问异地就医", "我想问异地就医"),
        ("额，额度是多少", "额度是多少"),
        # fillers that are words here
        ("额度是多少", "额度是多少"),
        ("额外的费用能报吗", "额外的费用能报吗"),
        ("这个药能报销吗", "这个药能报销吗"),
        ("我要办这个", "我要办这个"),
        ("这个问题我不懂", "这个问题我不懂"),
        ("然后呢", "然后呢"),
        # stutters and repeats
        ("我我我想问", "我想问"),
        ("我我想问", "我想问"),
        ("我，我想问", "我想问"),
        ("医保医保怎么报销", "医保怎么报销"),
        ("我想我想问慢病", "我想问慢病"),
        ("医保卡医保卡丢了", "医保卡丢了"),
        # doubles that are words
        ("谢谢", "谢谢"),
        ("谢谢谢谢", "谢谢"),
        ("我妈妈的医保", "我妈妈的医保"),
        ("我看看怎么办", "我看看怎么办"),
        # numbers stay readable
        ("花了两千两千七百块钱", "花了两千七百元"),
        ("钱也说错了不是八千是八千五", "钱也说错了不是八千是八千五"),  # a correction: said once, 不是 denies the new one
        ("花了八千花了八千", "花了八千"),
        # a figure said again after a pause is two figures; an amount said in pieces is one
        ("就是 两万三 两万三千五", "就是两万三千五"),  # the later figure
        ("花了两万 三千多", "花了两万三千多"),
        ("花了 五 千", "花了五千"),
        # correcting oneself is kept as a correction, not a denial of what follows
        ("在三级的 噢不是 是二级的", "在三级的不对，是二级的"),
        ("是居民 不是不是 职工", "是居民不对，职工"),
        ("我问的是三级啊不是二级", "我问的是三级不是二级"),
        ("花了2780块", "花了2780元"),
        ("住了三三天院", "住了三三天院"),
        ("1000元的起付线", "1000元的起付线"),
        ("报了百分之八十五", "报了百分之八十五"),
        # spacing and width from the ASR
        ("我 想 问 一 下 医 保", "我想问一下医保"),
        ("ＡＢＣ医保", "ABC医保"),
    ],
)
def test_spoken_language_is_cleaned(normalizer, heard, expected):
    assert normalizer.normalize(heard) == expected


@pytest.mark.parametrize(
    "heard, expected",
    [
        ("医宝卡丢了怎么办", "医保卡丢了怎么办"),
        ("我的依保卡丢了", "我的医保卡丢了"),
        ("家庭共计怎么开通", "家庭共济怎么开通"),
        ("门诊共计能给谁用", "门诊共济能给谁用"),
        ("医保共计怎么绑定", "医保共济怎么绑定"),
        ("我想绑定父母，共计怎么弄", "我想绑定父母，共济怎么弄"),
        ("门诊慢特并怎么申请", "门诊慢特病怎么申请"),
        ("异地就一备案怎么办", "异地就医备案怎么办"),
        ("起付现是多少", "起付线是多少"),
        ("报消比例是多少", "报销比例是多少"),
        ("在三集医院 花了一万六", "在三级医院花了一万六"),
        ("二集的 县医院", "二级的县医院"),
        ("俺是居名医保的", "俺是居民医保的"),
    ],
)
def test_homophones_of_yibao_words_are_corrected(normalizer, heard, expected):
    assert normalizer.normalize(heard) == expected


@pytest.mark.parametrize(
    "heard",
    [
        "一共计算了多少钱",  # 共计 inside 一共/计算
        "共计五百元",  # a total, and no 医保 context
        "医保报销共计五百元吗",  # 医保 context, but 共计 before an amount is a total
        "共计多少钱",  # no 医保 context
        "祝愿你们工作顺利",  # 祝愿 (zhu yuan) is a word, not 住院
        "我去了三家医院",  # 三家 is three hospitals, not 三甲
        "看了第三集电视剧",  # no hospital
        "买了一包药",  # 一包 is not 医保
        "人工关节多少钱",
        "他是我的职工",
        "请问医保怎么报销",  # already right
        "家庭共济怎么开通",
    ],
)
def test_ordinary_chinese_is_not_over_corrected(normalizer, heard):
    assert normalizer.normalize(heard) == heard


@pytest.mark.parametrize("heard", ["", "   ", "嗯", "嗯……啊，呃", "……", "那个，"])
def test_nothing_said_is_empty(normalizer, heard):
    assert normalizer.normalize(heard) == ""
