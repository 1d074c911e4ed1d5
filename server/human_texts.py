"""What the gateway says and understands around human service (server/data/human_service.yml)."""
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from server.bot_turn import Button
from server.data_files import load_yaml

_PUNCTUATION = re.compile(r"[\s，,。.、！!？?；;：:…~～\"“”]+")
_POLITE = ("请", "吧", "呢", "啊", "呀", "谢谢", "一下", "我", "俺")
# "好，那我等着", "行 不用了", "中 那你给俺转吧": an acknowledgement before the answer (kept when it is the
# answer: 好的)
_LEADING_ACK = re.compile("^[好行嗯哦那中]+(?=..)")


def bare(text: str) -> str:
    """The message without punctuation and polite words, for matching a whole short answer."""
    core = _PUNCTUATION.sub("", text).lower()
    for word in _POLITE:
        core = core.replace(word, "") if core != word else core
    return _LEADING_ACK.sub("", core)


@dataclass(frozen=True)
class HumanTexts:
    texts: Mapping[str, Any]
    buttons: Mapping[str, Button]
    answers: Mapping[str, frozenset[str]]
    hotline_rating: Mapping[str, int]
    ask_ticket_words: tuple[str, ...]

    def say(self, name: str, channel: str, **values: Any) -> str:
        """The text `name` for the channel (a text may have one wording for both)."""
        text = self.texts[name]
        if isinstance(text, Mapping):
            text = text[channel]
        return str(text).format(**values)

    def is_answer(self, kind: str, text: str) -> bool:
        """kind: leave_message, decline, cancel, same_question: the button pressed, or its words."""
        return text.strip() == self.buttons[kind].payload or bare(text) in self.answers[kind]

    def hotline_score(self, text: str) -> int | None:
        """1..5 from a keypad digit or words: 1 满意 -> 5, 2 基本满意 -> 3, 3 不满意 -> 1."""
        return self.hotline_rating.get(bare(text))


@lru_cache(maxsize=1)
def load_human_texts() -> HumanTexts:
    data = load_yaml("human_service.yml")
    return HumanTexts(
        texts=data["texts"],
        buttons={name: Button(title=b["title"], payload=b["payload"]) for name, b in data["buttons"].items()},
        answers={kind: frozenset(bare(str(word)) for word in words) for kind, words in data["answers"].items()},
        hotline_rating={bare(str(word)): int(score) for score, words in data["hotline_rating"].items() for word in words},
        ask_ticket_words=tuple(data["ask_ticket_words"]),
    )
