"""One hotline turn: ASR transcript in, text for TTS out."""
import asyncio
import sys
from dataclasses import dataclass, replace

from server.conversation import Conversation
from server.human_service import QUEUED
from server.phrases import Phrases
from server.privacy import Unmasked
from server.reception import Answer, Reception
from server.speech import SUMMARY_LIMIT, render_speech
from server.store.conversation_state import ConversationState, ConversationStateStore
from server.texts import Texts
from server.transcript import TranscriptNormalizer
from server.turn_meta import NOT_HEARD, TurnMeta

# The kinds of turn that ask the caller something (server/turn_meta.py).
_AWAITING_AN_ANSWER = frozenset({"ask", "clarify"})


@dataclass(frozen=True)
class SpokenTurn:
    speech: str
    handoff: bool  # transfer the call to the agents' queue now
    end_call: bool
    meta: TurnMeta
    handoff_id: int | None = None


class Hotline:
    def __init__(
        self,
        reception: Reception,
        states: ConversationStateStore,
        normalizer: TranscriptNormalizer,
        phrases: Phrases,
        texts: Texts,
        min_confidence: float,
    ) -> None:
        self._reception = reception
        self._states = states
        self._normalizer = normalizer
        self._phrases = phrases
        self._texts = texts
        self._min_confidence = min_confidence

    async def turn(
        self,
        call_id: str,
        transcript: str,
        confidence: float | None,
        unmasked: Unmasked,
        caller_number: str | None = None,
    ) -> SpokenTurn:
        call = Conversation("hotline", call_id)
        start = await self._reception.start(call)
        state = start.state
        text = self._normalizer.normalize(transcript)
        if not text or (confidence is not None and confidence < self._min_confidence):
            handed_off = await self._reception.unheard(call, caller_number)
            if handed_off is not None:
                await self._keep_details(call, state, None, None)
                return self._spoken(handed_off)[0]
            return await self._not_heard(call)
        if state.pending_details and self._phrases.asks_for_details(text):
            await self._keep_details(call, state, None, None)
            # the rest of the answer before: the same kind of turn
            meta = state.pending_meta or NOT_HEARD
            await self._reception.record_details(call, text, state.pending_details, meta)
            return SpokenTurn(state.pending_details, handoff=False, end_call=False, meta=meta)
        asks_again = self._phrases.asks_to_repeat(text)
        again = await self._reception.last_answer(call, self._phrases.asks_for_details) if asks_again else None
        answer = again if again is not None else await self._reception.turn(
            call, text, unmasked, caller_number=caller_number, start=start
        )
        spoken, rest = self._spoken(answer, more=self._phrases.asks_for_details(text))
        await self._keep_details(call, state, rest, answer.meta if rest else None)
        return spoken if again is None else replace(spoken, speech=self._texts.repeat_intro + spoken.speech)

    async def _keep_details(
        self, call: Conversation, state: ConversationState, details: str | None, meta: TurnMeta | None
    ) -> None:
        """The unread part of the answer, for whichever gateway process takes the caller's 详细 (written
        only when it changes)."""
        if (details, meta) != (state.pending_details, state.pending_meta):
            await asyncio.to_thread(self._states.update, call, pending_details=details, pending_meta=meta)

    async def _not_heard(self, call: Conversation) -> SpokenTurn:
        """"没听清", with the question the caller was asked said again (the cost form's, a choice): on the
        phone there is no screen to look back at."""
        last = await self._reception.last_answer(call, self._phrases.asks_for_details)
        if last is None or last.meta.kind not in _AWAITING_AN_ANSWER:
            return SpokenTurn(self._texts.not_heard, handoff=False, end_call=False, meta=NOT_HEARD)
        question = self._spoken(last)[0].speech
        return SpokenTurn(self._texts.not_heard_question + question, handoff=False, end_call=False, meta=NOT_HEARD)

    def _spoken(self, answer: Answer, more: bool = False) -> tuple[SpokenTurn, str | None]:
        """The speech, and the rest of a long answer (read when the caller says 详细); `more`: the caller asked
        for the details, which this answer gives."""
        transfer = answer.human.mode == QUEUED
        # a question is spoken whole: "需要详细说明的话" cut into it comes before its choices, and the caller must answer
        awaited = answer.meta.kind in _AWAITING_AN_ANSWER
        rendered = render_speech(answer.replies, self._texts, limit=sys.maxsize if awaited else SUMMARY_LIMIT, more=more)
        spoken = SpokenTurn(
            rendered.speech,
            handoff=transfer,
            end_call=answer.end_call,
            meta=answer.meta,
            handoff_id=answer.human.handoff_id if transfer else None,
        )
        return spoken, None if transfer else rendered.rest
