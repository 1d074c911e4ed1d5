"""A message the NLU reads as a greeting, thanks or goodbye that asks a 医保 question after all ("我在村里
离县城远 必须跑医保局吗" read as a greeting, "剩下那五千多有没有别的办法，我卡里没钱" as a goodbye), or a
greeting, thanks or goodbye that says none ("有点离谱hhh", "就这一个病"): decided as any message (bot/facts_first_policy.py,
actions/faq.py), its topics ranked like a question's (nlu/faq_response_selector.py). The words:
knowledge/reading/lexicon/small_talk.yml."""
from __future__ import annotations

from knowledge.cost.facts import is_question
from knowledge.reading.choices import letters, one_of_and_nothing_but
from knowledge.reading.vocabulary import read

SMALL_TALK_INTENTS = frozenset({"greet", "thank", "goodbye"})
CLOSING_INTENTS = frozenset({"thank", "goodbye"})
GREETING_INTENT = "greet"


def asks_beyond_small_talk(text: str) -> bool:
    plain = letters(text)
    return is_question(text) and any(word in plain for word in read("small_talk")["of_medical_insurance"])


def says_a_closing(text: str) -> bool:
    return _says_one_of(letters(text).lower(), "closing_words")


def says_farewell(text: str) -> bool:
    """"再见", "挂了" (`farewell_words`): the user is leaving, not only done with a question."""
    return _says_one_of(letters(text).lower(), "farewell_words")


def says_no_greeting(text: str) -> bool:
    """Letters, none of them a greeting's words (emoji or marks alone may greet: "👋")."""
    plain = letters(text).lower()
    return bool(plain) and not _says_one_of(plain, "greeting_words")


def _says_one_of(plain: str, words: str) -> bool:
    """`plain` (letters, lower case) holds one of the small_talk.yml list `words`."""
    return any(word in plain for word in read("small_talk")[words])


def decided_as_a_message(intent: str | None, text: str) -> bool:
    """Small talk to the NLU that is decided as any message: it asks a 医保 question, or it is a greeting,
    thanks or goodbye that says none."""
    return intent in SMALL_TALK_INTENTS and (
        asks_beyond_small_talk(text)
        or (intent in CLOSING_INTENTS and not says_a_closing(text))
        or (intent == GREETING_INTENT and says_no_greeting(text))
    )


def only_opens_the_call(text: str) -> bool:
    """"喂 喂 能听到吗", "你好 有人吗": a greeting or a check that someone hears, and nothing else."""
    words = read("small_talk")
    return one_of_and_nothing_but(letters(text).lower(), words["opens_the_call"], words["opening_plain"])


def asks_to_wait(text: str) -> bool:
    """"等一下 我拿个笔", "稍等 我找找单子": a moment asked for, and nothing else."""
    words = read("small_talk")
    return one_of_and_nothing_but(letters(text), words["asks_to_wait"], words["waiting_plain"])
