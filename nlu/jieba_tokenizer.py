"""JiebaTokenizer without whitespace tokens.

jieba returns spaces as tokens of their own, and hotline transcripts and elderly users' typing are
full of spaces ("嗯 那个 医保"): Rasa's JiebaTokenizer keeps them (a token_pattern can split a
token but never drop one), so they would become features. This drops them and nothing else.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=True)
class SpaceFreeJiebaTokenizer(JiebaTokenizer):
    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        return [token for token in super().tokenize(message, attribute) if token.text.strip()]
