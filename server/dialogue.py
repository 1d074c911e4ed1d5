"""One turn of a conversation on any channel: Rasa, the bot's signals, and hand-offs."""
import logging
from dataclasses import dataclass

from server.bot_turn import MalformedBotAnswer, Reply, parse_bot_messages
from server.conversation import CHANNELS, Conversation
from server.conversation_memory import ConversationMemory, ConversationState
from server.handoff_summary import is_button_payload, summary_from_memory, summary_from_tracker
from server.human_service import HandoffOutcome, HumanService
from server.phrases import Phrases
from server.rasa_client import RasaClient, RasaConversation, RasaUnavailable
from server.texts import Texts
from server.turn_meta import BUSY, HANDOFF, TurnMeta

log = logging.getLogger(__name__)

MISSES_BEFORE_HANDOFF = 3
# A bot turn without any meta signal: every response and action marks its turns (a test checks the
# domain), so this is only a reply the bot did not classify.
UNMARKED = TurnMeta("smalltalk")


@dataclass(frozen=True)
class TurnResult:
    replies: tuple[Reply, ...]
    meta: TurnMeta
    handoff: bool = False
    end_call: bool = False
    handoff_outcome: HandoffOutcome | None = None  # the turn asked for a person: queued, or nobody there


class Dialogue:
    def __init__(
        self, rasa: RasaClient, human: HumanService, memory: ConversationMemory, phrases: Phrases, texts: Texts
    ) -> None:
        self._rasa = rasa
        self._human = human
        self._memory = memory
        self._phrases = phrases
        self._texts = texts

    def state(self, conversation: Conversation) -> ConversationState:
        return self._memory.get(conversation.sender)

    def _is_question(self, text: str) -> bool:
        return not (
            is_button_payload(text)
            or self._phrases.is_small_talk(text)
            or any(self._phrases.asks_for_person(text, channel) for channel in CHANNELS)
        )

    async def user_turn(self, conversation: Conversation, text: str, region: str | None = None) -> TurnResult:
        """text: as accepted by server.message_text (personal numbers masked). A hand-off is
        requested here; the caller says what became of it (server/reception.py)."""
        log.debug("%s says: %s", conversation.sender, text)
        state = self.state(conversation)
        state.note("user", text)
        if state.first_question is None and self._is_question(text):
            state.first_question = text
        rasa = self._rasa.conversation(conversation.sender)  # one process for the whole turn
        if self._phrases.asks_for_person(text, conversation.channel):
            # answered here, so a person can be reached even when the bot is down
            outcome = await self.hand_off(conversation, "user_request", rasa)
            return TurnResult((), HANDOFF, handoff=True, handoff_outcome=outcome)
        try:
            # Only a change is sent: one tracker load and save less per turn, and a city the user
            # named in words stands until the widget's choice changes.
            if region and region != state.region:
                await rasa.set_slot("region", region)
                state.region = region
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
            outcome = await self.hand_off(conversation, turn.handoff_reason, rasa)
            return TurnResult(turn.replies, HANDOFF, handoff=True, end_call=turn.end_call, handoff_outcome=outcome)
        if state.misses >= MISSES_BEFORE_HANDOFF:
            outcome = await self.hand_off(conversation, "not_understood", rasa)
            return TurnResult(turn.replies, HANDOFF, handoff=True, handoff_outcome=outcome)
        return TurnResult(turn.replies, turn.meta or UNMARKED, end_call=turn.end_call)

    async def unheard_turn(self, conversation: Conversation) -> HandoffOutcome | None:
        """The user could not be understood (low ASR confidence); the bot is not asked.
        A hand-off's outcome when this was one miss too many."""
        state = self.state(conversation)
        state.misses += 1
        if state.misses < MISSES_BEFORE_HANDOFF:
            return None
        return await self.hand_off(conversation, "low_confidence", self._rasa.conversation(conversation.sender))

    async def hand_off(self, conversation: Conversation, reason: str, rasa: RasaConversation) -> HandoffOutcome:
        """Asks for a person, with the summary an agent reads first."""
        state = self.state(conversation)
        state.misses = 0
        try:
            summary = summary_from_tracker(await rasa.tracker(), self._is_question)
        except RasaUnavailable:
            summary = summary_from_memory(state)
        return await self._human.request(conversation, reason, summary)
