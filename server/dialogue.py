"""One turn of a conversation on any channel: Rasa, the bot's signals, and hand-offs.

Nothing is kept in this process between turns: what a conversation carries from one turn to the
next is in the store (server/store/conversation_state.py), so any gateway process takes any turn."""
import asyncio
import logging
from dataclasses import dataclass

from knowledge.reading.person_request import transfer_topic
from server.bot_turn import MalformedBotAnswer, Reply, parse_bot_messages
from server.conversation import CHANNELS, Conversation
from server.handoff_summary import is_button_payload, summary_from_tracker, summary_from_transcript
from server.human_service import HandoffOutcome, HumanService
from server.phrases import Phrases
from server.rasa_client import RasaClient, RasaConversation, RasaUnavailable
from server.store.conversation_state import ConversationState, ConversationStateStore
from server.store.transcripts import TranscriptStore
from server.texts import Texts
from server.turn_meta import BUSY, HANDOFF, TurnMeta

log = logging.getLogger(__name__)

MISSES_BEFORE_HANDOFF = 3
# A bot turn without any meta signal: every response and action marks its turns (a test checks the
# domain), so this is only a reply the bot did not classify.
UNMARKED = TurnMeta("smalltalk")
# A request for a person is answered by the 人工服务 topic: what the caller hears (transferred with the
# conversation's summary, or the service hours and a callback) is what that topic promises, and
# `handoff` says the conversation went to human service. `handoff` as a kind is left for the hand-overs
# the assistant decides itself (repeated misunderstanding, a caller not heard).
PERSON_REQUESTED = TurnMeta("answer", topic=transfer_topic())
USER_REQUEST = "user_request"


@dataclass(frozen=True)
class TurnResult:
    replies: tuple[Reply, ...]
    meta: TurnMeta
    handoff: bool = False
    end_call: bool = False
    handoff_outcome: HandoffOutcome | None = None  # the turn asked for a person: queued, or nobody there


class Dialogue:
    def __init__(
        self,
        rasa: RasaClient,
        human: HumanService,
        states: ConversationStateStore,
        transcripts: TranscriptStore,
        phrases: Phrases,
        texts: Texts,
    ) -> None:
        self._rasa = rasa
        self._human = human
        self._states = states
        self._transcripts = transcripts
        self._phrases = phrases
        self._texts = texts

    def _is_question(self, text: str) -> bool:
        return not (
            is_button_payload(text)
            or self._phrases.is_small_talk(text)
            or any(self._phrases.asks_for_person(text, channel) for channel in CHANNELS)
        )

    async def user_turn(
        self, conversation: Conversation, text: str, state: ConversationState, region: str | None = None
    ) -> TurnResult:
        """text: as accepted by server.message_text (personal numbers masked); state: the conversation's,
        as this turn read it first. A hand-off is requested here; the caller says what became of it
        (server/reception.py)."""
        log.debug("%s says: %s", conversation.sender, text)
        rasa = self._rasa.conversation(conversation.sender)  # one process for the whole turn
        if self._phrases.asks_for_person(text, conversation.channel):
            # answered here, so a person can be reached even when the bot is down
            outcome = await self.hand_off(conversation, USER_REQUEST, rasa, text)
            return TurnResult((), PERSON_REQUESTED, handoff=True, handoff_outcome=outcome)
        try:
            # Sent with the message, and only when it changed: a city the user named in words stands
            # until the widget's choice changes.
            changed = region if region and region != state.region else None
            turn = parse_bot_messages(await rasa.send_message(text, conversation.channel, changed))
            if changed:
                await asyncio.to_thread(self._states.update, conversation, region=changed)
        except (RasaUnavailable, MalformedBotAnswer) as exc:
            log.warning("no answer from the bot for %s: %s", conversation.sender, exc)
            return TurnResult((Reply(self._texts.busy),), BUSY)
        if not (turn.replies or turn.handoff_reason or turn.end_call):
            # Rasa answers with nothing when a custom action failed (action server down)
            log.warning("empty answer from the bot for %s", conversation.sender)
            return TurnResult((Reply(self._texts.busy),), BUSY)
        misses = state.misses + 1 if turn.not_understood else 0
        if turn.handoff_reason:
            outcome = await self.hand_off(conversation, turn.handoff_reason, rasa, text)
            meta = PERSON_REQUESTED if turn.handoff_reason == USER_REQUEST else HANDOFF
            return TurnResult(turn.replies, meta, handoff=True, end_call=turn.end_call, handoff_outcome=outcome)
        if misses >= MISSES_BEFORE_HANDOFF:
            outcome = await self.hand_off(conversation, "not_understood", rasa, text)
            return TurnResult(turn.replies, HANDOFF, handoff=True, handoff_outcome=outcome)
        if misses != state.misses:
            await asyncio.to_thread(self._states.update, conversation, misses=misses)
        return TurnResult(turn.replies, turn.meta or UNMARKED, end_call=turn.end_call)

    async def unheard_turn(self, conversation: Conversation) -> HandoffOutcome | None:
        """The user could not be understood (low ASR confidence); the bot is not asked.
        A hand-off's outcome when this was one miss too many."""
        misses = (await asyncio.to_thread(self._states.get, conversation)).misses + 1
        if misses < MISSES_BEFORE_HANDOFF:
            await asyncio.to_thread(self._states.update, conversation, misses=misses)
            return None
        return await self.hand_off(conversation, "low_confidence", self._rasa.conversation(conversation.sender), None)

    async def hand_off(
        self, conversation: Conversation, reason: str, rasa: RasaConversation, text: str | None
    ) -> HandoffOutcome:
        """Asks for a person, with the summary an agent reads first; `text`: the message of this turn."""
        await asyncio.to_thread(self._states.update, conversation, misses=0)
        try:
            summary = summary_from_tracker(await rasa.tracker(), self._is_question)
        except RasaUnavailable:
            history = await asyncio.to_thread(
                self._transcripts.history, conversation.channel, conversation.conversation_id
            )
            summary = summary_from_transcript(history, text, self._is_question)
        return await self._human.request(conversation, reason, summary)
