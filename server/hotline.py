"""One hotline turn: ASR transcript in, text for TTS out."""
from dataclasses import dataclass

from server.conversation_memory import ConversationState
from server.dialogue import Conversation, Dialogue
from server.phrases import Phrases
from server.speech import render_speech
from server.texts import Texts
from server.transcript import TranscriptNormalizer
from server.turn_meta import HANDOFF, NOT_HEARD, TurnMeta


@dataclass(frozen=True)
class SpokenTurn:
    speech: str
    handoff: bool
    end_call: bool
    meta: TurnMeta


class Hotline:
    def __init__(
        self,
        dialogue: Dialogue,
        normalizer: TranscriptNormalizer,
        phrases: Phrases,
        texts: Texts,
        min_confidence: float,
    ) -> None:
        self._dialogue = dialogue
        self._normalizer = normalizer
        self._phrases = phrases
        self._texts = texts
        self._min_confidence = min_confidence

    async def turn(self, call_id: str, transcript: str, confidence: float | None) -> SpokenTurn:
        call = Conversation("hotline", call_id)
        state = self._dialogue.state(call)
        text = self._normalizer.normalize(transcript)
        if not text or (confidence is not None and confidence < self._min_confidence):
            if await self._dialogue.unheard_turn(call):
                return self._handed_off(state)
            return SpokenTurn(self._texts.not_heard, handoff=False, end_call=False, meta=NOT_HEARD)
        if state.pending_details and self._phrases.asks_for_details(text):
            details, state.pending_details = state.pending_details, None
            # the rest of the answer before: the same kind of turn
            return SpokenTurn(details, handoff=False, end_call=False, meta=state.pending_meta or NOT_HEARD)
        result = await self._dialogue.user_turn(call, text)
        if result.handoff:
            return self._handed_off(state)
        answer = render_speech(result.replies, self._texts)
        state.pending_details, state.pending_meta = answer.rest, result.meta
        return SpokenTurn(answer.speech, handoff=False, end_call=result.end_call, meta=result.meta)

    def _handed_off(self, state: ConversationState) -> SpokenTurn:
        state.pending_details = None
        return SpokenTurn(self._texts.handoff_speech, handoff=True, end_call=False, meta=HANDOFF)
