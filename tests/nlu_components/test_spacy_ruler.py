"""The spaCy EntityRuler built from the lexicon (nlu/build_spacy.py) tags what the slot readers know."""
import pytest

from nlu.build_spacy import build, patterns


@pytest.fixture(scope="module")
def nlp():
    return build()


@pytest.mark.parametrize(
    ("text", "entity", "label"),
    [
        ("老伴在三甲医院住了半个月", "三甲医院", "hospital_level"),
        ("我退休了，是职工医保", "退休了", "status"),
        ("去乡镇卫生院拿的药", "乡镇卫生院", "hospital_level"),
        ("乌海那边怎么办", "乌海", "region"),
    ],
)
def test_lexicon_words_are_tagged(nlp, text, entity, label):
    assert (entity, label) in [(e.text, e.label_) for e in nlp(text).ents]


def test_an_exception_wins_over_the_shorter_word_it_contains(nlp):
    assert [(e.text, e.label_) for e in nlp("市人民医院是几级的").ents] == [("市人民医院", "not_an_entity")]


def test_one_substring_regex_per_group_of_words():
    token_patterns = [p for p in patterns() if isinstance(p["pattern"], list)]
    phrase_patterns = [p for p in patterns() if isinstance(p["pattern"], str)]
    assert len(token_patterns) * 3 < len(phrase_patterns)
