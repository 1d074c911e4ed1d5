"""Training examples without the FAQ answer texts, so no tokenizer or featurizer works on them.

Rasa gives every FAQ example the answer text of its topic as a `response` attribute
(TrainingData._fill_response_phrases), and the tokenizer, spaCy and both CountVectorsFeaturizers then
segment, parse and count those long texts once per example: about 2,500 of them, a fifth of the
training's single-threaded preprocessing. Nothing reads the result: the FAQ ResponseSelector learns the
topic keys (`faq/<topic>`, its `use_text_as_label` is off) and takes the answers it returns from the
domain's responses, and DIET reads only the message text. So this first component drops the attribute
before the others run; at run time a message has no such attribute and passes untouched.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import RESPONSE
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.untrained_component import UntrainedComponent


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class AnswerTextsUnread(UntrainedComponent):
    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            message.data.pop(RESPONSE, None)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        return messages
