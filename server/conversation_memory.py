"""What the gateway remembers of each conversation between turns (in this process only)."""
from collections import OrderedDict, deque
from dataclasses import dataclass, field

from server.turn_meta import TurnMeta

RECENT_MESSAGES = 4


@dataclass
class ConversationState:
    first_question: str | None = None  # the first message that was not small talk
    recent: deque["tuple[str, str]"] = field(default_factory=lambda: deque(maxlen=RECENT_MESSAGES))
    misses: int = 0  # turns in a row the bot did not understand or the caller was not heard
    pending_details: str | None = None  # the part of the last spoken answer not read yet
    pending_meta: TurnMeta | None = None  # what that answer was

    def note(self, speaker: str, text: str) -> None:
        """speaker: "user" or "bot"."""
        self.recent.append((speaker, text))


class ConversationMemory:
    """Per-sender state, least recently used dropped first so memory stays bounded."""

    def __init__(self, max_conversations: int = 10_000) -> None:
        self._states: OrderedDict[str, ConversationState] = OrderedDict()
        self._max = max_conversations

    def get(self, sender: str) -> ConversationState:
        state = self._states.pop(sender, None) or ConversationState()
        self._states[sender] = state
        if len(self._states) > self._max:
            self._states.popitem(last=False)
        return state
