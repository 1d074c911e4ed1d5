"""The fixed messages the virtual users send (bench/messages.yml)."""
from collections.abc import Sequence
from pathlib import Path

import yaml

MESSAGES_FILE = Path(__file__).with_name("messages.yml")


def load_messages(path: Path = MESSAGES_FILE) -> list[str]:
    """All messages, in file order (greetings, FAQ questions, the cost question)."""
    groups = yaml.safe_load(path.read_text(encoding="utf-8"))
    messages = [text for group in groups.values() for text in group]
    if not messages or not all(isinstance(text, str) and text.strip() for text in messages):
        raise ValueError(f"{path}: every group must list non-empty strings")
    return messages


def session_message(messages: Sequence[str], session: int, turn: int) -> str:
    """Session n starts at message n, so concurrent sessions do not all send the same text at once."""
    return messages[(session + turn) % len(messages)]
