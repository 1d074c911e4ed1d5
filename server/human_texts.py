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


# What the gateway's code passes to each text: a text may use these placeholders and no other ("{位置}"
# would fail the turn that says it), and every text must be there.
PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    name: frozenset(names)
    for name, names in {
        "queued": {"position"}, "queued_again": (), "after_hours": {"due", "hours", "reply_hours"},
        "no_agent": {"due", "hours", "reply_hours"}, "hours_open": {"due", "hours", "reply_hours"},
        "hours_after_hours": {"due", "hours", "reply_hours"}, "hours_no_agent": {"due", "hours", "reply_hours"},
        "agent_joined": {"work_number"}, "agent_left": (), "handed_back": (), "resolved": (), "user_left": (), "ask_question": (),
        "ask_phone": (), "phone_not_found": (), "phone_gave_up": (),
        "work_order_created": {"due", "phone", "reply_hours", "ticket"}, "declined": (), "cancelled": (),
        "ask_ticket": (), "ticket_open": {"due", "phone", "ticket"}, "ticket_answered": {"answer", "answered", "ticket"},
        "ticket_closed": {"ticket"}, "ticket_closed_answered": {"answer", "answered", "ticket"},
        "ticket_unknown": {"ticket"}, "rating_request": (), "rating_again": (), "rating_thanks": (), "goodbye": (),
    }.items()
}
CHANNELS = ("webchat", "hotline")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class HumanTextsError(ValueError):
    """server/data/human_service.yml breaks the contract above: said in words, with the text's name."""


def check_texts(texts: Mapping[str, Any]) -> list[str]:
    """Every problem of the texts, one line each (empty when they are fine)."""
    found = [f"texts.{name}: 缺少这段话" for name in PLACEHOLDERS if name not in texts]
    for name, text in texts.items():
        if name not in PLACEHOLDERS:
            found.append(f"texts.{name}: 程序不使用这段话（名字写错了？）")
            continue
        wordings = text if isinstance(text, Mapping) else {"": text}
        if isinstance(text, Mapping) and set(text) != set(CHANNELS):
            found.append(f"texts.{name}: 分渠道写时要有且只有 {' 和 '.join(CHANNELS)}")
        for channel, wording in wordings.items():
            where = f"texts.{name}" + (f".{channel}" if channel else "")
            if not isinstance(wording, str) or not wording.strip():
                found.append(f"{where}: 不能为空")
                continue
            unknown = sorted(set(_PLACEHOLDER.findall(wording)) - PLACEHOLDERS[name])
            if unknown:
                allowed = "、".join(f"{{{n}}}" for n in sorted(PLACEHOLDERS[name])) or "（无）"
                found.append(f"{where}: 用了 {'、'.join(f'{{{n}}}' for n in unknown)}，这里只能用 {allowed}")
    return found


@dataclass(frozen=True)
class HumanTexts:
    texts: Mapping[str, Any]
    buttons: Mapping[str, Button]
    answers: Mapping[str, frozenset[str]]
    answers_within: Mapping[str, tuple[str, ...]]
    not_within: tuple[str, ...]
    hotline_rating: Mapping[str, int]
    ask_ticket_words: tuple[str, ...]

    def say(self, name: str, channel: str, **values: Any) -> str:
        """The text `name` for the channel (a text may have one wording for both)."""
        text = self.texts[name]
        if isinstance(text, Mapping):
            text = text[channel]
        return str(text).format(**values)

    def is_answer(self, kind: str, text: str) -> bool:
        """kind: leave_message, decline, cancel, same_question: the button pressed, or its words: the whole
        message, or one of its `answers_within` inside a longer one that denies nothing ("那就转人工留言吧 俺电话就是
        这个号"; not "不留言了")."""
        core = bare(text)
        if text.strip() == self.buttons[kind].payload or core in self.answers[kind]:
            return True
        within = self.answers_within.get(kind, ())
        return any(word in core for word in within) and not any(word in core for word in self.not_within)

    def hotline_score(self, text: str) -> int | None:
        """1..5 from a keypad digit or words: 1 满意 -> 5, 2 基本满意 -> 3, 3 不满意 -> 1."""
        return self.hotline_rating.get(bare(text))


@lru_cache(maxsize=1)
def load_human_texts() -> HumanTexts:
    data = load_yaml("human_service.yml")
    problems = check_texts(data["texts"])
    if problems:
        raise HumanTextsError("server/data/human_service.yml: " + "；".join(problems))
    return HumanTexts(
        texts=data["texts"],
        buttons={name: Button(title=b["title"], payload=b["payload"]) for name, b in data["buttons"].items()},
        answers={kind: frozenset(bare(str(word)) for word in words) for kind, words in data["answers"].items()},
        answers_within={kind: tuple(map(str, words)) for kind, words in data["answers_within"].items()},
        not_within=tuple(map(str, data["not_within"])),
        hotline_rating={bare(str(word)): int(score) for score, words in data["hotline_rating"].items() for word in words},
        ask_ticket_words=tuple(data["ask_ticket_words"]),
    )
