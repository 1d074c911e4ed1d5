"""The first pipeline component rewrites training examples and live messages alike."""
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.term_normalizer import TEXT_AS_SAID, TermNormalizer


def normalizer():
    return TermNormalizer.create({}, None, None, None)


def test_live_messages_are_read_in_the_canonical_vocabulary_and_keep_what_was_said():
    message = Message(data={"text": "新农合住院花了一万二 能报多少"})
    normalizer().process([message])
    assert message.get("text") == "居民医保住院花了一万二 能报多少"
    assert message.get(TEXT_AS_SAID) == "新农合住院花了一万二 能报多少"
    assert TEXT_AS_SAID in message.as_dict(only_output_properties=True)


def test_a_word_typed_or_heard_wrong_is_corrected_by_its_sound_before_the_vocabulary():
    message = Message(data={"text": "专院手续去哪办"})
    normalizer().process([message])
    assert message.get("text") == "转院手续去哪办"
    assert message.get(TEXT_AS_SAID) == "专院手续去哪办"


def test_training_examples_are_rewritten_the_same_way():
    data = TrainingData([Message(data={"text": "门特怎么申请", "intent": "faq"})])
    normalizer().process_training_data(data)
    assert data.training_examples[0].get("text") == "门诊慢特病怎么申请"


def test_button_payloads_and_unchanged_text_are_left_alone():
    payload = Message(data={"text": '/inform{"scheme": "新农合"}'})
    plain = Message(data={"text": "你好"})
    normalizer().process([payload, plain])
    assert payload.get("text") == '/inform{"scheme": "新农合"}'
    assert plain.get("text") == "你好" and plain.get(TEXT_AS_SAID) is None


def test_an_edit_of_the_lexicon_changes_the_fingerprint(tmp_path, monkeypatch):
    from knowledge.reading import vocabulary

    before = TermNormalizer.fingerprint_addon({})
    (tmp_path / "terms.yml").write_text("names: {居民医保: [新农合]}\n", encoding="utf-8")
    (tmp_path / "openers.yml").write_bytes((vocabulary.FOLDER / "openers.yml").read_bytes())
    monkeypatch.setattr(vocabulary, "FOLDER", tmp_path)
    edited_terms = TermNormalizer.fingerprint_addon({})
    assert edited_terms != before
    (tmp_path / "openers.yml").write_text("greetings: [喂]\nmin_rest: 4\nnot_followed_by: []\n", encoding="utf-8")
    assert TermNormalizer.fingerprint_addon({}) != edited_terms


def test_the_greeting_before_a_question_is_not_read():
    message = Message(data={"text": "喂 你好 俺老伴是新农合 住院了"})
    normalizer().process([message])
    assert message.get("text") == "俺老伴是居民医保 住院了"
    assert message.get(TEXT_AS_SAID) == "喂 你好 俺老伴是新农合 住院了"


def test_thanks_before_a_question_are_not_read_at_run_time_but_kept_in_training():
    said = "好的 谢谢 那异地备案去哪办"
    message = Message(data={"text": said})
    normalizer().process([message])
    assert message.get("text") == "那异地备案去哪办" and message.get(TEXT_AS_SAID) == said
    example = Message(data={"text": said, "intent": "faq"})
    normalizer().process_training_data(TrainingData([example]))
    assert example.get("text") == said
