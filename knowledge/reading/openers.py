"""The message without the greetings said before it (knowledge/reading/lexicon/openers.yml).

A caller opens with "喂 你好" and goes on with the question in the same breath; the classifier learnt
喂 and 你好 from greetings alone, and took the whole message for one."""
from __future__ import annotations

import re
from functools import cache

from knowledge.reading.vocabulary import alternation, read

# Between greetings and after them: spaces, punctuation, emoji (anything but letters and digits).
_SEPARATOR = r"[\W_]*"


@cache
def _opening() -> re.Pattern[str]:
    greetings, glued = read("openers")["greetings"], alternation(read("openers")["not_followed_by"])
    # a one-letter greeting (喂, 嗨) only before a separator or another greeting: 喂奶 is not 喂
    short = [g for g in greetings if len(g) == 1]
    long = [g for g in greetings if len(g) > 1]
    one = (
        f"(?:(?:{alternation(long)})(?![a-z]|{glued})"
        f"|(?:{alternation(short)})(?=[\\W_]|$|{alternation(long)}))"
    )
    return re.compile(f"^{_SEPARATOR}(?:{one}{_SEPARATOR})+", re.IGNORECASE)


def without_greeting(text: str) -> str:
    """"喂，你好！我想问下住院报销" → "我想问下住院报销"; "你好，在吗" stays as it is."""
    opening = _opening().match(text)
    if not opening:
        return text
    rest = text[opening.end() :]
    letters = re.sub(r"[\W_]", "", rest)
    return rest if len(letters) >= read("openers")["min_rest"] else text
