"""A call opened or a moment asked for, which the NLU may take for a question (knowledge/faq/small_talk.py)."""
import pytest

from knowledge.faq.small_talk import asks_to_wait, only_opens_the_call


@pytest.mark.parametrize(
    "text, expected",
    [
        ("喂 喂 能听到吗", True),
        ("喂喂 能听见吗", True),
        ("你好 有人吗", True),
        ("喂 那边能听清不", True),
        ("啊这个那个", False),  # fillers alone open nothing
        ("喂 是医保局吗", False),
        ("喂 能听到吗 我想问住院报销", False),  # a question follows
        ("你好 医保卡丢了", False),
    ],
)
def test_only_opening_the_call(text, expected):
    assert only_opens_the_call(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("等一下 等一下 我拿个笔", True),
        ("稍等 我找找单子", True),
        ("你等会 我看看单子", True),
        ("等一下", True),
        ("等等 报销比例是多少", False),  # asked at once
        ("我看看 报销比例多少", False),
        ("等了一下午了还没办好", False),
    ],
)
def test_asking_for_a_moment(text, expected):
    assert asks_to_wait(text) is expected
