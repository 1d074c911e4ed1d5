"""The note a human agent reads in ten seconds when taking over a conversation.

It says what the user asked (the last message before the hand-off that is not small talk or a
button: a second hand-off in a conversation is about its own question), what the bot gathered
(named as server/data/summary.yml says, the bot's bookkeeping left out), and the last few messages. Built from Rasa's tracker, or from what
the gateway saw when the tracker cannot be read. Personal numbers are masked once more: a
tracker may hold text that never passed the gateway (a conversation from before masking).
"""
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from knowledge.shared_facts import LEVEL_NAMES, REGIONS
from server.data_files import load_yaml
from server.privacy import mask_personal_numbers
from server.store.transcripts import AGENT, BOT, USER
from server.store.transcripts import Message as StoredMessage

RECENT_MESSAGES = 4
_NAMES = load_yaml("summary.yml")
_AMOUNTS = ("total", "policy", "self_paid", "used")  # shown with 元
MESSAGE_CHARS = 60
SPEAKERS = {"user": "用户", "bot": "助手"}

AGENT_PREFIX = "agent:"

Message = tuple[str, str]  # (speaker "user", "bot" or "agent:<work number>", text)


def _label(speaker: str) -> str:
    return f"客服{speaker.removeprefix(AGENT_PREFIX)}" if speaker.startswith(AGENT_PREFIX) else SPEAKERS[speaker]


def is_button_payload(text: str) -> bool:
    return text.startswith("/")


def _clip(text: str, limit: int = MESSAGE_CHARS) -> str:
    text = mask_personal_numbers(" ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _gathered(name: str, value: Any) -> str:
    """"医院等级：三级", "总费用：16000元", "参保地：滨州市"; a slot summary.yml does not name, by its own name."""
    label = _NAMES["labels"].get(name)
    if label is None:
        return f"{name}={_clip(str(value))}"
    number = _number(value)
    if isinstance(value, bool):
        shown = _NAMES["said_yes"] if value else _NAMES["said_no"]
    elif name == "level" and number is not None and int(number) in LEVEL_NAMES:
        shown = LEVEL_NAMES[int(number)]  # Rasa keeps 3 as 3.0
    elif name == "region" and value in REGIONS:
        shown = REGIONS[value]
    elif number is not None:
        shown = f"{number.normalize():f}" + (_NAMES["yuan"] if name in _AMOUNTS else "")
    else:
        shown = str(value)
    return f"{label}：{_clip(shown)}"


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def format_summary(question: str | None, slots: Mapping[str, Any], recent: Iterable[Message]) -> str:
    lines = [f"问题：{_clip(question) if question else '（尚未提出具体问题）'}"]
    shown_slots = (name for name in _NAMES["labels"] if name in slots)  # in the order of summary.yml, then the rest
    others = sorted(name for name in slots if name not in _NAMES["labels"])
    gathered = [
        _gathered(name, slots[name])
        for name in (*shown_slots, *others)
        if name not in _NAMES["hidden"] and not _is_empty(slots[name])
    ]
    if gathered:
        lines.append("信息：" + "；".join(gathered))
    shown = [f"{_label(speaker)}：{_clip(text)}" for speaker, text in recent if not is_button_payload(text)]
    if shown:
        lines.append("最近：" + " ｜ ".join(shown))
    return "\n".join(lines)


def _speaker(event: Mapping[str, Any]) -> str:
    """user, bot, or the agent who said it (a bot event the gateway added for an agent's reply)."""
    metadata = event.get("metadata")
    agent = metadata.get("agent") if isinstance(metadata, dict) else None
    return f"{AGENT_PREFIX}{agent}" if event["event"] == "bot" and isinstance(agent, str) else str(event["event"])


def summary_from_tracker(tracker: Mapping[str, Any], is_question: Callable[[str], bool]) -> str:
    messages: list[Message] = [
        (_speaker(event), event["text"])
        for event in tracker.get("events") or []
        if isinstance(event, dict) and event.get("event") in SPEAKERS and isinstance(event.get("text"), str)
    ]
    question = next((text for speaker, text in reversed(messages) if speaker == "user" and is_question(text)), None)
    raw_slots = tracker.get("slots")
    slots = raw_slots if isinstance(raw_slots, dict) else {}
    return format_summary(question, slots, messages[-RECENT_MESSAGES:])


def summary_from_transcript(
    history: Iterable[StoredMessage], current: str | None, is_question: Callable[[str], bool]
) -> str:
    """From what the gateway recorded (when Rasa's tracker cannot be read): the turn being handled
    is not recorded yet, so `current` (its message, if any was heard) is the user's last one."""
    messages: list[Message] = []
    for stored in history:
        if stored.speaker == AGENT:
            messages.append((f"{AGENT_PREFIX}{stored.agent_work_number or ''}", stored.text))
        elif stored.speaker in (USER, BOT):
            messages.append((stored.speaker, stored.text))
    if current:
        messages.append((USER, current))
    question = next((text for speaker, text in reversed(messages) if speaker == USER and is_question(text)), None)
    return format_summary(question, {}, messages[-RECENT_MESSAGES:])
