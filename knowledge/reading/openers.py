"""The message without the greetings said before it (knowledge/reading/lexicon/openers.yml).

A caller opens with "喂 你好" and goes on with the question in the same breath; the classifier learnt
喂 and 你好 from greetings alone, and took the whole message for one. Thanks before the next question
("谢了 要带啥") are dropped at run time only: the classifier learnt its thanks as they were written, and
the held-out figures stay those of that training."""
from __future__ import annotations

import re
from functools import cache

from knowledge.reading.vocabulary import alternation, read

# Not a letter or a digit: spaces, punctuation, emoji. Greetings are separated by runs of them, and
# what follows the greetings is counted without them.
_NOT_LETTER = r"[\W_]"


@cache
def _opening(acknowledgements: bool) -> re.Pattern[str]:
    words = read("openers")
    long = alternation(g for g in words["greetings"] if len(g) > 1)
    short = alternation((*(g for g in words["greetings"] if len(g) == 1), *(words["acknowledgements"] if acknowledgements else ())))
    glued = alternation(words["not_followed_by"])
    # a one-letter greeting (喂, 嗨) or a thanks only before a separator or another opener: 喂奶 is not 喂,
    # 谢谢你的耐心解答 is thanks
    one = f"(?:(?:{long})(?![a-z]|{glued})|(?:{short})(?={_NOT_LETTER}|$|{long}|{short}))"
    return re.compile(f"^{_NOT_LETTER}*(?:{one}{_NOT_LETTER}*)+", re.IGNORECASE)


def without_greeting(text: str, *, acknowledgements: bool = False) -> str:
    """"喂，你好！我想问下住院报销" → "我想问下住院报销"; "你好，在吗" stays as it is. With `acknowledgements`
    (at run time), the thanks before a question too: "好的 谢谢 那他们周末开门不" → "那他们周末开门不"."""
    opening = _opening(acknowledgements).match(text)
    if not opening:
        return text
    rest = text[opening.end() :]
    letters = re.sub(_NOT_LETTER, "", rest)
    return rest if len(letters) >= read("openers")["min_rest"] else text
