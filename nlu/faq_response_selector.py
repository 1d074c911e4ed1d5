"""The FAQ ResponseSelector, run only on messages whose topic ranking is read.

The topic ranking decides what a message gets only when DIET took it for a 医保 question (`faq` or
`out_of_knowledge`, knowledge/faq/choice.py `choose`). Rasa's ResponseSelector ranks the topics of
every message: a cost fact, a yes, a thanks too, which was a seventh of Rasa's CPU per turn (README,
"Benchmark"). The other messages' parse has no `response_selector` entry; `choose` reads that as
no ranking, and the only message it then treats otherwise is one of another intent that names a
topic's key term: it gets that topic (as with a ranking that agrees) where a clear ranking said
another.
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.faq.choice import CANCEL_INTENT, FAQ_INTENT, OOK_INTENT
from knowledge.faq.small_talk import SMALL_TALK_INTENTS, asks_beyond_small_talk
from nlu.seed_ensemble import SeedEnsemble

# and `cancel`: said while nothing is being counted, one that asks ("听说取消个人账户了") is answered as a
# 医保 question (actions/cancel.py); a cancel is rare, so ranking every one costs little
RANKED_INTENTS = frozenset({FAQ_INTENT, OOK_INTENT, CANCEL_INTENT})


def is_ranked(message: Message) -> bool:
    """DIET's intent of the message (the FallbackClassifier comes later) asks for the topic ranking, or
    the message is small talk that asks a 医保 question (knowledge/faq/small_talk.py)."""
    intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
    return intent in RANKED_INTENTS or (
        intent in SMALL_TALK_INTENTS and asks_beyond_small_talk(str(message.get(TEXT) or ""))
    )


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class FaqResponseSelector(SeedEnsemble, ResponseSelector):
    member_class = ResponseSelector

    def process(self, messages: list[Message]) -> list[Message]:
        super().process([message for message in messages if is_ranked(message)])
        return messages
