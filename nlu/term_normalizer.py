"""First NLU component: every message in simplified characters (knowledge/reading/script.py: "三級醫院") and
in the canonical vocabulary (knowledge/reading/terms.py),
with 医保 words typed or heard wrong corrected by sound first (knowledge/reading/homophones.py:
专院 → 转院, 被案 → 备案), and without the greetings said before the question
(knowledge/reading/openers.py: "喂 你好 我老伴住院了" is read as "我老伴住院了"; at run time, "谢了 要带啥
身份证就行" as "要带啥 身份证就行").

Runs on the training examples and on every message at run time (chat and hotline alike), so
the featurizers and classifiers see 居民医保 whether the user wrote 新农合, 合作医疗 or 城镇居民医保.
The rewritten text is the parse's `text`; what the user typed stays in `text_as_said`.
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from knowledge.reading import vocabulary
from knowledge.reading.homophones import HomophoneCorrector, domain_lexicon
from knowledge.reading.openers import without_greeting
from knowledge.reading.script import simplified
from knowledge.reading.terms import LEXICON, canonical
from nlu.untrained_component import UntrainedComponent

TEXT_AS_SAID = "text_as_said"
USER_DICTIONARIES = Path(__file__).parent / "jieba"


@cache
def _homophones() -> HomophoneCorrector:
    return HomophoneCorrector(domain_lexicon(USER_DICTIONARIES))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class TermNormalizer(UntrainedComponent):
    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        # The lexicons are read from disk, not passed through the graph: an edit must retrain.
        words = b"".join((vocabulary.FOLDER / f"{name}.yml").read_bytes() for name in (LEXICON, "openers"))
        return hashlib.sha256(words + "\n".join(domain_lexicon(USER_DICTIONARIES)).encode()).hexdigest()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            _rewrite(message, at_run_time=False)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            _rewrite(message, at_run_time=True)
        return messages


def _rewrite(message: Message, *, at_run_time: bool) -> None:
    text = message.get(TEXT)
    if not isinstance(text, str) or text.startswith("/"):
        return  # a button payload (/faq{"faq_topic": …}) is read as it is
    # the thanks before a question only at run time (knowledge/reading/openers.py)
    # simplified characters first: the greetings and the sounds are looked up in them
    normalized = canonical(_homophones().correct(without_greeting(simplified(text), acknowledgements=at_run_time)))
    if normalized != text:
        message.set(TEXT_AS_SAID, text, add_to_output=True)
        message.set(TEXT, normalized)
