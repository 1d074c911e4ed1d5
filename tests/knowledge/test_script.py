"""Traditional characters are read as simplified ones, and simplified text is never changed."""
import datetime

import pytest

from knowledge.cost.facts import read_facts
from knowledge.faq.model import knowledge_base
from knowledge.reading.choices import parse_level, parse_scheme
from knowledge.reading.script import simplified
from knowledge.reading.terms import canonical
from tests.knowledge.test_heldout_independence import ROOT, examples, training_texts

TODAY = datetime.date(2026, 6, 1)


def test_no_sentence_we_read_by_is_changed():
    """Every training and held-out sentence and every answer is in simplified characters already: the
    conversion, run on every message, must leave such text as it is."""
    answers = [text for topic in knowledge_base().topics.values() for text in (topic.chat, topic.speech)]
    texts = training_texts() + examples(ROOT / "tests" / "nlu" / "**" / "*.yml") + answers
    assert len(texts) > 3000
    assert [text for text in texts if simplified(text) != text] == []


def test_no_simplified_character_is_changed_even_where_a_traditional_phrase_would_be():
    gb2312 = [bytes([high, low]).decode("gb2312", errors="ignore") for high in range(0xB0, 0xF8) for low in range(0xA1, 0xFF)]
    characters = "".join(gb2312)
    assert len(characters) > 6000
    assert simplified(characters) == characters
    assert simplified("眼镜打坏了") == "眼镜打坏了"  # OpenCC's phrase conversion gives 打坯


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("醫保報銷", "医保报销"),
        ("門診慢特病怎麼辦理", "门诊慢特病怎么办理"),
        ("帳戶餘額", "帐户余额"),
        ("頭髮", "头发"),
        ("ok 123 ！", "ok 123 ！"),
    ],
)
def test_traditional_characters_become_simplified(typed, read):
    assert simplified(typed) == read


def test_the_readers_read_a_message_in_traditional_characters():
    assert canonical("新農合") == "居民医保"
    assert parse_scheme("我是職工醫保") == "职工"
    assert parse_level("在三級醫院") == parse_level("在三级医院") is not None
    said = read_facts("退休職工 在二級醫院住院 花了兩萬", TODAY)
    assert said == read_facts("退休职工 在二级医院住院 花了两万", TODAY)
    assert said["total"] == 20000
