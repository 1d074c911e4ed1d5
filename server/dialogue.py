"""One turn of a conversation on any channel: Rasa, the bot's signals, and hand-offs."""
import asyncio
import logging
from dataclasses import dataclass

from server.bot_turn import MalformedBotAnswer, Reply, parse_bot_messages
from server.conversation_memory import ConversationMemory, ConversationState
from server.handoff_store import HandoffStore
from server.handoff_summary import is_button_payload, summary_from_memory, summary_from_tracker
from server.phrases import Phrases
from server.rasa_client import RasaClient, RasaConversation, RasaUnavailable
from server.texts import Texts
from server.turn_meta import BUSY, HANDOFF, TurnMeta

log = logging.getLogger(__name__)

MISSES_BEFORE_HANDOFF = 3
SENDER_PREFIX = {"webchat": "web", "hotline": "call"}


@dataclass(frozen=True)
class Conversation:
    channel: str  # "webchat" or "hotline"
    conversation_id: str  # the widget's session id or the call id

    @property
    def sender(self) -> str:
        """Rasa's sender id; the prefix keeps a session and a call with the same id apart."""
        return f"{SENDER_PREFIX[self.channel]}:{self.conversation_id}"


# A bot turn without any meta signal: every response and action marks its turns (a test checks the
# domain), so this is only a reply the bot did not classify.
UNMARKED = TurnMeta("smalltalk")


@dataclass(frozen=True)
class TurnResult:
    replies: tuple[Reply, ...]
    meta: TurnMeta
    handoff: bool = False
    end_call: bool = False


class Dialogue:
    def __init__(
        self, rasa: RasaClient, store: HandoffStore, memory: ConversationMemory, phrases: Phrases, texts: Texts
    ) -> None:
        self._rasa = rasa
        self._store = store
        self._memory = memory
        self._phrases = phrases
        self._texts = texts

    def state(self, conversation: Conversation) -> ConversationState:
        return self._memory.get(conversation.sender)

    def _is_question(self, text: str) -> bool:
        return not (
            is_button_payload(text)
            or self._phrases.is_small_talk(text)
            or any(self._phrases.asks_for_person(text, channel) for channel in SENDER_PREFIX)
        )

    async def user_turn(self, conversation: Conversation, text: str, region: str | None = None) -> TurnResult:
        """text: as accepted by server.message_text (personal numbers masked)."""
        log.debug("%s says: %s", conversation.sender, text)
        state = self.state(conversation)
        state.note("user", text)
        if state.first_question is None and self._is_question(text):
            state.first_question = text
        handoff_text = self._texts.handoff_chat
        rasa = self._rasa.conversation(conversation.sender)  # one process for the whole turn
        if self._phrases.asks_for_person(text, conversation.channel):
            # answered here, so a person can be reached even when the bot is down
            await self.hand_off(conversation, "user_request", rasa)
            return TurnResult((Reply(handoff_text),), HANDOFF, handoff=True)
        try:
            if region:
                await rasa.set_slot("region", region)
            turn = parse_bot_messages(await rasa.send_message(text, conversation.channel))
        except (RasaUnavailable, MalformedBotAnswer) as exc:
            log.warning("no answer from the bot for %s: %s", conversation.sender, exc)
            return TurnResult((Reply(self._texts.busy),), BUSY)
        if not (turn.replies or turn.handoff_reason or turn.end_call):
            # Rasa answers with nothing when a custom action failed (action server down)
            log.warning("empty answer from the bot for %s", conversation.sender)
            return TurnResult((Reply(self._texts.busy),), BUSY)
        for reply in turn.replies:
            state.note("bot", reply.text)
        state.misses = state.misses + 1 if turn.not_understood else 0
        if turn.handoff_reason:
            await self.hand_off(conversation, turn.handoff_reason, rasa)
            return TurnResult(turn.replies, HANDOFF, handoff=True, end_call=turn.end_call)
        if state.misses >= MISSES_BEFORE_HANDOFF:
            await self.hand_off(conversation, "not_understood", rasa)
            return TurnResult(turn.replies + (Reply(handoff_text),), HANDOFF, handoff=True)
        return TurnResult(turn.replies, turn.meta or UNMARKED, end_call=turn.end_call)

    async def unheard_turn(self, conversation: Conversation) -> bool:
        """The user could not be understood (low ASR confidence); the bot is not asked.
        True when this was one miss too many and the conversation was handed off."""
        state = self.state(conversation)
        state.misses += 1
        if state.misses < MISSES_BEFORE_HANDOFF:
            return False
        await self.hand_off(conversation, "low_confidence", self._rasa.conversation(conversation.sender))
        return True

    async def hand_off(self, conversation: Conversation, reason: str, rasa: RasaConversation) -> None:
        """Queues the conversation for a person, unless it is queued already."""
        state = self.state(conversation)
        state.misses = 0
        # sqlite3 blocks: the store runs in a worker thread, never on the event loop
        if await asyncio.to_thread(self._store.find_open, conversation.channel, conversation.conversation_id):
            return
        try:
            summary = summary_from_tracker(await rasa.tracker(), self._is_question)
        except RasaUnavailable:
            summary = summary_from_memory(state)
        handoff, created = await asyncio.to_thread(
            self._store.open, conversation.channel, conversation.conversation_id, reason, summary
        )
        if created:
            log.info("hand-off %s opened for %s (%s)", handoff.id, conversation.sender, reason)
