"""Greetings and thanks before the question are dropped for the NLU (knowledge/reading/openers.py)."""
import pytest

from knowledge.reading.openers import without_greeting


@pytest.mark.parametrize(
    ("said", "question"),
    [
        ("喂 你好 我老伴是退休职工 住院了", "我老伴是退休职工 住院了"),
        ("您好！请问异地就医怎么备案", "请问异地就医怎么备案"),
        ("喂喂，同志您好，俺想问问慢性病咋办", "俺想问问慢性病咋办"),
        ("Hello, 医保码怎么用", "医保码怎么用"),
        ("你好我家孩子住院能报多少", "我家孩子住院能报多少"),
        ("喂你好🙏 门诊能报几成", "门诊能报几成"),
    ],
)
def test_greetings_before_a_question_are_dropped(said, question):
    assert without_greeting(said) == question


@pytest.mark.parametrize("said", ["你好", "喂 你好", "你好，在吗", "hello 在线吗", "喂？有人吗"])
def test_a_greeting_alone_stays_a_greeting(said):
    assert without_greeting(said) == said


@pytest.mark.parametrize("said", ["喂奶期间吃的药医保报吗", "你好像没听懂我的问题", "high血压能报吗", "住院你好报吗"])
def test_words_that_only_begin_like_a_greeting_are_kept(said):
    assert without_greeting(said) == said


@pytest.mark.parametrize(
    ("said", "question"),
    [
        ("谢了 要带啥 身份证就行？", "要带啥 身份证就行？"),
        ("好的，谢谢。那他们周末开门不", "那他们周末开门不"),
        ("行 明白了 那异地备案咋弄", "那异地备案咋弄"),
        ("好的谢谢 门诊能报几成", "门诊能报几成"),
    ],
)
def test_thanks_before_the_next_question_are_dropped_at_run_time(said, question):
    assert without_greeting(said, acknowledgements=True) == question
    assert without_greeting(said) == said  # in training, thanks stay as the examples wrote them


@pytest.mark.parametrize("said", ["谢谢你的耐心解答", "好的 谢谢", "知道了 谢谢您", "行吧", "好的，职工", "行政区划怎么分的"])
def test_thanks_alone_or_glued_to_the_next_word_stay(said):
    assert without_greeting(said, acknowledgements=True) == said
