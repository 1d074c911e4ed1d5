"""A conversation on either channel, and its sender id at Rasa."""
from dataclasses import dataclass

SENDER_PREFIX = {"webchat": "web", "hotline": "call"}
CHANNELS = tuple(SENDER_PREFIX)


@dataclass(frozen=True)
class Conversation:
    channel: str  # "webchat" or "hotline"
    conversation_id: str  # the widget's session id or the call id

    @property
    def sender(self) -> str:
        """Rasa's sender id; the prefix keeps a session and a call with the same id apart."""
        return f"{SENDER_PREFIX[self.channel]}:{self.conversation_id}"
