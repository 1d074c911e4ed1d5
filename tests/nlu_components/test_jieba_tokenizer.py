"""The tokenizer the pipeline uses: jieba with the 医保 dictionary, and no whitespace tokens."""
from rasa.shared.nlu.training_data.message import Message

from nlu.jieba_tokenizer import SpaceFreeJiebaTokenizer


def tokens(text):
    config = {**SpaceFreeJiebaTokenizer.get_default_config(), "dictionary_path": "nlu/jieba"}
    tokenizer = SpaceFreeJiebaTokenizer.create(config, None, None, None)
    return [(t.text, t.start, t.end) for t in tokenizer.tokenize(Message(data={"text": text}), "text")]


def test_spaces_are_not_tokens_and_offsets_still_point_into_the_text():
    text = "嗯  那个 医保 家庭共济   怎么办"
    result = tokens(text)
    assert all(word.strip() for word, _, _ in result)
    assert all(text[start:end] == word for word, start, end in result)


def test_domain_words_from_the_user_dictionary_stay_whole():
    words = [word for word, _, _ in tokens("门诊慢特病跨省异地就医备案要怎么弄")]
    assert "门诊慢特病" in words and "异地就医备案" in words
